"""Pages as blocks, and plans compared, for the metamorphic suite (issue #26, item 2).

A plan published on one site is copied by the next: a news site re-types its punctuation
half-width, a repost prints it in traditional script, a CMS wraps it in breadcrumbs and share
bars, a PDF extraction breaks its lines, a clerk pads the numbers. None of that changes the
plan, so each text-like fixture (txt, html) is read again under each change and must give the
same plan. Items are found through the expected plan: the blocks (lines, or html leaf blocks
and cells) that hold a project's name are the item blocks a structural change works on.

This module holds the fixtures, the comparison and a document as blocks; bench/metamorphic.py
holds the changes. Standard library, BeautifulSoup and OpenCC only.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import opencc
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
SHARED = ROOT.parent / "shared"
TEXT_LIKE = (".txt", ".html", ".htm", ".md")

MARKS = "★*●■"
_NO_MARKS = {ord(m): None for m in MARKS}
FULL_OF = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
HALF_OF = {full: half for half, full in FULL_OF.items()}
FURNITURE_BEFORE = [
    "首页 > 政务公开 > 通知公告",
    "来源：政府办公室    发布时间：2024-03-01 10:20    浏览次数：1234",
    "【字体：大 中 小】",
]
FURNITURE_BETWEEN = ["正文图片", "（图为新建成的社区服务中心 记者 陈立 摄）", "- 2 -"]
FURNITURE_AFTER = ["责任编辑：王敏", "分享到：微信 微博 QQ空间", "【打印本页】 【关闭窗口】", "阅读：2345"]
BLOCK_TAGS = ("p", "div", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "caption")


@dataclass
class Fixture:
    """A text-like document whose expected plan is known."""

    name: str
    path: Path
    gold: dict[str, Any]

    @property
    def names(self) -> list[str]:
        return [p["name"] for p in self.gold["projects"] if p.get("name")]


def fixtures() -> list[Fixture]:
    found = []
    later = {line.strip() for line in (UNSEEN / "read_later.txt").read_text(encoding="utf-8").splitlines()}
    for expected in sorted(UNSEEN.glob("[0-9][0-9]*_*.json")):
        if expected.stem in later:  # not read yet: no reading for a copy to keep
            continue
        docs = [p for p in UNSEEN.glob(expected.stem + ".*") if p.suffix in TEXT_LIKE]
        if docs:
            found.append(Fixture(expected.stem, docs[0], _load(expected)))
    for gold in sorted((SHARED / "gold").glob("0*.json")):
        if not gold.name.endswith(".progress.json"):
            docs = [*(SHARED / "corpus").glob(gold.stem + ".*"), *(SHARED / "seeds").glob(gold.stem + ".*")]
            for doc in sorted(docs):
                if doc.suffix in TEXT_LIKE:
                    found.append(Fixture("shared " + doc.name, doc, _load(gold)))
    return found


def _load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# ---- comparing plans: names and contents in one normal form -------------------------------


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1)
def s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def canonical(text: str, marks: bool = False) -> str:
    """The comparison form: simplified script, NFKC width, no white space (and no marks)."""
    out = "".join(unicodedata.normalize("NFKC", _t2s().convert(text)).split())
    return out.translate(_NO_MARKS) if marks else out


def comparable(plan: dict[str, Any]) -> Any:
    """A plan with every string in the comparison form; contents may carry a mark as printed."""

    def walk(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: walk(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v, key) for v in value]
        if isinstance(value, str):
            return canonical(value, marks=key in ("content", "text", "title"))
        return value

    return walk(plan)


def differences(before: dict[str, Any], after: dict[str, Any]) -> str:
    """'' when the two plans are the same; else the first difference, for the report."""
    a, b = comparable(before), comparable(after)
    if a == b:
        return ""
    for key in ("jurisdiction", "year", "title"):
        if a[key] != b[key]:
            return f"{key}: {a[key]!r} -> {b[key]!r}"
    if len(a["projects"]) != len(b["projects"]):
        return f"{len(a['projects'])} projects -> {len(b['projects'])}"
    for pa, pb in zip(a["projects"], b["projects"], strict=True):
        if pa != pb:
            return f"project {pa['seq']}: {_first_difference(pa, pb)}"
    return "differs"


def _first_difference(a: Any, b: Any) -> str:
    if isinstance(a, dict) and isinstance(b, dict):
        key = next(k for k in a if a[k] != b.get(k))
        return f"{key}.{_first_difference(a[key], b.get(key))}"
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        i = next(i for i in range(len(a)) if a[i] != b[i])
        return f"{i}.{_first_difference(a[i], b[i])}"
    return f" {str(a)[:70]} -> {str(b)[:70]}"


# ---- a document as blocks ------------------------------------------------------------------


class Page:
    """The document's printed blocks: a txt file's lines, an html file's leaf blocks."""

    def __init__(self, fixture: Fixture) -> None:
        self.fixture = fixture
        self.html = fixture.path.suffix in (".html", ".htm")
        raw = fixture.path.read_bytes().decode("utf-8-sig")
        if self.html:
            self.soup = BeautifulSoup(raw, "lxml")
        else:
            self.lines = raw.replace("\r\n", "\n").split("\n")

    def render(self) -> str:
        return str(self.soup) if self.html else "\n".join(self.lines)

    def blocks(self) -> list[Tag]:
        body = self.soup.body or self.soup
        return [t for t in body.find_all(BLOCK_TAGS) if not t.find(BLOCK_TAGS) and t.get_text(strip=True)]

    def block_text(self, block: Tag | int) -> str:
        return block.get_text() if isinstance(block, Tag) else self.lines[block]

    def item_blocks(self) -> list[Tag | int]:
        """The blocks that hold a project's name, in order, each once."""
        blocks: list[Tag | int] = list(self.blocks()) if self.html else list(range(len(self.lines)))
        found: list[Tag | int] = []
        # each block's comparison form once, not once per name (the suite's collection builds every variant)
        texts = [canonical(self.block_text(b), marks=True) for b in blocks]
        for name in self.fixture.names:
            key = canonical(name, marks=True)[:10]
            hit = next((b for b, text in zip(blocks, texts, strict=True) if key and key in text), None)
            if hit is not None and not any(hit is f for f in found):
                found.append(hit)
        return found

    def in_table(self, block: Tag | int) -> bool:
        if isinstance(block, Tag):
            return block.find_parent(["td", "th"]) is not None or block.name in ("td", "th")
        line = self.lines[block]
        return line.startswith("\t") or "\t" in line.strip() or line.count("|") + line.count("｜") >= 2

    def map_text(self, change: Callable[[str], str]) -> None:
        """Apply a change to every printed string (not to markup, scripts or comments)."""
        if not self.html:
            self.lines = [change(line) for line in self.lines]
            return
        for string in list((self.soup.body or self.soup).find_all(string=True)):
            parent = string.parent
            if isinstance(string, Comment) or (parent is not None and parent.name in ("script", "style")):
                continue
            string.replace_with(NavigableString(change(str(string))))

    def insert_at(self, block: Tag | int, at: int, text: str | Tag) -> None:
        """Text (or a <br>) put at a position of a block's printed text, leaving its markup be."""
        if not isinstance(block, Tag):
            line = self.lines[block]
            assert isinstance(text, str)
            self.lines[block] = line[:at] + text + line[at:]
            return
        for string in list(block.find_all(string=True)):
            if at <= len(string):
                before, after = str(string)[:at], str(string)[at:]
                string.replace_with(NavigableString(before), text, NavigableString(after))
                return
            at -= len(string)

    def set_text(self, block: Tag | int, text: str) -> None:
        if isinstance(block, Tag):
            block.clear()
            block.append(NavigableString(text))
        else:
            self.lines[block] = text

    def insert_lines(self, where: Tag | int | None, lines: list[str], after: bool) -> None:
        """Paragraphs of page furniture before or after a block (None: the page's start or end)."""
        if not self.html:
            at = len(self.lines) if where is None and after else 0 if where is None else where + int(after)
            assert isinstance(at, int)
            self.lines[at:at] = lines
            return
        body = self.soup.body or self.soup
        for text in lines if after else reversed(lines):
            tag = self.soup.new_tag("p")
            tag.string = text
            if where is None:
                body.append(tag) if after else body.insert(0, tag)
            else:
                anchor = _outside_table(where)
                anchor.insert_after(tag) if after else anchor.insert_before(tag)
            where = tag if after and where is not None else where


def _outside_table(block: Tag) -> Tag:
    table = block.find_parent("table")
    while table is not None and table.find_parent("table") is not None:
        table = table.find_parent("table")
    return table if table is not None else block


def zero_padded(text: str) -> str:
    """An item's own number padded to two digits (`1.` `（1）` `1、` → `01.` `（01）` `01、`)."""
    return re.sub(r"^(\s*[（(]?)([1-9])(?=[.．、)）\s]|$)", r"\g<1>0\2", text, count=1)
