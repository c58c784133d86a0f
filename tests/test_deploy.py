"""The service files under deploy/ and the environment file they share: each ExecStart names
a real `minsheng` command with arguments it accepts (or gunicorn with the real WSGI module),
and the command reads the same file (--env-file / MINSHENG_ENV_FILE), saying on stderr when it
falls back to the development key and SQLite outside DEBUG."""

from __future__ import annotations

import configparser
import importlib.util
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from minsheng.cli import build_parser
from minsheng.cli_support import CliError, load_env_file, read_env_file

from .conftest import ROOT

pytestmark = pytest.mark.no_ci_database  # no database here; the commands run without DATABASE_URL

DEPLOY = ROOT / "deploy"
ENV_FILE = "/etc/minsheng/minsheng.env"  # where deploy/minsheng.env.example is installed
SERVICES = sorted(DEPLOY.glob("*.service"))


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser


def test_the_web_worker_and_both_schedules_are_shipped() -> None:
    names = {p.name for p in DEPLOY.iterdir()}
    assert {"minsheng-web.service", "minsheng-worker.service", "minsheng.env.example"} <= names
    assert {
        "minsheng-purge.service",
        "minsheng-purge.timer",
        "minsheng-remind.service",
        "minsheng-remind.timer",
    } <= names


@pytest.mark.parametrize("path", SERVICES, ids=lambda p: p.stem)
def test_each_service_reads_the_one_environment_file_and_runs_a_real_command(path: Path) -> None:
    service = _unit(path)["Service"]
    assert service["EnvironmentFile"] == ENV_FILE
    program, *args = shlex.split(service["ExecStart"])
    if program.endswith("/gunicorn"):
        assert args[0] == "minsheng.config.wsgi" and importlib.util.find_spec(args[0]) is not None
        return
    assert program == "/srv/minsheng/.venv/bin/minsheng"
    parsed = build_parser().parse_args(args)  # argparse exits on an unknown command or argument
    assert parsed.command == args[0] and callable(parsed.func)


@pytest.mark.parametrize("path", sorted(DEPLOY.glob("*.timer")), ids=lambda p: p.stem)
def test_each_timer_starts_its_service_daily_and_catches_up(path: Path) -> None:
    timer = _unit(path)["Timer"]
    assert path.with_suffix(".service").exists()
    assert timer["OnCalendar"].startswith("*-*-* ") and timer["Persistent"] == "true"


def test_the_example_environment_names_what_production_needs() -> None:
    values = read_env_file(DEPLOY / "minsheng.env.example")
    assert {"DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "MINSHENG_DATA_DIR"} <= set(values)
    assert values["DATABASE_URL"].startswith("postgres://") and values["DEBUG"] == "0"


def test_it_reads_an_environment_file_as_systemd_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "minsheng.env"
    path.write_text('# 注释\n; also a comment\n\nSECRET_KEY="a b=c"\nexport DEBUG=0\nALLOWED_HOSTS=x\n')
    assert read_env_file(path) == {"SECRET_KEY": "a b=c", "DEBUG": "0", "ALLOWED_HOSTS": "x"}
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("ALLOWED_HOSTS", "kept")  # what the caller set wins over the file
    monkeypatch.setenv("MINSHENG_ENV_FILE", str(path))
    assert load_env_file(None) == path
    assert (os.environ["SECRET_KEY"], os.environ["ALLOWED_HOSTS"]) == ("a b=c", "kept")
    path.write_text("SECRET_KEY\n")
    with pytest.raises(CliError, match="第 1 行"):
        read_env_file(path)
    with pytest.raises(CliError, match="环境文件不存在"):
        load_env_file(str(tmp_path / "missing.env"))


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # DATABASE_URL too: CI's second round sets it, and these runs are of a server that set nothing
    dropped = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DEBUG", "DATABASE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    clean.pop("MINSHENG_ENV_FILE", None)
    command = [sys.executable, "-m", "minsheng.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, env=clean | env, timeout=120)


def test_the_command_runs_with_the_file_and_says_what_is_missing_without_it(tmp_path: Path) -> None:
    env_file = tmp_path / "minsheng.env"
    env_file.write_text(f"SECRET_KEY=test-key-{'x' * 40}\nMINSHENG_DATA_DIR={tmp_path / 'data'}\n")
    bare = _run("manage", "check", env={"MINSHENG_DATA_DIR": str(tmp_path / "data")})
    assert bare.returncode == 1 and "未设置环境变量 SECRET_KEY" in bare.stderr
    given = _run("--env-file", str(env_file), "manage", "check", env={})
    assert given.returncode == 0, given.stderr
    assert "注意" not in given.stderr


def test_a_fallback_to_the_development_key_outside_debug_is_said_on_stderr(tmp_path: Path) -> None:
    (tmp_path / "dev-secret-key").write_text("dev-key-" + "y" * 40)
    result = _run("manage", "check", env={"MINSHENG_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "正在使用开发密钥" in result.stderr and "SQLite" in result.stderr and "MINSHENG_ENV_FILE" in result.stderr
    quiet = _run("manage", "check", env={"MINSHENG_DATA_DIR": str(tmp_path), "DEBUG": "1"})
    assert quiet.returncode == 0 and "开发密钥" not in quiet.stderr
