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


def use_dev_key() -> None:
    """In a checkout where `make run` made a per-machine key, the command uses it: the
    README's own commands then work without SECRET_KEY. A server sets SECRET_KEY."""
    from .config.paths import dev_key_path

    key = dev_key_path()
    if not os.environ.get("SECRET_KEY") and key.is_file():
        os.environ["SECRET_KEY"] = key.read_text().strip()


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
