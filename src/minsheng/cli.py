"""The `minsheng` command. Errors are one line on stderr and a non-zero exit."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from .documents.formats import formats_text

EXIT_ERROR = 1


class CliError(Exception):
    pass


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def _existing_file(value: str) -> Path:
    path = Path(value)
    if not path.exists():
        raise CliError(f"文件不存在：{value}")
    if not path.is_file():
        raise CliError(f"不是文件：{value}")
    return path


def cmd_parse(args: argparse.Namespace) -> int:
    from .documents.mapping import parse_columns
    from .documents.parse import parse_file

    column_map = parse_columns(args.columns) if args.columns else None
    plan = parse_file(_existing_file(args.file), column_map)
    for warning in plan.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    _print_json(plan.to_json())
    return 0


def cmd_targets(args: argparse.Namespace) -> int:
    from .indicators.extract import extract

    _print_json([i.to_json() | {"start": i.start, "end": i.end} for i in extract(args.text)])
    return 0


def cmd_read_progress(args: argparse.Namespace) -> int:
    from .indicators.progress_io import progress_text
    from .indicators.progress_reader import read_progress

    reading = read_progress(progress_text(_existing_file(args.file)), as_of=args.as_of and args.as_of.isoformat())
    data = reading.to_json()
    if args.plan:
        _setup_django()
        from .indicators.progress_match import with_matches
        from .indicators.services import plan_candidates

        data = with_matches(reading, plan_candidates(_plan(args.plan)))
    if not reading.statements():
        print("警告：文中没有读到带计量单位的数字（目标、完成数或完成比例）", file=sys.stderr)
    _print_json(data)
    return 0


def _use_dev_key() -> None:
    """In a checkout where `make run` made a per-machine key, the command uses it: the
    README's own commands then work without SECRET_KEY. A server sets SECRET_KEY."""
    from .config.paths import dev_key_path

    key = dev_key_path()
    if not os.environ.get("SECRET_KEY") and key.is_file():
        os.environ["SECRET_KEY"] = key.read_text().strip()


