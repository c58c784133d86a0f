"""`minsheng forecast SERIES.json --as-of DATE [--at DATE]`: the JSON contract of issue #29."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from minsheng.cli import main

SERIES = {
    "year": 2023,
    "projects": [
        {
            "name": "新开工改造城镇老旧小区",
            "target": {"value": 53000, "unit": "个"},
            "observations": [
                {"as_of": "2023-06-30", "actual": 42600, "share": None},
                {"as_of": "2023-07-31", "actual": 46600, "share": 87.9},
            ],
        },
        {
            "name": "开展职业技能培训",
            "target": None,
            "observations": [{"as_of": "2023-05-31", "actual": None, "share": 30}],
        },
        {"name": "出台托育补贴政策", "target": None, "observations": []},
    ],
}
KEYS = {"name", "at", "share", "low", "high", "p_reach", "reason"}


def _run(tmp_path: Path, capsys: Any, *args: str, data: Any = SERIES) -> tuple[int, str, str]:
    path = tmp_path / "series.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    code = main(["forecast", str(path), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_it_prints_each_projects_forecast_in_the_issues_format(tmp_path: Path, capsys: Any) -> None:
    code, out, _ = _run(tmp_path, capsys, "--as-of", "2023-06-30")
    assert code == 0
    projects = json.loads(out)["projects"]
    assert [p["name"] for p in projects] == [p["name"] for p in SERIES["projects"]]
    for project in projects:
        assert set(project) == KEYS
        assert project["at"] == "2023-12-31"
    first, second, third = projects
    assert first["low"] <= first["share"] <= first["high"] and 0 <= first["p_reach"] <= 1
    assert first["reason"].startswith("按6月30日的1期报告") and "个（" in first["reason"]
    assert second["share"] >= 30 and "%" in second["reason"]  # shares without a target
    assert (third["share"], third["p_reach"]) == (None, None) and "尚无进度报告" in third["reason"]


def test_it_uses_only_reports_up_to_as_of_and_forecasts_at_the_date_asked(tmp_path: Path, capsys: Any) -> None:
    _, june, _ = _run(tmp_path, capsys, "--as-of", "2023-06-30", "--at", "2023-09-30")
    later = {
        **SERIES,
        "projects": [{**SERIES["projects"][0], "observations": SERIES["projects"][0]["observations"][:1]}],
    }
    _, alone, _ = _run(tmp_path, capsys, "--as-of", "2023-06-30", "--at", "2023-09-30", data=later)
    assert json.loads(june)["projects"][0] == json.loads(alone)["projects"][0]
    assert json.loads(june)["projects"][0]["at"] == "2023-09-30"


def test_it_refuses_a_file_that_is_not_a_series(tmp_path: Path, capsys: Any) -> None:
    code, out, err = _run(tmp_path, capsys, "--as-of", "2023-06-30", data={"projects": []})
    assert code != 0 and out == "" and err.startswith("minsheng: 进度序列文件格式不对")
