"""A task named by its first clause: the one rule for the bulletin's lines, the demo's notes and the
upload preview's picker (an indicator's own name can be a fragment such as 建设（6个）)."""

from __future__ import annotations

import re

TASK_WORDS = 20  # characters of a task's first clause kept to tell it from its project's others


def task_clause(content: str) -> str:
    """A task told from its project's others by its first clause, cut to TASK_WORDS with …."""
    clause = re.split(r"[，。；,;]", content.strip(), maxsplit=1)[0]
    return clause if len(clause) <= TASK_WORDS else clause[: TASK_WORDS - 1] + "…"
