"""The `minsheng` commands that run and keep an installation: the site and its worker,
the purge of stale uploads, backups, pushes to the city's system, Django's own commands."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

from .cli_support import EXIT_ERROR, PLAN_ARGUMENT, CliError, Command, existing_file, plan_arg, setup_django


def cmd_run(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import call_command

    from .demo import ensure_demo

    call_command("migrate", interactive=False, verbosity=0)
    for line in ensure_demo():
        print(line)
    print(f"Minsheng 已启动：http://{args.addr}:{args.port}/  （Ctrl+C 停止）")
    # the job worker (large imports) beside the web server, stopped with it: on Ctrl+C and on
    # SIGTERM (a service manager, `kill`) through the finally below; on SIGKILL the worker
    # notices its parent is gone (`--parent`) and stops by itself
    worker = subprocess.Popen([sys.executable, "-m", "minsheng.cli", "worker", "--parent", str(os.getpid())])
    signal.signal(signal.SIGTERM, _stop_on_term)
    try:
        call_command("runserver", f"{args.addr}:{args.port}", use_reloader=False)
    except KeyboardInterrupt:
        pass
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a job that will not stop: the site stops all the same
            worker.kill()
    return 0


def _stop_on_term(signum: int, frame: object) -> None:
    raise KeyboardInterrupt  # runserver stops on it as on Ctrl+C, and the finally stops the worker


def cmd_rebuild_progress(args: argparse.Namespace) -> int:
    """Recompute every task's standing (progress.summary), or with --check only compare."""
    setup_django()
    import time

    from django.db.models import Q

    from .plans.models import Plan
    from .progress import summary

    started = time.perf_counter()
    if not args.check:
        written = summary.rebuild()
        print(f"已重算 {written} 项任务的进度汇总，用时 {time.perf_counter() - started:.0f} 秒")
        return 0
    plans = list(Plan.objects.order_by("pk").values_list("pk", flat=True))
    differ = 0
    for at in range(0, len(plans), 50):
        scope = Q(project__plan_id__in=plans[at : at + 50])
        kept, computed = summary.stored(scope), summary.compute(scope)
        differ += sum(1 for pk in kept.keys() | computed.keys() if kept.get(pk) != computed.get(pk))
    if differ:
        print(f"进度汇总与重算不一致的任务 {differ} 项：请运行 minsheng rebuild-progress", file=sys.stderr)
        return EXIT_ERROR
    print(f"进度汇总与重算一致（{len(plans)} 个计划）")
    return 0


def cmd_purge_uploads(args: argparse.Namespace) -> int:
    setup_django()
    from datetime import timedelta

    from .backup import purge_partial_backups
    from .documents.intake.staging import purge
    from .progress.evidence import purge_evidence

    age = timedelta(hours=args.hours)
    removed = purge(age)
    print(f"已删除 {removed} 个超过 {args.hours} 小时未确认的上传文件")
    if strays := purge_evidence(age):
        print(f"已删除 {strays} 个没有报告引用的佐证材料文件（上传中断或未保存）")
    if partials := purge_partial_backups(age):
        print(f"已删除 {partials} 个中断的备份留下的 .partial 文件")
    _fail_stale_jobs()
    return 0


def _fail_stale_jobs() -> None:
    from .documents.intake.stale import fail_stale_jobs

    if failed := fail_stale_jobs():
        print(f"已将 {failed} 个中断的导入作业标为未完成（处理进程已停止或超时）")


def cmd_worker(args: argparse.Namespace) -> int:
    setup_django()
    import logging

    from .documents.intake.worker import run_worker

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    _fail_stale_jobs()  # jobs a killed worker left "running"
    run_worker(batch=args.batch, parent=args.parent)  # survives a database outage (documents/intake/worker.py)
    return 0


def cmd_create_office_admin(args: argparse.Namespace) -> int:
    setup_django()
    import os
    import secrets

    from .regions.bootstrap import create_office_admin
    from .regions.staff import StaffError

    given = os.environ.get("MINSHENG_ADMIN_PASSWORD", "")
    password = given or secrets.token_urlsafe(12)
    try:
        account, made = create_office_admin(
            path=args.jurisdiction, username=args.username, password=password, level=args.level
        )
    except StaffError as exc:
        raise CliError(str(exc)) from None
    for jurisdiction in made:
        print(f"已新建区划：{jurisdiction.name}（{jurisdiction.get_level_display()}）")
    seat = account.office_seat.jurisdiction
    print(f"已新建 {seat.name} 督查室的账号管理员：{account.username}")
    # printed once: only its hash is stored; one given in the environment is not echoed
    print("密码：取自环境变量 MINSHENG_ADMIN_PASSWORD" if given else f"密码（只显示这一次）：{password}")
    return 0


