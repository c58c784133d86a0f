"""The states of plans and the roles of units on a task, apart from the models so that the
access rules (plans/access.py) can name them without importing the models."""

from __future__ import annotations

from django.db import models


class PlanState(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布"
    CLOSED = "closed", "已结束"


class ProjectStatus(models.TextChoices):
    FORMAL = "formal", "民生实事项目"
    CANDIDATE = "candidate", "票决候选项目"


class UnitRole(models.TextChoices):
    LEAD = "lead", "牵头单位"
    PARTNER = "partner", "配合单位"
