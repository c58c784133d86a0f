"""Page furniture: the lines a site or a paper prints around an article, told by their kind.

A plan copied from a page brings the page's own lines with it, before, between and after
the items: navigation (`首页 > 政务公开 > 通知公告`, `【打印本页】 【关闭窗口】`), metadata with
its values (`来源：… 发布时间：2024-03-01 10:20 浏览次数：1234`), counters and page numbers
(`阅读：2345`, `- 2 -`), photo captions (`正文图片`, `（图为… 记者 陈立 摄）`). Their words vary
site by site; their shapes do not: a run of short links between separators, commands in
【】, values that are dates, times and bare counts, a caption naming a picture or its
photographer. Such a line is never an item nor part of one.
"""

from __future__ import annotations

import re

from .normal import normal

# labels a page prints over its own metadata (not a task's: 责任单位, 完成时限 are never here)
_META_LABEL = (
    r"(?:来源|发布时间|发布日期|发布机构|信息来源|作者|责任编辑|编辑|记者|通讯员|采写|撰稿|撰文|摄影|校对|"
    r"浏览|浏览次数|阅读|阅读人次|点击|访问量|字号|字体|发表时间|文字大小|背景色|保护视力色|初审|复审|终审)"
)
_NAV_SEPARATOR = re.compile(r"\s*[>»›→]\s*")
_COMMANDS = re.compile(r"(?:【[^【】]{1,12}】\s*)+")
_PAGE_NUMBER = re.compile(
    r"[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d{1,3}\s*页(?:\s*[/，]?\s*共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3}"
)
_CAPTION = re.compile(
    r"(?:正文)?图片\s*\d{0,2}|[（(]?\s*图为.{0,60}[)）]?|.{0,40}(?:记者|通讯员).{0,8}摄\s*[)）]?"
    # a line wholly in brackets naming a picture (（滨江路效果图）, （资料图片）, （张三 摄）) or the
    # reporters who wrote the piece (（本报记者 王一 李二）): said of the page, never of an item
    r"|（[^（）]{0,60}(?:图|图片|照片|摄|视频)）|（[^（）：]{0,20}(?:记者|通讯员)[^（）：]{0,30}）"
)
# the site's footer: the links to the next and last articles, the copyright and the registration
# numbers every government site prints (版权所有, ICP备, 网站标识码, 公网安备)
_FOOTER = re.compile(
    r"(?:上一篇|下一篇|上一条|下一条)\s*[：:].{0,70}|.{0,50}(?:版权所有|[Cc]opyright|©|ICP备|网站标识码|公网安备).{0,60}"
)
_DATE_OR_COUNT = r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|\d{1,2}:\d{2}|\d+\s*次?)"
# a value is a date, a count, or a few words set apart by spaces (采写：南都记者 陈飞龙 路漫漫: who wrote it)
_META_PAIR = re.compile(
    rf"{_META_LABEL}\s*[：:]\s*(?:{_DATE_OR_COUNT}|[^\s：:，。；]{{1,12}}(?:[ \u3000]+[^\s：:，。；]{{1,6}}){{0,4}})"
)
_META_LINE = re.compile(rf"(?:{_META_PAIR.pattern}\s*)+")
# 发布时间:2025-07-11 09:20信息来源:市发改委文字大小:[ ] 背景色: — labels run together with loose values:
# a line that opens with a metadata label and holds two more of them is the page's, whatever its values.
_META_LABELLED = re.compile(rf"{_META_LABEL}\s*[：:]")
_SHARE_BAR = re.compile(r"(?:扫一扫|分享到)[^，。；]{0,24}")
# ---此处隐藏4612字，下载后查看---: a site's note framed by rules where it cut the text out.
_CUT = re.compile(r"(?:-{3,}|[—–]{2,}|={3,})[^-—–=]{1,30}(?:-{3,}|[—–]{2,}|={3,})")


def is_furniture(line: str) -> bool:
    """A line of the page around the plan, not of the plan."""
    if len(line) > 90:
        return False  # (cheap first: most lines of an article are longer than any furniture)
    plain = normal(line).strip()
    if not plain or len(plain) > 80:
        return False
    labelled = _META_LABELLED.match(plain) is not None and len(_META_LABELLED.findall(plain)) >= 3
    # （责任编辑：沈岚）: the metadata in brackets of its own is the page's all the same
    bare = plain[1:-1].strip() if plain[:1] in "（([【" and plain[-1:] in "）)]】" else plain
    return labelled or is_chrome(line) or bool(_META_LINE.fullmatch(bare))


def is_chrome(line: str) -> bool:
    """Navigation, commands, page numbers and captions: furniture that tells nothing of the plan
    (a metadata line still dates a plan that names no year)."""
    plain = normal(line).strip()
    if not plain or len(plain) > 80:
        return False
    if any(p.fullmatch(plain) for p in (_COMMANDS, _PAGE_NUMBER, _CAPTION, _SHARE_BAR, _CUT, _FOOTER)):
        return True
    parts = _NAV_SEPARATOR.split(plain)
    return len(parts) >= 3 and all(0 < len(p) <= 10 for p in parts)  # a breadcrumb


def is_cut(line: str) -> bool:
    """A note framed by rules where a site cut text out: the sentences on either side do not join."""
    return bool(_CUT.fullmatch(normal(line).strip()))


def without_furniture(paragraphs: list[str]) -> list[str]:
    """The paragraphs with their furniture lines left out (a paragraph of nothing else goes)."""
    kept = []
    for paragraph in paragraphs:
        lines = [line for line in paragraph.split("\n") if not is_furniture(line)]
        if any(line.strip() for line in lines):
            kept.append("\n".join(lines))
    return kept
