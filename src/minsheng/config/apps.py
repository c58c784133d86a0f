"""Chinese names for the third-party apps the operator's Django admin lists (their own
AppConfig gives an English one or none). Same app label and name: migrations and the apps'
own checks are unaffected."""

from axes.apps import AppConfig as AxesAppConfig
from django_tasks_db.apps import TasksAppConfig


class AxesConfig(AxesAppConfig):
    verbose_name = "登录锁定"


class TasksDbConfig(TasksAppConfig):
    verbose_name = "后台作业队列"
