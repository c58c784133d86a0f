"""Page furniture lives in text/furniture.py (the progress reader drops it too); here for the shapes,
with the lines that end a list item's text (a byline, 上一篇, 版权所有) where they start."""

import re

from ...text.furniture import is_chrome, is_furniture, without_furniture
from ...text.normal import normal

__all__ = ["FURNITURE", "is_chrome", "is_furniture", "until_furniture", "without_furniture"]

FURNITURE = re.compile(
    r"^(?:来源|來源|发布时间|发布日期|发布机构|作者|责任编辑|编辑|记者|通讯员|浏览|点击|访问|字号|打印|关闭|分享|"
    r"特别声明|附件|【|索引号|主题分类|文号|成文日期|有效性|上一篇|下一篇|扫一扫|版权所有|网站)"
)


def until_furniture(parts: list[str]) -> list[str]:
    """An item's parts up to the first furniture line."""
    kept: list[str] = []
    for part in parts:
        if FURNITURE.match(normal(part)):
            break
        kept.append(part)
    return kept
