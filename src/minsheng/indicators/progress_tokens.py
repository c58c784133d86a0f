"""Figures that survive the page: what a page's layout does to a figure, undone before it is read.

- An item's number printed on a line of its own (`5` over `300家 存量养老机构…`): the number
  opens the item on the next line (`（5）300家…`), and never joins the figure there (5300家, 5.300家).
- Figures set off by spaces (`新增 7069张 公办养老床位`, `41.04万 平方米`): the spaces are the
  page's emphasis, not cell boundaries; the figure joins its words again. Only a figure standing
  between spaces is joined, so a row's cells printed with one space (`…标准 完成10个`) stay apart.
- A count of people written with no measure word (`52.29万符合条件的居民`): the noun counted is
  the measure (人).
Pure functions on lines and clauses, used by progress_structure and progress_reader.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .extract import Quantity

# A line holding only a small number: an item's number when the numbers count up from 1.
BARE_NUMBER_LINE = re.compile(r"^\s*(\d{1,2})\s*$")


def numbered_lines(lines: list[str]) -> list[str]:
    """Lines with each item number standing alone (1, 2, 3 … each on its line) put before the line it
    numbers as `（N）` (a bracket: `N.` would make a decimal of a figure opening the line); a number out
    of sequence (a page number, a figure's cell) is left as it is."""
    out: list[str] = []
    expected = 1
    pending = ""
    for line in lines:
        found = BARE_NUMBER_LINE.match(line)
        if found and not pending and int(found.group(1)) in (1, expected):
            pending = found.group(1)
            continue
        if pending and found:  # two numbers running: a column of figures, not items
            out.append(pending)
            pending = ""
            out.append(line)
            continue
        if pending:
            expected = int(pending) + 1
            line = f"（{pending}）{line}"
            pending = ""
        out.append(line)
    return out + ([pending] if pending else [])


# A figure standing between spaces (or opening the line): digits, a magnitude, a unit of at most
# three characters (or a unit printed after a space: 41.04万 平方米).
SET_OFF = re.compile(
    r"(?:(?<=^)|(?<=[\u4e00-\u9fff“”\"’」]\s))(\d[\d.]*[万萬亿億千]?(?:\s?[^\s\d，,。；;：:、（()）]{1,3}(?=\s))?)\s(?=[\u4e00-\u9fff“\"‘「])"
)


def spaced_figures(line: str) -> str:
    """新增 7069张 公办养老床位 → 新增7069张公办养老床位: a figure set off by spaces joins its words again.
    Only in a line of prose (it holds sentence punctuation) and only a figure with a space after it
    and a space (or the line's start) before it."""
    if " " not in line or not re.search(r"[，,。；;]", line):
        return line
    out, last = [], 0
    for found in SET_OFF.finditer(line):
        start = found.start()
        if start and line[start - 1] == " ":
            start -= 1  # the space before the figure
        out.append(line[last:start])
        out.append(found.group(1).replace(" ", ""))
        last = found.end()
    out.append(line[last:])
    return CLOSING_FIGURE.sub(r"\1\2", "".join(out))


# 新增公共停车泊位 800个，占… / 新建社区食堂 5家。: the words a figure counts, a space, the figure closing
# its clause. The words before the space hold no figure (新增泊位 2600个 1450个，: cells of a row) and the
# figure is followed by the clause's mark, so a row's cells (…标准 完成6个) are never glued.
CLOSING_FIGURE = re.compile(
    r"((?:^|(?<=[，,。；;：:\s]))[^\d\s，,。；;：:、（()）%％]*[\u4e00-\u9fff]) "
    r"(\d[\d.]*[万萬亿億千]?[^\s\d，,。；;：:、（()）]{1,3}[，,。；;！!？?])"
)


# 52.29万符合条件的居民, 3000困难群众: a figure right before the people it counts, with no measure word.
PEOPLE_COUNTED = re.compile(
    r"(?<![\d.])(\d+(?:\.\d+)?)\s*([万萬千]?)(?![年月日号])(?=(?:[\u4e00-\u9fff]{0,6}的|困难|困難|低收入|城乡|城鄉|农村|農村|适龄|適齡|留守|特困|失能|高龄|高齡)?"
    r"(?:居民|群众|群眾|市民|村民|老年人|老人|职工|職工|学生|學生|儿童|兒童|妇女|婦女|患者|农民工|農民工|残疾人|殘疾人|人口))"
)
MAGNITUDE = {"": 1, "千": 1000, "万": 10000, "萬": 10000}


def people_counts(clause: str, found: list[Quantity]) -> list[Quantity]:
    """The quantities read, with counts of people written without a measure word added in order."""
    extra = []
    for match in PEOPLE_COUNTED.finditer(clause):
        if any(q.start <= match.start() < q.end for q in found):
            continue
        value = Decimal(match.group(1)) * MAGNITUDE[match.group(2)]
        extra.append(Quantity(match.start(), match.end(), value, None, "人", "eq"))
    return sorted(found + extra, key=lambda q: q.start) if extra else found


BROKEN_FIGURE = re.compile(r"([\u4e00-\u9fff]\d{1,3}) (\d{3}(?:\.\d+)?[\u4e00-\u9fff%％])")


def fixed_figures(line: str) -> str:
    """A figure broken by a stray space (完成1 258人, 1 500个): one figure again. Only a space
    after a figure that follows words, before digits that end in a unit or a word, so an item's
    number (2.募集…) or a cell boundary (完成10个 2.…) never joins."""
    return spaced_figures(BROKEN_FIGURE.sub(r"\1\2", line))
