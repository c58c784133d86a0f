from django.apps import AppConfig


class ProgressConfig(AppConfig):
    name = "minsheng.progress"
    verbose_name = "督查督办"
