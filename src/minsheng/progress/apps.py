from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ProgressConfig(AppConfig):
    name = "minsheng.progress"
    verbose_name = "督查督办"

    def ready(self) -> None:
        from ..plans.generation import targets_changed
        from . import summary

        # a task's standing follows its targets when the targets' services change them
        targets_changed.connect(summary.on_targets_changed, dispatch_uid="progress-summary-targets")
        post_migrate.connect(rebuild_after_migrate, sender=self, dispatch_uid="progress-summary-migrate")


def rebuild_after_migrate(plan: list[tuple[Any, bool]] | None = None, **kwargs: object) -> None:
    """Fill every task's standing when the run applied a migration that asks for it.

    It runs here, once the whole run is applied, because summary.rebuild writes the current schema:
    inside the migration, an upgrade from before a later column would fail at the first write."""
    from . import summary

    if any(getattr(migration, "rebuilds_standings", False) and not backwards for migration, backwards in plan or []):
        summary.rebuild()
