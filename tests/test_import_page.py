"""The office's upload → preview → confirm, and that nobody else can use it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.plans.models import Plan, Task

from .conftest import EXAMPLES, SHARED

pytestmark = pytest.mark.django_db


def upload(client: Client, path: Path, name: str | None = None) -> Any:
    return client.post(reverse("documents:upload"), {"file": SimpleUploadedFile(name or path.name, path.read_bytes())})


def test_it_previews_then_imports_on_confirm(client: Client, office: Any) -> None:
    client.force_login(office)
    response = upload(client, SHARED / "corpus" / "002_e48e72fc4dd62ba5.xlsx")
    assert response.status_code == 302
    preview = client.get(response["Location"])
    page = preview.content.decode()
    assert "2023年度常州市民生实事项目任务分解表" in page and "10 个项目，32 条任务" in page
    assert "来源：工作表“附件1” C3 单元格" in page and "工作表“附件1” F3 单元格" in page  # each field's cell
    assert Plan.objects.count() == 0  # nothing written before confirming
    done = client.post(response["Location"] + "confirm/")
    plan = Plan.objects.get()
    assert done["Location"] == plan.get_absolute_url()
    assert Task.objects.filter(project__plan=plan).count() == 32
    entry = AuditEntry.objects.get()
    assert entry.user == office and entry.action == AuditEntry.Action.IMPORT


def test_it_shows_what_a_new_version_changes_before_replacing(
    client: Client, office: Any, wujin_plan: Plan, tmp_path: Path
) -> None:
    client.force_login(office)
    html = (SHARED / "corpus" / "000_1f7f5f0c3bb78009.html").read_text(encoding="utf-8")
    changed = tmp_path / "000-v2.html"
    changed.write_text(html.replace("新增公共停车泊位1500个", "新增公共停车泊位1800个").replace(">城管局<", ">住建局<"))
    response = upload(client, changed)
    page = client.get(response["Location"]).content.decode()
    assert "将替换已有计划" in page and "确认替换" in page
    assert "推进停车便利化：新增任务“新增公共停车泊位1800个。”" in page
    assert "推进停车便利化：删除任务“新增公共停车泊位1500个。”" in page
    client.post(response["Location"] + "confirm/")  # without the replace confirmation: refused
    assert Task.objects.get(project__plan=wujin_plan, project__name="推进停车便利化").content.startswith(
        "新增公共停车泊位1500"
    )
    client.post(response["Location"] + "confirm/", {"replace": "1"})
    assert Plan.objects.count() == 1
    assert Task.objects.filter(project__plan=wujin_plan).count() == 56
    parking = Task.objects.get(project__plan=wujin_plan, project__name="推进停车便利化")
    assert parking.content == "新增公共停车泊位1800个。" and [u.name for u in parking.units.all()] == ["住建局"]


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("plan.exe", b"MZ", "不支持的文件格式"),
        ("empty.docx", b"", "文件"),
    ],
)
def test_it_rejects_bad_uploads_with_a_message(
    client: Client, office: Any, name: str, data: bytes, message: str
) -> None:
    client.force_login(office)
    response = client.post(reverse("documents:upload"), {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 200 and message in response.content.decode()
    assert Plan.objects.count() == 0


def test_it_tells_what_is_wrong_with_a_broken_document(client: Client, office: Any, tmp_path: Path) -> None:
    client.force_login(office)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a docx")
    response = upload(client, broken)
    page = client.get(response["Location"])
    assert page.status_code == 422 and "broken.docx" in page.content.decode()
    assert Plan.objects.count() == 0


def test_it_keeps_outsiders_out(client: Client, outsider: Any) -> None:
    example = EXAMPLES / "004_ec3afaf71d2d5714.docx"
    assert upload(client, example).status_code == 302  # anonymous: to the login page
    client.force_login(outsider)
    response = upload(client, example)
    assert response.status_code in (302, 403)
    assert "login" in response.get("Location", "login")
    token = "0" * 64
    assert client.get(reverse("documents:preview", args=[token])).status_code in (302, 403)
    assert client.post(reverse("documents:confirm", args=[token])).status_code in (302, 403)
    assert Plan.objects.count() == 0


def _form_action(page: str, here: str) -> str:
    """Where the browser sends the upload form from this page (no or empty action: the page itself)."""
    import re

    match = re.search(r'<form method="post" enctype="multipart/form-data"(?: action="([^"]*)")?', page)
    assert match is not None
    return match.group(1) or here


def test_a_new_file_after_an_error_is_read_not_the_old_one(client: Client, office: Any, tmp_path: Path) -> None:
    client.force_login(office)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a docx")
    error_url = upload(client, broken)["Location"]
    page = client.get(error_url).content.decode()
    good = SHARED / "corpus" / "002_e48e72fc4dd62ba5.xlsx"
    response = client.post(_form_action(page, error_url), {"file": SimpleUploadedFile(good.name, good.read_bytes())})
    assert response.status_code == 302 and response["Location"] != error_url
    preview = client.get(response["Location"]).content.decode()
    assert "broken.docx" not in preview and "10 个项目，32 条任务" in preview


def test_the_picker_offers_every_format_the_readers_read(client: Client, office: Any) -> None:
    from minsheng.documents.parse import READERS

    client.force_login(office)
    page = client.get(reverse("documents:upload")).content.decode()
    import re

    accept = re.search(r'accept="([^"]*)"', page)
    assert accept is not None and set(accept.group(1).split(",")) == set(READERS)
    assert {".doc", ".wps", ".xls", ".et"} <= set(READERS)


def test_a_plan_units_reported_on_is_not_offered_for_replacing_but_a_new_plan_is(
    client: Client, office: Any, wujin_plan: Plan, tmp_path: Path
) -> None:
    """The preview knows what the import would refuse (services.has_reports): no 确认替换, no list of
    projects to delete, but 导入为新计划 under a title no plan of the place and year has."""
    from minsheng.progress.models import Report

    task = Task.objects.filter(project__plan=wujin_plan).first()
    Report.objects.create(task=task, period_end="2026-03-31", status="in_progress")
    title = wujin_plan.title
    Plan.objects.create(title=f"{title}（新）", year=wujin_plan.year, jurisdiction=wujin_plan.jurisdiction)
    client.force_login(office)
    html = (SHARED / "corpus" / "000_1f7f5f0c3bb78009.html").read_text(encoding="utf-8")
    changed = tmp_path / "000-v2.html"
    changed.write_text(html.replace("新增公共停车泊位1500个", "新增公共停车泊位1800个"))
    response = upload(client, changed)
    page = client.get(response["Location"]).content.decode()
    assert f"计划（编号 {wujin_plan.pk}）已有单位报送的进度，不能整体替换" in page
    assert "确认替换" not in page and "将替换已有计划" not in page and "删除项目" not in page
    assert f'name="title" value="{title}（新2）"' in page and "导入为新计划" in page
    before = Task.objects.filter(project__plan=wujin_plan).count()
    clash = client.post(response["Location"] + "confirm/", {"as_new": "1", "title": title}, follow=True)
    assert "已有同名计划" in clash.content.decode() and Plan.objects.count() == 2  # a typed title that clashes
    done = client.post(response["Location"] + "confirm/", {"as_new": "1", "title": f"{title}（新2）"})
    made = Plan.objects.get(title=f"{title}（新2）")
    assert done["Location"] == made.get_absolute_url() and made.state == Plan.State.DRAFT
    assert made.jurisdiction == wujin_plan.jurisdiction
    assert Task.objects.filter(project__plan=made, content__startswith="新增公共停车泊位1800").exists()
    assert Task.objects.filter(project__plan=wujin_plan).count() == before  # the reported plan as it was


def test_the_sibling_office_is_offered_nothing_of_the_reported_plan(
    client: Client, wujin_plan: Plan, tmp_path: Path, django_user_model: Any
) -> None:
    """金坛区's office uploading a file that reads as 武进区's plan: neither the replace nor the
    new-plan offer, nor the plan's number; nothing written."""
    from minsheng.plans.models import Jurisdiction
    from minsheng.progress.models import Report
    from minsheng.regions.models import OfficeSeat

    Report.objects.create(task=Task.objects.filter(project__plan=wujin_plan).first(), period_end="2026-03-31")
    jintan = django_user_model.objects.create_user("jintan", password="pass-123456", is_staff=True)
    OfficeSeat.objects.create(user=jintan, jurisdiction=Jurisdiction.objects.create(name="金坛区"))
    client.force_login(jintan)
    html = (SHARED / "corpus" / "000_1f7f5f0c3bb78009.html").read_text(encoding="utf-8")
    changed = tmp_path / "000-v2.html"
    changed.write_text(html.replace("新增公共停车泊位1500个", "新增公共停车泊位1800个"))
    response = upload(client, changed)
    page = client.get(response["Location"], follow=True).content.decode()
    assert "导入为新计划" not in page and "确认替换" not in page and f"编号 {wujin_plan.pk}" not in page
    assert Plan.objects.count() == 1


