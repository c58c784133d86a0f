"""Jurisdictions above and below each other: offices seated at a level, and a city
task's target allotted to its districts (分解下达)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class OfficeSeat(models.Model):
    """An office user (督查室) belongs to one jurisdiction: it supervises that jurisdiction's
    plans and reads those of the jurisdictions below it. A staff user without a seat is the
    installation's own office and sees every plan, as before jurisdictions had offices."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="office_seat"
    )

    class Duty(models.TextChoices):
        # A teller is an office user as far as the voting app is concerned (it enters paper
        # ballots as the office); the duty only says why the account was made.
        STAFF = "staff", "督查室工作人员"
        TELLER = "teller", "计票人"

    jurisdiction = models.ForeignKey(
        "plans.Jurisdiction", verbose_name="行政区划", on_delete=models.PROTECT, related_name="office_seats"
    )
    duty = models.CharField("职责", max_length=10, choices=Duty.choices, default=Duty.STAFF)
    is_admin = models.BooleanField(
        "本级账号管理员", default=False, help_text="可在网页上管理本级及下级的账号和下一级区划"
    )

    class Meta:
        verbose_name = verbose_name_plural = "督查室所属区划"

    def __str__(self) -> str:
        return f"{self.user} @ {self.jurisdiction}"


class HomeJurisdiction(models.Model):
    """The jurisdiction a leader's or a deputy's account belongs to: what places it within an
    office administrator's reach (an office user has its seat, a unit reporter its unit's)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="home_jurisdiction"
    )
    jurisdiction = models.ForeignKey(
        "plans.Jurisdiction", verbose_name="行政区划", on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "账号所属区划"

    def __str__(self) -> str:
        return f"{self.user} @ {self.jurisdiction}"


class Allotment(models.Model):
    """A share of a parent task's targets given to a lower jurisdiction: `task` is the task in
    the lower jurisdiction's plan, with its own lead unit and figures; its targets carry the
    parent's target names, so the parent's figure is the sum of its allotments' figures."""

    parent = models.ForeignKey(
        "plans.Task", verbose_name="上级任务", on_delete=models.PROTECT, related_name="allotments"
    )
    task = models.OneToOneField(
        "plans.Task", verbose_name="下达任务", on_delete=models.CASCADE, related_name="allotment"
    )
    jurisdiction = models.ForeignKey(
        "plans.Jurisdiction", verbose_name="承接区划", on_delete=models.PROTECT, related_name="allotments"
    )
    created_at = models.DateTimeField("下达时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "任务分解下达"
        constraints = [
            models.UniqueConstraint(fields=["parent", "jurisdiction"], name="allotment_once_per_jurisdiction"),
        ]

    def __str__(self) -> str:
        return f"{self.parent_id} → {self.jurisdiction}"


class ProjectLink(models.Model):
    """The same project in two years' plans of one jurisdiction (matched by name and category,
    confirmed by the office): its history reads across years."""

    earlier = models.ForeignKey("plans.Project", verbose_name="往年项目", on_delete=models.CASCADE, related_name="+")
    later = models.OneToOneField(
        "plans.Project", verbose_name="本年项目", on_delete=models.CASCADE, related_name="earlier_link"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="确认人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField("确认时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "跨年度同一项目"

    def __str__(self) -> str:
        return f"{self.earlier_id} → {self.later_id}"
