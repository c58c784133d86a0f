"""Production settings come from the environment: with HTTPS switched on, Django's own
deployment check (`manage.py check --deploy`) finds nothing; without it, it warns."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.no_ci_database  # `django check` run without DATABASE_URL

OURS = ("SECURE_", "MINSHENG_", "DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_", "CSRF_")


def _check_deploy(tmp_path: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(OURS)
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "minsheng.config.settings",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "minsheng.example.gov.cn",
        "MINSHENG_DATA_DIR": str(tmp_path),
        **extra,
    }
    command = [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"]
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_with_https_settings(tmp_path: Path) -> None:
    result = _check_deploy(tmp_path, MINSHENG_HTTPS="1", MINSHENG_PROXY_SSL_HEADER="1")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_them(tmp_path: Path) -> None:
    result = _check_deploy(tmp_path)
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr + result.stdout
