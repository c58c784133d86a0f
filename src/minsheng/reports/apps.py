from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "minsheng.reports"
    verbose_name = "通报与导出"
