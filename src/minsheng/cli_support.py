"""What the `minsheng` commands share: errors as one line, files and plans named on the
command line, and starting Django with the schema up to date."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXIT_ERROR = 1

# A command: name, help, handler, and its arguments as (flags, add_argument keywords).
Argument = tuple[tuple[str, ...], dict[str, Any]]
Command = tuple[str, str, Callable[[argparse.Namespace], int], list[Argument]]


class CliError(Exception):
    pass


def add_commands(sub: Any, commands: list[Command]) -> None:
    for name, help_text, func, arguments in commands:
        parser = sub.add_parser(name, help=help_text)
        for flags, options in arguments:
            parser.add_argument(*flags, **options)
        parser.set_defaults(func=func)


PLAN_ARGUMENT: Argument = (("plan",), {"help": "计划编号（见 minsheng plans）"})


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def existing_file(value: str) -> Path:
    path = Path(value)
    if not path.exists():
        raise CliError(f"文件不存在：{value}")
    if not path.is_file():
        raise CliError(f"不是文件：{value}")
    return path


ENV_FILE_VARIABLE = "MINSHENG_ENV_FILE"


def read_env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines as systemd's EnvironmentFile= reads them (blank lines, # and ; comments,
    an optional `export`, values in single or double quotes), so the services and the command
    read one file."""
    found: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        key, sep, value = line.removeprefix("export ").partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key.replace("_", "").isalnum():
            raise CliError(f"环境文件 {path} 第 {number} 行应写作 名称=值：{raw.strip()}")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        found[key] = value
    return found


def load_env_file(given: str | None) -> Path | None:
    """The file named by --env-file, else by MINSHENG_ENV_FILE: its variables fill the
    environment, and one already set wins (so `DEBUG=1 minsheng …` still overrides a line)."""
    name = given or os.environ.get(ENV_FILE_VARIABLE)
    if not name:
        return None
    path = Path(name)
    if not path.is_file():
        raise CliError(f"环境文件不存在：{name}")
    for key, value in read_env_file(path).items():
        os.environ.setdefault(key, value)
    return path


def _debug() -> bool:
    return os.environ.get("DEBUG", "0").strip().lower() in {"1", "true", "yes", "on"}


def use_dev_key() -> None:
    """In a checkout where `make run` made a per-machine key, the command uses it: the
    README's own commands then work without SECRET_KEY. A server sets SECRET_KEY, and a
    command run there without its environment (cron, a shell) would otherwise quietly use the
    development key and the SQLite file beside it: outside DEBUG it says so on stderr."""
    from .config.paths import data_dir, dev_key_path

    key = dev_key_path()
    if os.environ.get("SECRET_KEY") or not key.is_file():
        return
    os.environ["SECRET_KEY"] = key.read_text().strip()
    if not _debug():
        # DATABASE_URL may hold a password: only the SQLite fallback is named
        database = (
            "DATABASE_URL 所指的数据库"
            if os.environ.get("DATABASE_URL")
            else f"SQLite {data_dir() / 'minsheng.sqlite3'}"
        )
        print(
            f"minsheng: 注意：未设置 SECRET_KEY，正在使用开发密钥 {key}，数据库为 {database}。"
            f"服务器上请用 --env-file 或环境变量 {ENV_FILE_VARIABLE} 指定环境文件（见 deploy/minsheng.env.example）",
            file=sys.stderr,
        )


def setup_django(migrate: bool = True) -> None:
    """Start Django; bring the database schema up to date so a new data directory just works."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.config.settings")
    use_dev_key()
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", interactive=False, verbosity=0)


def plan_arg(value: str) -> Any:
    from .plans.models import Plan

    try:
        return Plan.objects.get(pk=int(value))
    except (ValueError, Plan.DoesNotExist):
        raise CliError(f"没有编号为 {value} 的计划（用 `minsheng plans` 查看）") from None


def date_arg(value: str) -> Any:
    import datetime

    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写作 2026-03-31：{value}") from None
