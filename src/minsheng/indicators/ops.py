"""The words that say how a target compares (不少于 → gte, 以内 → lte, 约 → approx): before the
number or after it, and words that only look like one (签约, 附近). The extractor reads them."""

from __future__ import annotations

OPS_BEFORE = [
    ("不少于", "gte"),
    ("不低于", "gte"),
    ("至少", "gte"),
    ("超过", "gte"),
    ("多于", "gte"),
    ("高于", "gte"),
    ("逾", "gte"),
    ("超", "gte"),
    ("不超过", "lte"),
    ("不高于", "lte"),
    ("少于", "lte"),
    ("低于", "lte"),
    ("控制在", "lte"),
    ("大约", "approx"),
    ("约", "approx"),
    ("近", "approx"),
]
NOT_OPS = ("签约", "节约", "预约", "履约", "集约", "附近", "邻近", "最近")
OPS_AFTER = {
    "以上": "gte",
    "及以上": "gte",
    "余": "gte",
    "多": "gte",
    "以下": "lte",
    "及以下": "lte",
    "以内": "lte",
    "左右": "approx",
    "上下": "approx",
}
