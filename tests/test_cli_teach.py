"""`minsheng parse FILE --example PROJECT.json` says on stderr what the preview says about the
example's reading (review of teaching by one example): fewer projects than untaught, a partial fit,
an example found nowhere, an example that changes nothing; the plan alone goes to stdout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from minsheng.cli import main
from minsheng.documents.shapes.best import SAME

from .test_teach_form import HEADINGS, HEADS, PICKED, UNTAUGHT


def _parse(tmp_path: Path, capsys: Any, example: dict[str, Any]) -> tuple[dict[str, Any], str]:
    path, project = tmp_path / "wushui.txt", tmp_path / "project.json"
    path.write_text(HEADINGS, encoding="utf-8")
    project.write_text(json.dumps(example, ensure_ascii=False), encoding="utf-8")
    assert main(["parse", str(path), "--example", str(project)]) == 0
    out, err = capsys.readouterr()
    return json.loads(out), err


def _tasks(lines: str) -> list[dict[str, str]]:
    return [{"content": line} for line in lines.split("\n")]


def test_it_says_the_taught_reading_has_fewer_projects(tmp_path: Path, capsys: Any) -> None:
    plan, err = _parse(tmp_path, capsys, {"name": HEADS[0], "tasks": _tasks(PICKED)})
    assert [p["name"] for p in plan["projects"]] == HEADS
    assert f"警告：按示范读出的项目比原来少：原来{UNTAUGHT}项，现在{len(HEADS)}项" in err


def test_it_says_an_example_is_found_nowhere(tmp_path: Path, capsys: Any) -> None:
    plan, err = _parse(tmp_path, capsys, {"name": "修建跨江大桥一座", "tasks": _tasks("修建跨江大桥一座")})
    assert len(plan["projects"]) == UNTAUGHT and "警告：示范项目在原文中未找到" in err


def test_it_says_an_example_fits_only_in_part(tmp_path: Path, capsys: Any) -> None:
    # the project as printed, with a unit and a deadline the page never names
    tasks = [task | {"lead_units": ["区水务局"], "deadline": "2030年底"} for task in _tasks(PICKED)]
    example = {"name": HEADS[0], "tasks": tasks}
    plan, err = _parse(tmp_path, capsys, example)
    assert plan["projects"][0]["name"] == HEADS[0] and "警告：示范项目与读出的最接近的项目只部分相符" in err


def test_it_says_an_example_changes_nothing(tmp_path: Path, capsys: Any) -> None:
    name = "新建村级互助养老点9个"  # a sub-item, which the rules already read as a project
    plan, err = _parse(tmp_path, capsys, {"name": name, "tasks": _tasks(name)})
    assert len(plan["projects"]) == UNTAUGHT and f"警告：{SAME}" in err
