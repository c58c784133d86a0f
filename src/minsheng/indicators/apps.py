from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "minsheng.indicators"
    verbose_name = "量化指标"
