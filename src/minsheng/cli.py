"""The `minsheng` command. Errors are one line on stderr and a non-zero exit.

Reading and exporting plans and progress is here; running and keeping an installation
is in cli_server.py; what both share is in cli_support.py."""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from .cli_forecast import FORECAST_COMMANDS
from .cli_server import SERVER_COMMANDS
from .cli_support import (
    EXIT_ERROR,
    PLAN_ARGUMENT,
    CliError,
    Command,
    add_commands,
    date_arg,
    existing_file,
    load_env_file,
    plan_arg,
    print_json,
    setup_django,
)
from .documents.formats import formats_text
from .plans.fields import COLUMN_CHOICES

if TYPE_CHECKING:
    import datetime

    from .plans.models import Plan
    from .progress.models import Delivery


def cmd_parse(args: argparse.Namespace) -> int:
    from .documents.parse import parse_file
    from .documents.shapes.teach_example import example_project
    from .documents.store.mapping import parse_columns

    column_map = parse_columns(args.columns) if args.columns else None
    example = example_project(existing_file(args.example)) if args.example else None
    plan = parse_file(existing_file(args.file), column_map, example=example)
    for warning in plan.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    for doubt in plan.taught_doubts:  # what the preview says about the example's reading (shapes/best.py)
        print(f"警告：{doubt}", file=sys.stderr)
    print_json(plan.to_json())
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    from .indicators.extract import extract

    print_json([i.to_json() | {"start": i.start, "end": i.end} for i in extract(args.text)])
    return 0


def cmd_read_progress(args: argparse.Namespace) -> int:
    from .indicators.progress_reader import read_progress
    from .progress.document_text import progress_text

    reading = read_progress(progress_text(existing_file(args.file)), as_of=args.as_of and args.as_of.isoformat())
    data = reading.to_json()
    if args.plan:
        setup_django()
        from .indicators.progress_match import with_matches
        from .indicators.services import plan_candidates

        data = with_matches(reading, plan_candidates(plan_arg(args.plan)))
    if not reading.statements():
        print("警告：文中没有读到带计量单位的数字（目标、完成数或完成比例）", file=sys.stderr)
    print_json(data)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    path = existing_file(args.file)
    setup_django()
    from .documents.store.services import plan_import

    result = plan_import(path=path, user=None, replace=args.replace)
    for warning in result.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    print(result.summary())
    return 0


def cmd_export_json(args: argparse.Namespace) -> int:
    setup_django()
    from .documents.store.to_json import plan_to_json

    data = plan_to_json(plan_arg(args.plan))
    if args.output:
        Path(args.output).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    else:
        print_json(data)
    return 0


def cmd_remind(args: argparse.Namespace) -> int:
    if bool(args.plan) == args.all:
        raise CliError("请指定一个计划编号，或用 --all 催报所有已发布的计划")
    setup_django()
    from django.utils import timezone

    from .plans.models import Plan

    plans = Plan.objects.filter(state=Plan.State.PUBLISHED).order_by("pk") if args.all else [plan_arg(args.plan)]
    for plan in plans:
        _remind(plan, args.as_of or timezone.localdate())
    return 0


def _remind(plan: Plan, as_of: datetime.date) -> None:
    from .progress import schedule
    from .progress.channels.registry import summary
    from .progress.remind import remind

    result = remind(plan, as_of)
    if result.period_end is None:
        print(f"{plan.title}：尚无已过报送截止日的报送期，无需催报")
        return
    print(f"{plan.title} {schedule.period_label(result.period_end, plan.cycle)}")
    sent: defaultdict[int, list[Delivery]] = defaultdict(list)
    for delivery in result.deliveries():
        sent[delivery.notice_id].append(delivery)
    for notice in result.reminded:
        print(f"催报\t{notice.unit.name}\t{notice.tasks.count()} 项\t{summary(sent[notice.pk])}")
    for notice in result.escalated:
        print(f"催办单\t{notice.unit.name}\t{notice.document.path}\t{summary(sent[notice.pk])}")
    failed = sum(d.failed for rows in sent.values() for d in rows)
    if failed:
        print(f"未送达 {failed} 条（见上；站内通知已生成，可在督查看板查看）")
    counts = len(result.reminded), len(result.escalated), result.already
    print("共催报 {} 个单位，催办单 {} 份，本期此前已催报 {} 个单位".format(*counts))
    if result.no_account:
        names = "、".join(u.name for u in result.no_account)
        print(f"尚无填报账号、未能催报的单位 {len(result.no_account)} 个：{names}")


def cmd_export(args: argparse.Namespace) -> int:
    setup_django()
    from .reports.tasktable import task_table_docx, task_table_xlsx

    plan = plan_arg(args.plan)
    data = task_table_docx(plan) if args.format == "docx" else task_table_xlsx(plan)
    return _write(data, args.output or f"{plan.title}.{args.format}")


