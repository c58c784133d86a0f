"""Where a checkout keeps its data, shared by the settings and the `minsheng` command
(which must find the per-machine development key before Django starts)."""

from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent.parent
DEV_KEY_NAME = "dev-secret-key"


def data_dir() -> Path:
    return Path(os.environ.get("MINSHENG_DATA_DIR", BASE_DIR / "var")).resolve()


def dev_key_path() -> Path:
    return data_dir() / DEV_KEY_NAME
