"""Columns named by the clerk when the header's words do not say (映射).

A mapping says, for one table header, which column holds which field. It is
given on the command line (`--columns "2=content,3=lead_units"`, columns
counted from 1 as printed), chosen on the import preview, and remembered per
jurisdiction and header wording so the next file with that header reads at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...plans.fields import BY_KEY, COLUMN_CHOICES
from ..errors import DocumentError
from ..shapes.headers import FIELD_WORDS, field_for, normalise

# What a column can be, as the preview offers it (plans/fields.py: COLUMN_CHOICES).
_OWN_LABELS = {"name_content": "名称：内容", "figure": "目标数（单列的数字）", "ignore": "忽略（备注等）"}
FIELD_LABELS: dict[str, str] = {key: _OWN_LABELS.get(key) or BY_KEY[key].choice for key in COLUMN_CHOICES}
# Fields one column at most may hold (all but 忽略).
SINGLE = tuple(key for key in FIELD_LABELS if key != "ignore")


@dataclass(frozen=True)
class ColumnMap:
    """Field per column (0-based) of one table of a document.

    `header_row` is the header's (last) row, the body starts below it; None: the
    first row with two filled cells. `table` counts the document's tables from 0."""

    columns: dict[int, str]
    header_row: int | None = None
    table: int = 0

    def to_json(self) -> dict[str, str]:
        return {str(col): name for col, name in sorted(self.columns.items())}

    @classmethod
    def from_json(cls, data: dict[str, str], header_row: int | None = None, table: int = 0) -> ColumnMap:
        return cls({int(col): name for col, name in data.items()}, header_row, table)

    def layout_columns(self) -> dict[str, int]:
        """In the layout's terms: 名称：内容 is the content column of a table without a name column."""
        out: dict[str, int] = {}
        for col, name in sorted(self.columns.items()):
            if name == "ignore":
                continue
            out["content" if name == "name_content" else name] = col
        return out


# Looks a header up: header key → a remembered map, or None.
MappingSource = Callable[[str], ColumnMap | None]


def header_key(texts: list[str]) -> str:
    """A header's wording, the same however it is spaced or printed (繁/简)."""
    return "|".join(normalise(text) for text in texts)


def check(columns: dict[int, str], n_cols: int | None = None) -> None:
    """Refuse a mapping that cannot be read, naming the column."""
    seen: dict[str, int] = {}
    for col, name in sorted(columns.items()):
        where = f"第{col + 1}列"
        if name not in FIELD_LABELS:
            raise DocumentError(f"{where}：不认识的字段“{name}”，可选 {', '.join(FIELD_LABELS)}")
        if n_cols is not None and not 0 <= col < n_cols:
            raise DocumentError(f"{where}：表格只有 {n_cols} 列")
        if name in SINGLE:
            kind = "content" if name in ("content", "name_content") else name
            if kind in seen:
                other = seen[kind] + 1
                raise DocumentError(f"{where}：第{other}列已是“{FIELD_LABELS[name]}”，一个字段只能对应一列")
            seen[kind] = col
    if "content" not in seen and "name" not in seen:  # a 项目名称 column alone holds the items
        raise DocumentError("没有指定“内容”列：请把写任务内容的那一列选为“内容”或“名称：内容”")
    if "name" in seen and columns.get(seen["content"]) == "name_content":
        raise DocumentError(f"第{seen['content'] + 1}列：已有“项目名称”列，这一列请选“内容”")


def parse_columns(text: str) -> ColumnMap:
    """`2=content,3=lead_units,4=deadline` (columns counted from 1) → a checked map."""
    columns: dict[int, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        number, sep, name = part.partition("=")
        if not sep or not number.strip().isdigit() or int(number) < 1:
            raise DocumentError(f"列对应“{part}”应写成“列号=字段”，列号从 1 起，例如 2=content")
        columns[int(number) - 1] = name.strip()
    check(columns)
    return ColumnMap(columns)


def recognised(texts: list[str]) -> list[tuple[str, str | None, str]]:
    """Per header cell: its text, the field its words name, and how sure that is."""
    out: list[tuple[str, str | None, str]] = []
    for text in texts:
        name = field_for(text)
        exact = any(normalise(text) in words for _, words in FIELD_WORDS)
        out.append((text, name, "确定" if exact else ("按词推断" if name else "未识别")))
    return out