def cmd_manage(args: argparse.Namespace) -> int:
    setup_django(migrate=False)
    from django.core.management import execute_from_command_line

    execute_from_command_line(["minsheng manage", *args.rest])
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    setup_django(migrate=False)
    from .backup import BackupError, backup

    try:
        manifest = backup(Path(args.output))
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"已备份数据库和 {len(manifest['files']) - 1} 个上传文件到 {args.output}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    path = existing_file(args.file)
    setup_django(migrate=False)
    from .backup import BackupError, restore

    try:
        manifest = restore(path)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(f"已从 {path.name}（{manifest['created_at']}）恢复数据库和 {len(manifest['files']) - 1} 个上传文件")
    return 0


def cmd_push(args: argparse.Namespace) -> int:
    setup_django()
    from .api.push import PushError, push

    try:
        result = push(plan=plan_arg(args.plan), url=args.to, token=args.token)
    except PushError as exc:
        raise CliError(str(exc)) from None
    print(result.summary())
    return 0 if not result.refused else EXIT_ERROR


SERVER_COMMANDS: list[Command] = [
    (
        "run",
        "迁移数据库、载入演示数据并启动网站",
        cmd_run,
        [
            (("--addr",), {"default": "127.0.0.1"}),
            (("--port",), {"type": int, "default": 8000}),
        ],
    ),
    (
        "backup",
        "备份数据库和上传文件到一个归档（含清单和 sha256 校验和）",
        cmd_backup,
        [
            (("-o", "--output"), {"required": True, "help": "归档文件名，如 minsheng-20260331.tar.gz"}),
        ],
    ),
    ("restore", "从备份归档恢复到空的数据目录或空数据库", cmd_restore, [(("file",), {})]),
    (
        "rebuild-progress",
        "重算各任务的进度汇总（升级、批量导入数据后运行；--check 只核对不写入）",
        cmd_rebuild_progress,
        [(("--check",), {"action": "store_true", "help": "只核对汇总与按报告重算是否一致"})],
    ),
    (
        "purge-uploads",
        "删除超过一天仍未确认的上传文件、无人引用的佐证材料和中断备份的 .partial 文件（定时运行）",
        cmd_purge_uploads,
        [
            (("--hours",), {"type": int, "default": 24, "help": "保留多少小时（默认 24）"}),
        ],
    ),
    (
        "worker",
        "运行后台作业（大文件的读取和导入）；make run 会一并启动",
        cmd_worker,
        [
            (("--batch",), {"action": "store_true", "help": "做完排队的作业后退出"}),
            (("--parent",), {"type": int, "help": "随该进程退出（make run 启动时使用）"}),
        ],
    ),
    (
        "push",
        "把本系统计划的已审核进度推送到上级（市）系统的 API",
        cmd_push,
        [
            ((PLAN_ARGUMENT[0]), {"help": "本系统的计划编号"}),
            (("--to",), {"required": True, "help": "上级系统地址，如 https://minsheng.example.gov.cn"}),
            (("--token",), {"required": True, "help": "上级督查室创建的 API 令牌（督查室代录或单位报送）"}),
        ],
    ),
    (
        "create-office-admin",
        "新建一个区划督查室的第一个账号管理员（区划路径缺少的层级一并新建），其余账号在网页“账号管理”中建立",
        cmd_create_office_admin,
        [
            (("--jurisdiction",), {"required": True, "help": "区划路径，如 江苏省/常州市/武进区"}),
            (("--username",), {"required": True, "help": "登录用户名"}),
            (
                ("--level",),
                {
                    "choices": ["province", "city", "county", "town"],
                    "help": "最后一级的层级（默认按路径推断：省、市、区县、镇街逐级向下）",
                },
            ),
        ],
    ),
    (
        "manage",
        "Django 管理命令（如 createsuperuser）",
        cmd_manage,
        [
            (("rest",), {"nargs": argparse.REMAINDER}),
        ],
    ),
]
