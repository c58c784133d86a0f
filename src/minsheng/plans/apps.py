from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "minsheng.plans"
    verbose_name = "民生实事计划"
