from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "minsheng.regions"
    verbose_name = "行政区划与上下级"
