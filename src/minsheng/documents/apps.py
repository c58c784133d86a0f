from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "minsheng.documents"
    verbose_name = "文档导入"