def cmd_bulletin(args: argparse.Namespace) -> int:
    setup_django()
    from django.template.loader import render_to_string
    from django.utils import timezone

    from .reports.bulletin import PdfUnavailable, build_bulletin, bulletin_docx, docx_to_pdf

    plan = plan_arg(args.plan)
    result = build_bulletin(plan, args.as_of or timezone.localdate())
    if args.format == "html":
        data = render_to_string("reports/bulletin.html", {"bulletin": result, "plan": plan}).encode()
    else:
        data = bulletin_docx(result)
        if args.format == "pdf":
            try:
                data = docx_to_pdf(data)
            except PdfUnavailable as exc:
                raise CliError(str(exc)) from None
    return _write(data, args.output or f"{result.title}.{args.format}")


def _write(data: bytes, name: str) -> int:
    """The file a command made, written and named on stdout."""
    Path(name).write_bytes(data)
    print(name)
    return 0


def cmd_plans(args: argparse.Namespace) -> int:
    setup_django()
    from .plans.models import Plan

    for plan in Plan.objects.select_related("jurisdiction").order_by("pk"):
        print(f"{plan.pk}\t{plan.year or ''}\t{plan.get_state_display()}\t{plan.title}")
    return 0


AS_OF = "截至哪一天（默认今天），如 2026-03-31"
DOCUMENT_COMMANDS: list[Command] = [
    (
        "parse",
        "读取任务分解表，输出计划 JSON（不写数据库）",
        cmd_parse,
        [
            (("file",), {"help": f"任务分解表：{formats_text()}"}),
            (
                ("--columns",),
                {
                    "help": '表头无法识别时指定各列（列号从 1 起）：如 "2=content,3=lead_units,4=deadline"；'
                    f"字段：{' '.join(COLUMN_CHOICES)}"
                },
            ),
            (
                ("--example",),
                {
                    "help": "一个项目的示例（JSON，plan.schema.json 的一个项目：name、tasks 的 content、"
                    "lead_units、partner_units、deadline…）：按能读出这个项目的读法读整份文件"
                },
            ),
        ],
    ),
    ("targets", "从一段文字中找出量化指标", cmd_targets, [(("text",), {})]),
    (
        "read-progress",
        "从进展情况文字（通报、报告）读出目标、完成数和完成比例（JSON）",
        cmd_read_progress,
        [
            (("file",), {"help": ".txt .docx .html 或 .pdf 文件"}),
            (("--plan",), {"help": "计划编号：为每个完成数找出对应的任务和指标"}),
            (("--as-of",), {"type": date_arg, "help": "截至哪一天，如 2024-03-31（默认从文中读）"}),
        ],
    ),
    (
        "import",
        "导入任务分解表到数据库",
        cmd_import,
        [
            (("file",), {"help": f"任务分解表：{formats_text()}"}),
            (("--replace",), {"action": "store_true", "help": "同一计划已存在时按新文件更新"}),
        ],
    ),
    (
        "export-json",
        "把已存的计划导出为 JSON",
        cmd_export_json,
        [
            PLAN_ARGUMENT,
            (("-o", "--output"), {"help": "写入文件而不是标准输出"}),
        ],
    ),
    (
        "export",
        "把已存的计划导出为任务分解表（附件1 民生实事项目，附件2 票决候选项目）",
        cmd_export,
        [
            PLAN_ARGUMENT,
            (("--format",), {"choices": ["docx", "xlsx"], "default": "docx"}),
            (("-o", "--output"), {"help": "文件名（默认：计划标题.docx）"}),
        ],
    ),
    (
        "bulletin",
        "生成进度通报（按类别和项目，含滞后、逾期任务）",
        cmd_bulletin,
        [
            PLAN_ARGUMENT,
            (("--as-of",), {"type": date_arg, "help": AS_OF}),
            (("--format",), {"choices": ["docx", "pdf", "html"], "default": "docx"}),
            (("-o", "--output"), {"help": "文件名（默认：通报标题.docx）"}),
        ],
    ),
    ("plans", "列出已存的计划", cmd_plans, []),
    (
        "remind",
        "催报本期未报送进度的单位（邮件和单位页面通知；屡次未报发催办单）",
        cmd_remind,
        [
            (("plan",), {"nargs": "?", "help": "计划编号（见 minsheng plans）"}),
            (("--all",), {"action": "store_true", "help": "催报所有已发布的计划（定时任务用）"}),
            (("--as-of",), {"type": date_arg, "help": "按哪一天计算本期（默认今天），如 2026-04-03"}),
        ],
    ),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="minsheng", description="民生实事督办平台")
    parser.add_argument(
        "--env-file",
        help="环境文件（名称=值，每行一个，与 systemd 的 EnvironmentFile 相同；默认取环境变量 MINSHENG_ENV_FILE）",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_commands(sub, DOCUMENT_COMMANDS + FORECAST_COMMANDS + SERVER_COMMANDS)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .documents.errors import DocumentError

    args = build_parser().parse_args(argv)
    try:
        load_env_file(args.env_file)
        return int(args.func(args))
    except (CliError, DocumentError) as exc:
        print(f"minsheng: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # last resort: one line, never a traceback
        print(f"minsheng: 出错了：{type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
