"""A request the schema refuses, said in Chinese and naming its field: pydantic's own messages
("Input should be greater than or equal to 0") are English and name nothing a clerk knows."""

from __future__ import annotations

import re
from typing import Any

from ..progress.filing_rules import NARRATIVE

# The fields of the request bodies and queries, as the pages name them.
FIELD_NAMES = {
    "period_end": "报送期",
    "status": "进展状态",
    "narrative": NARRATIVE,
    "figures": "完成数列表",
    "indicator": "指标编号",
    "actual": "累计完成数",
    "base_version": "版本",
    "confirm_lower": "确认更正累计完成数",
    "limit": "每页条数",
    "offset": "起始位置",
    "year": "年度",
    "basis": "统计口径",
}

LOCATION_WORDS = ("body", "query", "path", "header", "payload")


def field_of(error: dict[str, Any]) -> str | None:
    """The error's field as the request spells it: figures.0.actual."""
    where = [str(part) for part in error.get("loc", ()) if part not in LOCATION_WORDS]
    return ".".join(where) or None


def field_words(field: str | None) -> str:
    """figures.0.actual → 第1项完成数的累计完成数（figures.0.actual）."""
    if not field:
        return "请求"
    parts = field.split(".")
    words: list[str] = []
    for at, part in enumerate(parts):
        if part.isdigit() and at > 0:
            words[-1] = f"{words[-1]}第{int(part) + 1}项"
        else:
            words.append(FIELD_NAMES.get(part, part))
    return f"{'的'.join(words)}（{field}）"


def _bound(ctx: dict[str, Any], key: str) -> str:
    return str(ctx.get(key, ""))


def problem_words(error: dict[str, Any]) -> str:
    """What is wrong, in Chinese, from pydantic's error type and context."""
    kind, ctx = str(error.get("type", "")), error.get("ctx") or {}
    fixed = {
        "missing": "必须填写",
        "finite_number": "应为有限的数字",
        "json_invalid": "不是有效的 JSON",
        "bool_parsing": "应为 true 或 false",
        "bool_type": "应为 true 或 false",
        "date_from_datetime_inexact": "应为日期，如 2026-03-31",
    }
    if kind in fixed:
        return fixed[kind]
    if kind == "greater_than_equal":
        return f"不能小于 {_bound(ctx, 'ge')}"
    if kind == "greater_than":
        return f"应大于 {_bound(ctx, 'gt')}"
    if kind == "less_than_equal":
        return f"不能大于 {_bound(ctx, 'le')}"
    if kind == "less_than":
        return f"应小于 {_bound(ctx, 'lt')}"
    if kind in ("too_long", "string_too_long"):
        unit = "字" if kind.startswith("string") else "项"
        return f"过长：至多 {_bound(ctx, 'max_length')} {unit}"
    if kind == "enum" or kind == "literal_error":
        return f"应为以下之一：{_bound(ctx, 'expected')}"
    if kind.startswith("date"):
        return "应为日期，如 2026-03-31"
    if kind.startswith("decimal") or kind.startswith("float") or kind.startswith("int"):
        return "应为数字" if re.search(r"parsing|type", kind) else "位数过多"
    if kind.startswith("string"):
        return "应为文字"
    if kind.startswith("list"):
        return "应为列表"
    return "格式不正确"


def invalid_message(error: dict[str, Any]) -> tuple[str, str | None]:
    """The message and the field of the first error of a refused request."""
    field = field_of(error)
    return f"{field_words(field)}{problem_words(error)}", field
