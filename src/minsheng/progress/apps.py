from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "minsheng.progress"
    verbose_name = "督查督办"

    def ready(self) -> None:
        from ..plans.generation import targets_changed
        from . import summary

        # a task's standing follows its targets when the targets' services change them
        targets_changed.connect(summary.on_targets_changed, dispatch_uid="progress-summary-targets")
