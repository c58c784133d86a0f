"""The one definition of "the same project" and "the same task" on import: a repeated name
after a page break (the reader), a task whose corrections a new version keeps (the import
service) and the preview's list of changes all compare these keys."""

from __future__ import annotations

from ..shapes.headers import normalise


def project_key(status: str, name: str) -> tuple[str, str]:
    """Same status and the same name, whatever its spaces, line breaks or traditional characters."""
    return (status, normalise(name))


def task_key(status: str, project: str, content: str) -> tuple[str, str, str]:
    return (*project_key(status, project), normalise(content))
