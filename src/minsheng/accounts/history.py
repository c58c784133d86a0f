"""Append-only history: reports, figures and audit entries are written once and kept.

model.delete(), QuerySet.delete() and update() of their recorded fields raise; only the
fields a workflow is meant to change later (a report's review) may be saved again. The
admin shows them read-only. Deleting what they hang on is refused by PROTECT keys.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models


class AppendOnlyError(Exception):
    """An attempt to delete or rewrite history."""


def _refuse(model: type[models.Model], what: str) -> AppendOnlyError:
    return AppendOnlyError(f"{model._meta.verbose_name}是历史记录，不能{what}")


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise _refuse(self.model, "删除")

    def update(self, **kwargs: Any) -> int:
        if set(kwargs) - self.model.MUTABLE_FIELDS:  # type: ignore[attr-defined]
            raise _refuse(self.model, "修改")
        return super().update(**kwargs)


class AppendOnlyModel(models.Model):
    MUTABLE_FIELDS: ClassVar[frozenset[str]] = frozenset()

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            fields = kwargs.get("update_fields")
            if fields is None or set(fields) - self.MUTABLE_FIELDS:
                raise _refuse(type(self), "修改")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise _refuse(type(self), "删除")
