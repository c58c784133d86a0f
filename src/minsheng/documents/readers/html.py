"""HTML tables as government sites publish them: rowspan/colspan, <br> lines."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, Comment, Tag

from ..parsed import Cell, Document, Table

BLOCKS = ("p", "div", "h1", "h2", "h3", "h4", "caption")
# A printed line break: <br> or the end of a block (<p>, <div>, <li>). Source
# newlines are only white space, as a browser shows them.
LINE = "\u2029"
# A <br>: a printed line break inside one block (a wrap the page may have made, shapes/wraps.py).
BREAK = "\u2028"
CJK = "\u3000-\u9fff\uff00-\uffef"
SEGMENT_BREAK = re.compile(rf"(?<=[{CJK}])[ \t\r]*\n\s*(?=[{CJK}])")


def read_html(path: Path) -> Document:
    raw = path.read_bytes()
    soup = BeautifulSoup(raw, "lxml")
    for br in soup.find_all("br"):
        br.replace_with(BREAK)
    for block in soup.find_all([*BLOCKS, "li", "td", "th", "tr"]):
        block.append(LINE)
    tables: list[Table] = []
    paragraphs: list[str] = []
    caption: list[str] = []
    body = soup.body or soup
    leaf: dict[int, bool] = {}
    for node in body.find_all(["table", "td", "th", *BLOCKS]):
        if _in_data_table(node, leaf):
            continue  # text inside a data table belongs to its cells
        if node.name == "table" and node.find("table") is not None:
            continue  # a page-layout table around the data table: its text is read piece by piece
        if node.name in ("td", "th") and node.find(["table", *BLOCKS]) is not None:
            continue
        if node.name == "table":
            table = _read_table(node, f"表格 {len(tables) + 1}")
            cap = node.find("caption")
            table.caption = caption[-6:] + ([_text(cap)] if cap else [])
            tables.append(table)
            caption = []
        elif not node.find(["table", *BLOCKS]):
            text = _text(node)
            if text:
                caption.append(text)
    paragraphs, same_block = _body_lines(body)
    parted = frozenset(range(len(paragraphs) - 1)) - same_block
    return Document(name=path.name, tables=tables, paragraphs=paragraphs, same_block=same_block, parted=parted)


def _body_lines(body: Tag) -> tuple[list[str], frozenset[int]]:
    """Every printed line outside the data tables, in order: text in <li>, in <span>s or loose in a
    <div> beside its <p>s counts too (a list plan is often printed that way); and the lines a <br>
    parts from the next one inside their block."""
    data_tables = {id(t) for t in body.find_all("table") if t.find("table") is None and _columns(t) >= 2}
    pieces: list[str] = []
    for string in body.find_all(string=True):
        parent = string.parent
        if isinstance(string, Comment) or parent is None or parent.name in ("script", "style", "noscript", "title"):
            continue
        if any(id(tag) in data_tables for tag in string.parents):
            continue
        pieces.append(str(string))
    text = SEGMENT_BREAK.sub("", "".join(pieces))
    lines: list[str] = []
    same_block: set[int] = set()
    for block in text.split(LINE):
        inside = [" ".join(line.split()) for line in block.split(BREAK)]
        inside = [line for line in inside if line]
        same_block.update(range(len(lines), len(lines) + len(inside) - 1))
        lines.extend(inside)
    return lines, frozenset(same_block)


def _columns(table: Tag) -> int:
    """A one-column table lays a page out (a box around the text); it holds no grid of data."""
    return max((len(tr.find_all(["td", "th"], recursive=False)) for tr in table.find_all("tr")), default=0)


def _in_data_table(node: Tag, leaf: dict[int, bool]) -> bool:
    """Inside a table that holds no table: the data, not the page layout around it."""
    parent = node.find_parent("table")
    if parent is None:
        return False
    if id(parent) not in leaf:
        leaf[id(parent)] = parent.find("table") is None
    return leaf[id(parent)]


def _text(node: Tag) -> str:
    # A source line break between two Chinese characters joins them (CSS Text 3), else it is a space.
    text = SEGMENT_BREAK.sub("", node.get_text()).replace(BREAK, LINE)
    lines = [" ".join(line.split()) for line in text.split(LINE)]
    return "\n".join(line for line in lines if line).strip()


def _span(node: Tag, attr: str) -> int:
    try:
        return max(1, int(str(node.get(attr, "1")).strip() or 1))
    except ValueError:
        return 1


def _read_table(table: Tag, where: str) -> Table:
    cells: list[Cell] = []
    taken: set[tuple[int, int]] = set()
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    for r, tr in enumerate(rows):
        col = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while (r, col) in taken:
                col += 1
            rowspan, colspan = _span(td, "rowspan"), _span(td, "colspan")
            cells.append(Cell(row=r, col=col, text=_text(td), rowspan=rowspan, colspan=colspan))
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, col + dc))
            col += colspan
    return Table(cells=cells, where=where)
