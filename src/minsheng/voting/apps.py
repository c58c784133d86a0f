from django.apps import AppConfig


class VotingConfig(AppConfig):
    name = "minsheng.voting"
    verbose_name = "征集、票决与测评"
