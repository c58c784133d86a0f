"""`minsheng forecast SERIES.json`: each project's forecast share at a date, as JSON.

The input is a year's progress series (the format of bench/data/forecast/*.json):
{"year": 2023, "projects": [{"name": …, "target": {"value": 53000, "unit": "个"} | null,
 "observations": [{"as_of": "2023-06-30", "actual": 42600 | null, "share": 80.4 | null}]}]}
Only reports dated on or before --as-of are used; no database is touched.
"""

from __future__ import annotations

import argparse
import datetime
import json
from typing import Any

from .cli_support import CliError, Command, date_arg, existing_file, print_json
from .progress.forecast import Observation, Setting, Target, forecast
from .progress.forecast_shapes import kind_of


def series_observations(project: dict[str, Any], target: Target | None) -> list[Observation]:
    """Each report as a share of the target: the share given, else actual ÷ target."""
    result = []
    for entry in project.get("observations") or []:
        share = entry.get("share")
        if share is None and entry.get("actual") is not None and target is not None and target.value > 0:
            share = float(entry["actual"]) / target.value * 100
        if share is not None:
            result.append(Observation(datetime.date.fromisoformat(entry["as_of"]), float(share)))
    return result


def project_forecast(
    project: dict[str, Any], year: int, as_of: datetime.date, at: datetime.date | None
) -> dict[str, Any]:
    raw = project.get("target")
    target = Target(float(raw["value"]), str(raw.get("unit") or "")) if raw else None
    text = " ".join(str(project.get(key) or "") for key in ("name", "content"))
    setting = Setting(datetime.date(year, 1, 1), datetime.date(year, 12, 31), kind_of(text), target=target)
    result = forecast(series_observations(project, target), as_of, setting, at)
    data = result.to_json()
    return {
        "name": project.get("name", ""),
        **{k: data[k] for k in ("at", "share", "low", "high", "p_reach", "reason")},
    }


def load_series(path: str) -> dict[str, Any]:
    try:
        data = json.loads(existing_file(path).read_text(encoding="utf-8"))
        int(data["year"])
        list(data["projects"])
    except (ValueError, KeyError, TypeError) as exc:
        raise CliError(f"进度序列文件格式不对（需要 year 和 projects）：{exc}") from None
    return dict(data)


def cmd_forecast(args: argparse.Namespace) -> int:
    data = load_series(args.file)
    year = int(data["year"])
    try:
        projects = [project_forecast(p, year, args.as_of, args.at) for p in data["projects"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise CliError(f"进度序列中的项目格式不对：{exc}") from None
    print_json({"projects": projects})
    return 0


FORECAST_COMMANDS: list[Command] = [
    (
        "forecast",
        "按截至某日的进度报告预测各项目到年底（或指定日期）的完成比例（JSON，不读写数据库）",
        cmd_forecast,
        [
            (("file",), {"help": "进度序列 JSON：year、projects（name、target、observations）"}),
            (("--as-of",), {"type": date_arg, "required": True, "help": "只用这一天及以前的报告，如 2023-06-30"}),
            (("--at",), {"type": date_arg, "help": "预测到哪一天（默认当年12月31日）"}),
        ],
    ),
]
