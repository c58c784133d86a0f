"""An annex table is filled in time linear in its cells: python-docx's Table.cell(r, c) rebuilds
the whole grid on each call, which made the 武进区 task table (about 300 rows) take seconds a
download. The annex reads the grid a fixed number of times however many rows it has, and
its merged column still shows each span's first text once."""

from __future__ import annotations

from typing import Any

import docx.table
import pytest

from minsheng.gongwen.document import Gongwen
from minsheng.gongwen.table import Column, annex_table


def _annex(rows: int) -> tuple[Any, int]:
    reads = 0
    grid = docx.table.Table._cells

    def counted(table: Any) -> Any:
        nonlocal reads
        reads += 1
        return grid.fget(table)  # type: ignore[attr-defined]

    columns = [Column("序号"), Column("项目名称"), Column("工作任务", "left"), Column("完成时限")]
    body = [[str(r // 3 + 1), f"第{r // 3 + 1}个项目", f"新建口袋公园{r}处。", "2026年12月"] for r in range(rows)]
    spans = {0: [(r, r + 2) for r in range(0, rows, 3)], 1: [(r, r + 2) for r in range(0, rows, 3)]}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(docx.table.Table, "_cells", property(counted))
        table = annex_table(Gongwen(), "附件", "任务清单", columns, body, spans)
    return table, reads


def test_the_grid_is_read_as_often_for_300_rows_as_for_30() -> None:
    _, few = _annex(30)
    _, many = _annex(300)
    assert many == few


def test_merged_cells_show_their_first_text_once() -> None:
    table, _ = _annex(6)
    names = [row.cells[1].text for row in table.rows[1:]]
    assert names == ["第1个项目"] * 3 + ["第2个项目"] * 3  # one cell spanning three rows reads the same from each
    assert [row.cells[2].text for row in table.rows[1:4]] == [f"新建口袋公园{r}处。" for r in range(3)]
