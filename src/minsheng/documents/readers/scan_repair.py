"""Repairs a clerk would make to recognised text, each a small rule.

The recognition engine confuses a few look-alike marks in Chinese official text
and often prints ASCII punctuation where the document has full-width marks.
Each rule here is general (it does not know any document) and has a test in
tests/test_scan_repair.py.
"""

from __future__ import annotations

import re

CJK = r"\u3400-\u9fff"
# A character of Chinese prose: ideographs and full-width marks.
HAN = rf"[{CJK}\u3000-\u303f\uff00-\uffef“”‘’]"

# 丶 (a radical, never used alone in prose) is the enumeration comma 、.
LOOKALIKES = str.maketrans({"丶": "、", "﹑": "、", "ー": "—", "／": "/"})
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！"}


def repair(text: str) -> str:
    """The rules for one recognised line, in order (quotes are paired over a whole cell)."""
    text = text.translate(LOOKALIKES)
    text = fix_document_brackets(text)
    text = fix_numbers(text)
    text = fix_dashes(text)
    text = full_width_punctuation(text)
    return text.strip()


def repair_cell(text: str) -> str:
    """Rules that need a cell's whole text: a quotation or a bracket may open on one line and close
    on the next, and a sentence may end at a line's end (or the stop be a box of its own)."""
    return full_width_brackets(pair_quotes(sentence_stops(text)))


# The dash — read as the numeral 一: in a range of numbers (10—20人) and before a quoted name.
DASHES = ((r"(?<=\d)\s*一\s*(?=\d)", "—"), (rf"(?<=[{CJK}])一(?=[“\"])", "—"))
# A document number's year sits in 〔〕 (常政发〔2023〕1号); the engine reads 【】, [] or 〔】,
# and a 】 that closes a 〔 is its pair 〕.
DOCUMENT_BRACKETS = ((r"[〔【\[]\s*(\d{4})\s*[〕】\]]", r"〔\1〕"), (r"〔([^〔〕【】]*)】", r"〔\1〕"))


def substitute(text: str, rules: tuple[tuple[str, str], ...]) -> str:
    for pattern, replacement in rules:
        text = re.sub(pattern, replacement, text)
    return text


def fix_dashes(text: str) -> str:
    return substitute(text, DASHES)


def sentence_stops(text: str) -> str:
    """The small full stop 。 read as · ° • or . after Chinese prose (a line long enough to be a sentence).

    Short lines are left alone: a name may hold a middle dot (买买提·艾力)."""
    if len(text) < 8:
        return text
    return re.sub(rf"(?<=[{CJK}）)”%])[ \t]*[·°•.](?=\s*(?:[{CJK}“（]|$))", "。", text)


def fix_document_brackets(text: str) -> str:
    return substitute(text, DOCUMENT_BRACKETS)


def fix_numbers(text: str) -> str:
    """Numbers the engine split or misread: 3 400 -> 3400, 2. 7 -> 2.7, 1O0 -> 100, full-width digits."""
    text = text.translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    text = re.sub(r"(?<=\d)[ \u3000]+(?=\d)", "", text)
    text = re.sub(r"(?<=\d)\s*[.．·]\s*(?=\d)", ".", text)
    # O/o and l/I between digits are 0 and 1 (the letters do not occur inside Chinese numbers).
    for _ in range(2):
        text = re.sub(r"(?<=\d)[Oo](?=\d|[%％万亿个])", "0", text)
        text = re.sub(r"(?<=\d)[lI|](?=\d)", "1", text)
    return re.sub(r"(?<=\d)\s*[%％]", "%", text)


def full_width_punctuation(text: str) -> str:
    """Half-width , ; : ? ! next to Chinese text are the full-width marks; a comma between digits stays (1,000).

    Brackets around Chinese words are the full-width pair; the engine reads their width
    poorly, often one of a pair each way (各镇(街道）). Brackets around plain ASCII (an
    English abbreviation, a number) are left as read."""
    text = re.sub(rf"(?<={HAN})\s*[,;:?!]|[,;:?!]\s*(?={HAN})", lambda m: swap_mark(m.group(0)), text)
    return full_width_brackets(text)


def full_width_brackets(text: str) -> str:
    """Brackets around Chinese words, on one line or over a cell's lines, are the full-width pair."""
    return re.sub(rf"[(（]([^()（）]*[{CJK}][^()（）]*)[)）]", r"（\1）", text)


def swap_mark(found: str) -> str:
    mark = found.strip()
    return HALF_TO_FULL[mark]


def pair_quotes(text: str) -> str:
    """Quotes alternate: a straight or curly mark read the wrong way round is turned by its place.

    Only Chinese text, and only when the marks could pair up (an even count)."""
    marks = sum(text.count(m) for m in '"“”')
    if not marks or marks % 2 or not re.search(HAN, text):
        return text
    out, opening = [], True
    for char in text:
        if char in '"“”':
            char = "“" if opening else "”"
            opening = not opening
        out.append(char)
    return "".join(out)
