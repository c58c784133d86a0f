"""A delimited table whose rows were broken after every delimiter: what a bar-ruled or Markdown
row (`| 1 | 名称 | 住建局 |`) or a sheet's tab-separated row becomes when a page, an editor or a
messaging app puts each cell on its own line.

    |
    1 |
    南環路西延段道路建設項目 |
    住建局 |
    |

Each row opens with a line holding the delimiter alone; each cell is a line closed by it (a
cell's own line breaks come before its delimiter); a line of delimiters only is the empty cells
that close a spanned row (a title over the whole table). The delimiter is whichever one the
lines end with (`|`, `｜` or a tab), not one spelling of it. The rows come back as the
cell-per-line form the text reader reads (a tab-led line per cell, a blank line per row), so a
flattened table goes to the same table reader and column roles as any other.
"""

from __future__ import annotations

from collections.abc import Callable

_DELIMITERS = ("|", "｜", "\t")
_MIN_CELLS = 6  # cell lines enough to be a table, not a caption that ends with a bar
_MIN_ROWS = 2


def unbroken_rows(lines: list[str]) -> list[str]:
    """The lines with a broken-row table as the cell-per-line form; unchanged when there is none."""
    delimiter = _delimiter(lines)
    if delimiter is None:
        return _without_closing_delimiter(lines)
    out: list[str] = []
    row: list[list[str]] | None = None
    ruled = False  # whether a row of cells has been written: a one-cell row after one is a category row
    waiting: list[str] = []  # a cell's lines before the one its delimiter closes
    for line in lines:
        bare = line.strip(" \u3000\u00a0")
        if bare == delimiter or (row is None and bare and set(bare) == {delimiter}):
            ruled = _flush(out, row, waiting, ruled)
            row, waiting = [], []
        elif row is not None and bare and set(bare) == {delimiter}:
            row.extend([[]] * len(bare))  # the empty cells closing a spanned row
        elif row is not None and bare.endswith(delimiter):
            row.append([*waiting, bare[: -len(delimiter)].strip()])
            waiting = []
        elif row is not None and bare and delimiter not in bare:
            waiting.append(bare)
        else:
            ruled = _flush(out, row, waiting, ruled)
            row, waiting = None, []
            out.append(line)
    _flush(out, row, waiting, ruled)
    return out


def rows_rejoined(lines: list[str], is_header: Callable[[list[str]], bool]) -> list[str]:
    """A delimited row (`1 | 名称 | 住建局 |`, or tab-separated) that a narrow page broke in two: a row
    line holding fewer delimiters than the table's header row, the next line holding the rest, are
    one row again (the cell broken in the middle is one cell). A quoted cell's own line break (a
    sheet's tab-separated copy) is the quote's to say, and is left to it."""
    out: list[str] = []
    width: tuple[str, int] | None = None  # the header's delimiter and how many it holds
    for line in lines:
        found = width or _header_width(line, is_header)
        if width is None and found is not None:
            width = found
        elif width is not None and out and _completes(out[-1], line, *width):
            out[-1] = out[-1].rstrip() + line.strip()
            continue
        out.append(line)
    return out


def _header_width(line: str, is_header: Callable[[list[str]], bool]) -> tuple[str, int] | None:
    for delimiter in _DELIMITERS:
        count = line.strip(" \u3000\u00a0").count(delimiter)
        if count >= 2 and is_header([c for c in line.split(delimiter) if c.strip()]):
            return delimiter, count
    return None


def _completes(above: str, line: str, delimiter: str, width: int) -> bool:
    top, bare = above.strip(" \u3000\u00a0"), line.strip(" \u3000\u00a0")
    if not top or not bare or '"' in top + bare:
        return False
    have, more = top.count(delimiter), bare.count(delimiter)
    return 0 < have < width and more > 0 and have + more == width


def _without_closing_delimiter(lines: list[str]) -> list[str]:
    """A table copied one cell per line with each cell closed by a delimiter but no line opening
    a row (`序号 |` / `项目名称 |` / … / `1 |` / …) is its bar-less form with the bars left on: the
    rows are found by the header's cell count (shapes/cell_lines.py), as they are without them. The
    delimiter goes when every line from the first cell to the last ends with it once (blank lines
    between rows allowed; a title before and notes after keep their text)."""
    for delimiter in _DELIMITERS:
        closed = [i for i, line in enumerate(lines) if _closed_cell(line, delimiter)]
        if len(closed) < _MIN_CELLS:
            continue
        run = lines[closed[0] : closed[-1] + 1]
        if all(_closed_cell(line, delimiter) or not line.strip() for line in run):
            cells = [line.rstrip(" \u3000\u00a0")[: -len(delimiter)].rstrip() for line in run]
            return lines[: closed[0]] + cells + lines[closed[-1] + 1 :]
    return lines


def _closed_cell(line: str, delimiter: str) -> bool:
    bare = line.strip(" \u3000\u00a0")
    return bare.endswith(delimiter) and bare.count(delimiter) == 1 and bool(bare[: -len(delimiter)].strip())


def _delimiter(lines: list[str]) -> str | None:
    """The delimiter that opens rows alone on a line and closes one cell per line, if one does."""
    for delimiter in _DELIMITERS:
        bares = [line.strip(" \u3000\u00a0") for line in lines]
        openers = sum(1 for bare in bares if bare == delimiter)
        cells = sum(1 for bare in bares if bare.endswith(delimiter) and bare.count(delimiter) == 1 and bare[:-1])
        if openers >= _MIN_ROWS and cells >= _MIN_CELLS and cells >= 2 * openers:
            return delimiter
    return None


def _flush(out: list[str], row: list[list[str]] | None, waiting: list[str], ruled: bool) -> bool:
    """Write a row as tab-led cells and a closing blank line; a row with text in one cell only
    before the first row of cells, a title spanned over the table, is a caption line. Lines no
    delimiter closed are plain text. Whether a row of cells has been written, now."""
    if row:
        filled = [parts for parts in row if any(part for part in parts)]
        if len(filled) == 1 and not ruled:
            out.extend(part for part in filled[0] if part)
        else:
            ruled = True
            for parts in row:
                first, *rest = parts or [""]
                out.append("\t" + first)
                out.extend(rest)
            out.append("")
    out.extend(waiting)
    return ruled