def test_a_sibling_districts_document_says_so_on_its_preview_and_is_not_imported_as_read(
    client: Client, wujin_plan: Plan, tmp_path: Path, django_user_model: Any
) -> None:
    """金坛区's office uploading a file titled 武进区's: the preview says the place is not its own
    (the reading kept, nothing of who holds a plan there), and confirming as read is refused."""
    from minsheng.plans.models import Jurisdiction
    from minsheng.regions.models import OfficeSeat

    jintan = django_user_model.objects.create_user("jintan", password="pass-123456", is_staff=True)
    OfficeSeat.objects.create(user=jintan, jurisdiction=Jurisdiction.objects.create(name="金坛区"))
    client.force_login(jintan)
    html = (SHARED / "corpus" / "000_1f7f5f0c3bb78009.html").read_text(encoding="utf-8")
    changed = tmp_path / "000-v2.html"
    changed.write_text(html.replace("新增公共停车泊位1500个", "新增公共停车泊位1800个"))
    preview = upload(client, changed)["Location"]
    response = client.get(preview)
    page = response.content.decode()
    assert response.status_code == 200 and 'id="place-mismatch"' in page and "由武进区的督查室导入" in page
    assert "修改标题" not in page and 'id="project-1"' in page  # the reading stays on the page
    assert "确认替换" not in page and f"编号 {wujin_plan.pk}" not in page and "其他督查室导入" not in page
    form = {"title": "2026年民生实事项目", "year": "2026", "place": ""}  # the place left unchosen
    page = client.post(preview + "confirm/", form, follow=True).content.decode()
    assert "请在“行政区划”中选择本级（金坛区）" in page and 'id="place-mismatch"' in page
    assert Plan.objects.count() == 1