def _setup_django(migrate: bool = True) -> None:
    """Start Django; bring the database schema up to date so a new data directory just works."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.config.settings")
    _use_dev_key()
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", interactive=False, verbosity=0)


def cmd_import(args: argparse.Namespace) -> int:
    path = _existing_file(args.file)
    _setup_django()
    from .documents.services import plan_import

    result = plan_import(path=path, user=None, replace=args.replace)
    for warning in result.warnings:
        print(f"警告：{warning}", file=sys.stderr)
    print(result.summary())
    return 0


def cmd_export_json(args: argparse.Namespace) -> int:
    _setup_django()
    from .documents.export import plan_to_json
    from .plans.models import Plan

    try:
        plan = Plan.objects.get(pk=int(args.plan))
    except (ValueError, Plan.DoesNotExist):
        raise CliError(f"没有编号为 {args.plan} 的计划（用 `minsheng plans` 查看）") from None
    data = plan_to_json(plan)
    if args.output:
        Path(args.output).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    else:
        _print_json(data)
    return 0


def _plan(value: str) -> Any:
    from .plans.models import Plan

    try:
        return Plan.objects.get(pk=int(value))
    except (ValueError, Plan.DoesNotExist):
        raise CliError(f"没有编号为 {value} 的计划（用 `minsheng plans` 查看）") from None


def _date(value: str) -> Any:
    import datetime

    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 2026-03-31：{value}") from None


def cmd_push(args: argparse.Namespace) -> int:
    _setup_django()
    from .api.push import PushError, push

    try:
        result = push(plan=_plan(args.plan), url=args.to, token=args.token)
    except PushError as exc:
        raise CliError(str(exc)) from None
    print(result.summary())
    return 0 if not result.refused else EXIT_ERROR


def cmd_remind(args: argparse.Namespace) -> int:
    _setup_django()
    from django.utils import timezone

    from .progress import schedule
    from .progress.remind import remind

    plan = _plan(args.plan)
    result = remind(plan, args.as_of or timezone.localdate())
    print(f"{plan.title} {schedule.period_label(result.period_end, plan.cycle)}")
    for notice in result.reminded:
        print(f"催报\t{notice.unit.name}\t{notice.tasks.count()} 项\t{'、'.join(notice.sent_to) or '（无邮箱）'}")
    for notice in result.escalated:
        print(f"催办单\t{notice.unit.name}\t{notice.document.path}")
    counts = len(result.reminded), len(result.escalated), result.already
    print("共催报 {} 个单位，催办单 {} 份，本期此前已催报 {} 个单位".format(*counts))
    if result.no_account:
        names = "、".join(u.name for u in result.no_account)
        print(f"尚无填报账号、未能催报的单位 {len(result.no_account)} 个：{names}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    _setup_django()
    from .reports.tasktable import task_table_docx, task_table_xlsx

    plan = _plan(args.plan)
    data = task_table_docx(plan) if args.format == "docx" else task_table_xlsx(plan)
    output = Path(args.output or f"{plan.title}.{args.format}")
    output.write_bytes(data)
    print(output)
    return 0


def cmd_bulletin(args: argparse.Namespace) -> int:
    _setup_django()
    from django.template.loader import render_to_string
    from django.utils import timezone

    from .reports.bulletin import PdfUnavailable, build_bulletin, bulletin_docx, docx_to_pdf

    plan = _plan(args.plan)
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
    output = Path(args.output or f"{result.title}.{args.format}")
    output.write_bytes(data)
    print(output)
    return 0


def cmd_plans(args: argparse.Namespace) -> int:
    _setup_django()
    from .plans.models import Plan

    for plan in Plan.objects.select_related("jurisdiction").order_by("pk"):
        print(f"{plan.pk}\t{plan.year or ''}\t{plan.get_state_display()}\t{plan.title}")
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import call_command

    from .demo import ensure_demo

    call_command("migrate", interactive=False, verbosity=0)
    for line in ensure_demo():
        print(line)
    print(f"Minsheng 已启动：http://{args.addr}:{args.port}/  （Ctrl+C 停止）")
    # the job worker (large imports) beside the web server, stopped with it
    worker = subprocess.Popen([sys.executable, "-m", "minsheng.cli", "worker"])
    try:
        call_command("runserver", f"{args.addr}:{args.port}", use_reloader=False)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    return 0


def cmd_purge_uploads(args: argparse.Namespace) -> int:
    _setup_django()
    from datetime import timedelta

    from .documents.staging import purge

    removed = purge(timedelta(hours=args.hours))
    print(f"已删除 {removed} 个超过 {args.hours} 小时未确认的上传文件")
    _fail_stale_jobs()
    return 0


def _fail_stale_jobs() -> None:
    from .documents.stale import fail_stale_jobs

    if failed := fail_stale_jobs():
        print(f"已将 {failed} 个中断的导入作业标为未完成（处理进程已停止或超时）")


def cmd_worker(args: argparse.Namespace) -> int:
    _setup_django()
    from django.core.management import call_command

    _fail_stale_jobs()  # jobs a killed worker left "running"
    call_command("db_worker", *(["--batch"] if args.batch else []))
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    _setup_django(migrate=False)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["minsheng manage", *args.rest])
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    _setup_django(migrate=False)
    from .backup import BackupError, backup

    try:
        manifest = backup(Path(args.output))
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"已备份数据库和 {len(manifest['files']) - 1} 个上传文件到 {args.output}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = _existing_file(args.file)
    _setup_django(migrate=False)
    from .backup import BackupError, restore

    try:
        manifest = restore(path)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"已从 {path.name}（{manifest['created_at']}）恢复数据库和 {len(manifest['files']) - 1} 个上传文件")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="minsheng", description="民生实事督办平台")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("parse", help="读取任务分解表，输出计划 JSON（不写数据库）")
    p.add_argument("file", help=f"任务分解表：{formats_text()}")
    p.add_argument(
        "--columns",
        help="表头无法识别时指定各列（列号从 1 起）：如 \"2=content,3=lead_units,4=deadline\"；"
        "字段：seq category name content name_content deadline leaders lead_units partner_units ignore",
    )
    p.set_defaults(func=cmd_parse)

    p = sub.add_parser("targets", help="从一段文字中找出量化指标")
    p.add_argument("text")
    p.set_defaults(func=cmd_targets)

    p = sub.add_parser("read-progress", help="从进展情况文字（通报、报告）读出目标、完成数和完成比例（JSON）")
    p.add_argument("file", help=".txt .docx .html 或 .pdf 文件")
    p.add_argument("--plan", help="计划编号：为每个完成数找出对应的任务和指标")
    p.add_argument("--as-of", type=_date, help="截至哪一天，如 2024-03-31（默认从文中读）")
    p.set_defaults(func=cmd_read_progress)

    p = sub.add_parser("import", help="导入任务分解表到数据库")
    p.add_argument("file", help=f"任务分解表：{formats_text()}")
    p.add_argument("--replace", action="store_true", help="同一计划已存在时按新文件更新")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export-json", help="把已存的计划导出为 JSON")
    p.add_argument("plan", help="计划编号（见 minsheng plans）")
    p.add_argument("-o", "--output", help="写入文件而不是标准输出")
    p.set_defaults(func=cmd_export_json)

    p = sub.add_parser("export", help="把已存的计划导出为任务分解表（附件1 民生实事项目，附件2 票决候选项目）")
    p.add_argument("plan", help="计划编号（见 minsheng plans）")
    p.add_argument("--format", choices=["docx", "xlsx"], default="docx")
    p.add_argument("-o", "--output", help="文件名（默认：计划标题.docx）")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("bulletin", help="生成进度通报（按类别和项目，含滞后、逾期任务）")
    p.add_argument("plan", help="计划编号（见 minsheng plans）")
    p.add_argument("--as-of", type=_date, help="截至哪一天（默认今天），如 2026-03-31")
    p.add_argument("--format", choices=["docx", "pdf", "html"], default="docx")
    p.add_argument("-o", "--output", help="文件名（默认：通报标题.docx）")
    p.set_defaults(func=cmd_bulletin)

    p = sub.add_parser("plans", help="列出已存的计划")
    p.set_defaults(func=cmd_plans)

    p = sub.add_parser("remind", help="催报本期未报送进度的单位（邮件和单位页面通知；屡次未报发催办单）")
    p.add_argument("plan", help="计划编号（见 minsheng plans）")
    p.add_argument("--as-of", type=_date, help="按哪一天计算本期（默认今天），如 2026-04-03")
    p.set_defaults(func=cmd_remind)

    p = sub.add_parser("run", help="迁移数据库、载入演示数据并启动网站")
    p.add_argument("--addr", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("backup", help="备份数据库和上传文件到一个归档（含清单和 sha256 校验和）")
    p.add_argument("-o", "--output", required=True, help="归档文件名，如 minsheng-20260331.tar.gz")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("restore", help="从备份归档恢复到空的数据目录或空数据库")
    p.add_argument("file")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("purge-uploads", help="删除超过一天仍未确认的上传文件（定时运行）")
    p.add_argument("--hours", type=int, default=24, help="保留多少小时（默认 24）")
    p.set_defaults(func=cmd_purge_uploads)

    p = sub.add_parser("worker", help="运行后台作业（大文件的读取和导入）；make run 会一并启动")
    p.add_argument("--batch", action="store_true", help="做完排队的作业后退出")
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("push", help="把本系统计划的已审核进度推送到上级（市）系统的 API")
    p.add_argument("plan", help="本系统的计划编号")
    p.add_argument("--to", required=True, help="上级系统地址，如 https://minsheng.example.gov.cn")
    p.add_argument("--token", required=True, help="上级督查室创建的 API 令牌（督查室代录或单位报送）")
    p.set_defaults(func=cmd_push)

    p = sub.add_parser("manage", help="Django 管理命令（如 createsuperuser）")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    from .documents.errors import DocumentError

    args = build_parser().parse_args(argv)
    try:
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
