from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "minsheng.accounts"
    verbose_name = "用户与权限"
