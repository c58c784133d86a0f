"""Word's automatic numbering: the `1.` or `（一）` a paragraph shows but its text lacks.

A list typed with Word's numbering keeps the numbers in numbering.xml, not in the
paragraph. The reader puts them back as printed, so a numbered list reads the
same whether its numbers were typed or made by Word.
"""

from __future__ import annotations

from typing import Any

import cn2an
from docx.oxml.ns import qn

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _format(value: int, fmt: str) -> str:
    if fmt.startswith(("chineseCounting", "ideograph", "chineseLegal", "taiwaneseCounting")):
        return str(cn2an.an2cn(value))
    if fmt == "decimalEnclosedCircle" and value <= len(CIRCLED):
        return CIRCLED[value - 1]
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26)
        return letter.upper() if fmt == "upperLetter" else letter
    return str(value)


class Numbering:
    """Counts Word's numbered paragraphs in reading order and prints each one's label."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[tuple[str, str], tuple[str, str, int]] = {}  # (numId, ilvl) → (fmt, text, start)
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, Any] = {}  # style id → its numPr (a list style such as 'List Number')
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return  # no numbering part: nothing is numbered automatically
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.iter(qn("w:abstractNum"))}
        for num in root.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            if definition is None:
                continue
            for lvl in definition.iter(qn("w:lvl")):
                self.levels[(num.get(qn("w:numId")), lvl.get(qn("w:ilvl")))] = _level(lvl)
        for style in document.styles.element.iter(qn("w:style")):
            num_pr = style.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
            if num_pr is not None:
                self.styles[style.get(qn("w:styleId"))] = num_pr

    def label(self, paragraph: Any) -> str:
        """The number Word prints before this paragraph, or ''."""
        if not self.levels:
            return ""
        p_pr = paragraph._p.pPr
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        if num_pr is None and p_pr is not None and p_pr.pStyle is not None:
            num_pr = self.styles.get(p_pr.pStyle.val)
        num_id_node = num_pr.find(qn("w:numId")) if num_pr is not None else None
        if num_pr is None or num_id_node is None:
            return ""
        num_id = num_id_node.get(qn("w:val"))
        ilvl_node = num_pr.find(qn("w:ilvl"))
        ilvl = int(ilvl_node.get(qn("w:val"))) if ilvl_node is not None else 0
        level = self.levels.get((num_id, str(ilvl)))
        if level is None or num_id == "0":
            return ""
        counts = self.counters.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, level[2] - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        text = level[1]
        for i in range(ilvl + 1):
            fmt = self.levels.get((num_id, str(i)), level)[0]
            text = text.replace(f"%{i + 1}", _format(counts.get(i, 1), fmt))
        return text


def _level(lvl: Any) -> tuple[str, str, int]:
    def val(tag: str, default: str) -> str:
        node = lvl.find(qn(tag))
        return node.get(qn("w:val"), default) if node is not None else default

    return val("w:numFmt", "decimal"), val("w:lvlText", ""), int(val("w:start", "1"))