def test_the_preview_names_the_units_the_import_would_add_and_those_it_files_under_known_ones(
    client: Client, office: Any, wujin_plan: Plan, tmp_path: Path
) -> None:
    from minsheng.plans.models import Unit

    client.force_login(office)
    html = (SHARED / "corpus" / "000_1f7f5f0c3bb78009.html").read_text(encoding="utf-8")
    assert ">城管局<" in html and ">住建局<" in html
    changed = tmp_path / "000-units.html"
    changed.write_text(html.replace(">城管局<", ">区城管局<").replace(">住建局<", ">区住房保障中心<"))
    units = set(Unit.objects.values_list("pk", "name"))
    page = client.get(upload(client, changed)["Location"]).content.decode()
    ahead = page.split('id="units-ahead"')[1].split("</article>")[0]
    # the directory names its units bare (城管局): the new one is made bare too, as confirming will
    assert "新建 1 个单位：住房保障中心" in ahead
    assert "区城管局 → 城管局" in ahead
    assert "住建局" not in ahead.replace("区住房保障中心", "")  # a unit the file no longer names is not listed
    assert set(Unit.objects.values_list("pk", "name")) == units  # the preview creates nothing


def test_the_preview_warns_of_rows_a_cell_per_line_reading_left_out(
    client: Client, office: Any, tmp_path: Path
) -> None:
    # a note line between two rows of a table printed one cell per line stops the reading: the
    # preview must say the rows after it were not read, never show the shorter plan without a word
    header = ["序号", "项目名称", "实施内容", "责任单位", "完成时间"]
    rows = [
        ["1", "城区公厕改造", "改造城区公厕12座", "县城管局", "2026年9月底"],
        ["2", "停车便民工程", "新增公共停车位300个", "县住建局", "2026年8月底"],
    ]
    last = ["3", "农村道路养护", "养护农村公路60公里", "县交通运输局", "2026年11月"]
    lines = [cell for row in [header, *rows] for cell in row] + ["注：下页续表", *last]
    page_file = tmp_path / "cells.txt"
    page_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    client.force_login(office)
    response = upload(client, page_file)
    page = client.get(response["Location"]).content.decode()
    assert "2 个项目" in page
    assert "其后从序号 3 起的行未能读入" in page
