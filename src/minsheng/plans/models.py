"""The plan model: a year's list of projects, their task rows and who answers for them."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from ..accounts.kinds import Actor
from . import access
from .fields import SUMS, label
from .states import PlanState, ProjectStatus, UnitRole


class Jurisdiction(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", "省"
        CITY = "city", "市"
        COUNTY = "county", "区县"
        TOWN = "town", "镇街"

    name = models.CharField("名称", max_length=64)
    level = models.CharField("层级", max_length=16, choices=Level.choices, default=Level.COUNTY)
    parent = models.ForeignKey(
        "self", verbose_name="上级", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        verbose_name = verbose_name_plural = "行政区划"
        constraints = [
            models.UniqueConstraint(fields=["name", "parent"], name="jurisdiction_unique_name_in_parent"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(parent__isnull=True), name="jurisdiction_unique_top_level_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @staticmethod
    def level_for(name: str) -> Level:
        if name.endswith("省"):
            return Jurisdiction.Level.PROVINCE
        if name.endswith("市"):
            return Jurisdiction.Level.CITY
        if name.endswith(("镇", "街道", "乡")):
            return Jurisdiction.Level.TOWN
        return Jurisdiction.Level.COUNTY


class PlanQuerySet(models.QuerySet["Plan"]):
    def visible_to(self, user: Actor) -> PlanQuerySet:
        """The plans `user` may read (plans/access.py: drafts are the office's only)."""
        return self.filter(access.plan_filter(user))

    def public(self) -> PlanQuerySet:
        """The plans the public pages show, whoever asks: never drafts."""
        return self.filter(access.published_filter())

    def current(self) -> PlanQuerySet:
        """Plans being worked on this year: published, not yet closed (own-work dashboards)."""
        return self.filter(state=PlanState.PUBLISHED)


class Plan(models.Model):
    State = PlanState

    class Cycle(models.TextChoices):
        MONTHLY = "monthly", "按月"
        QUARTERLY = "quarterly", "按季度"

    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name="行政区划", null=True, blank=True, on_delete=models.PROTECT, related_name="plans"
    )
    year = models.PositiveIntegerField("年度", null=True, blank=True)
    title = models.CharField("标题", max_length=200)
    state = models.CharField("状态", max_length=16, choices=State.choices, default=State.DRAFT)
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    # Supervision settings (督查督办): the reporting cycle and the thresholds of the lights.
    start = models.DateField("序时起算日", null=True, blank=True, help_text="空则为计划年度的1月1日")
    cycle = models.CharField("报送周期", max_length=10, choices=Cycle.choices, default=Cycle.MONTHLY)
    report_day = models.PositiveSmallIntegerField(
        "报送日",
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(28)],
        help_text="每期结束后，次月几日前报送",
    )
    yellow_margin = models.DecimalField(
        "黄灯差距（百分点）", max_digits=5, decimal_places=1, default=5, help_text="落后序时进度超过此值亮黄灯"
    )
    red_margin = models.DecimalField(
        "红灯差距（百分点）", max_digits=5, decimal_places=1, default=15, help_text="落后序时进度超过此值亮红灯"
    )
    blue_days = models.PositiveSmallIntegerField("蓝灯天数", default=30, help_text="距截止日不足此天数且未完成亮蓝灯")
    coverage_floor = models.DecimalField(
        "总体完成率显示门槛（%）",
        max_digits=4,
        decimal_places=1,
        default=80,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text="已报送任务占比低于此值时，平均完成率不作为总体完成率突出显示",
    )
    escalate_after = models.PositiveSmallIntegerField(
        "发催办单阈值", default=2, help_text="单位连续几期未报送时生成催办单"
    )
    # Reports are asked for from the period containing this day on: a unit cannot be late for
    # a period that ended before it could see the plan (progress/schedule.PlanCalendar).
    published_on = models.DateField("发布日期", null=True, blank=True, editable=False)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "民生实事计划"
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(report_day__gte=1) & Q(report_day__lte=28), name="plan_report_day_in_month"
            ),
            models.CheckConstraint(
                condition=Q(yellow_margin__gte=0) & Q(red_margin__gte=models.F("yellow_margin")),
                name="plan_margins_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:detail", args=[self.pk])

    def start_date(self) -> datetime.date | None:
        """Where 序时进度 starts: the set date, else 1 January of the plan's year."""
        if self.start:
            return self.start
        return datetime.date(self.year, 1, 1) if self.year else None


class SourceDocument(models.Model):
    class Format(models.TextChoices):
        DOCX = "docx", "Word (.docx)"
        XLSX = "xlsx", "Excel (.xlsx)"
        HTML = "html", "网页 (.html)"
        PDF = "pdf", "PDF"
        TEXT = "txt", "文本"
        OTHER = "other", "其他"

    plan = models.ForeignKey(Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="documents")
    file = models.FileField("文件", upload_to="documents/%Y/")
    original_name = models.CharField("原文件名", max_length=255)
    # the same file may be stored by two offices, each for its own plan; once per plan
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    format = models.CharField("格式", max_length=8, choices=Format.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="上传人", null=True, blank=True, on_delete=models.SET_NULL
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "来源文件"
        constraints = [models.UniqueConstraint(fields=["plan", "sha256"], name="one_copy_per_plan")]

    def __str__(self) -> str:
        return self.original_name


class Category(models.Model):
    plan = models.ForeignKey(Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="categories")
    name = models.CharField("实事名称", max_length=100)
    order = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "实事类别"
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["plan", "name"], name="category_unique_name_in_plan")]

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    Status = ProjectStatus

    plan = models.ForeignKey(Plan, verbose_name="计划", on_delete=models.CASCADE, related_name="projects")
    category = models.ForeignKey(
        Category, verbose_name="实事名称", null=True, blank=True, on_delete=models.SET_NULL, related_name="projects"
    )
    # 序号 as printed; not unique: some tables number categories, not projects.
    seq = models.PositiveIntegerField("序号", null=True, blank=True)
    name = models.CharField("项目名称", max_length=200)
    status = models.CharField("类型", max_length=16, choices=Status.choices, default=Status.FORMAL)
    # Position in the plan as the document lists it (formal table, then candidates).
    order = models.PositiveIntegerField("顺序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "项目"
        ordering = ["plan", "order"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "status", "name"], name="project_unique_name_in_plan"),
            models.UniqueConstraint(fields=["plan", "order"], name="project_unique_order_in_plan"),
        ]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A body that leads or partners on tasks. It belongs to a jurisdiction: 团区委 of 武进区 and
    团区委 of 金坛区 are two units, and a city's 城管局 is not a district's. A unit without a
    jurisdiction belongs to an installation that has none (plans read without a place)."""

    name = models.CharField("单位名称", max_length=100)
    jurisdiction = models.ForeignKey(
        Jurisdiction, verbose_name="行政区划", null=True, blank=True, on_delete=models.PROTECT, related_name="units"
    )
    aliases = models.JSONField("别名", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "单位"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "name"], name="unit_unique_name_in_jurisdiction"),
            models.UniqueConstraint(
                fields=["name"], condition=Q(jurisdiction__isnull=True), name="unit_unique_name_without_jurisdiction"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("plans:unit", args=[self.pk])


class Leader(models.Model):
    name = models.CharField("姓名", max_length=50, unique=True)

    class Meta:
        verbose_name = verbose_name_plural = "分管领导"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TaskQuerySet(models.QuerySet["Task"]):
    def visible_to(self, user: Actor) -> TaskQuerySet:
        return self.filter(access.plan_filter(user, "project__plan__"))

    def with_people(self) -> TaskQuerySet:
        """Everything a task row shows, in a fixed number of queries."""
        return self.select_related("project", "project__category", "project__plan").prefetch_related(
            models.Prefetch("task_leaders", TaskLeader.objects.select_related("leader").order_by("order")),
            models.Prefetch("task_units", TaskUnit.objects.select_related("unit").order_by("role", "order")),
            "indicators",
        )

    def search(self, query: str) -> TaskQuerySet:
        return self.filter(
            Q(content__icontains=query) | Q(project__name__icontains=query) | Q(units__name__icontains=query)
        ).distinct()


class Task(models.Model):
    # Indexed by task_by_project below (and the unique order): no index of its own.
    project = models.ForeignKey(
        Project, verbose_name="项目", on_delete=models.CASCADE, related_name="tasks", db_index=False
    )
    order = models.PositiveIntegerField("顺序", default=0)
    content = models.TextField("项目概况 / 主要内容")
    deadline = models.CharField("完成时间（原文）", max_length=100, blank=True)
    due = models.DateField("截止日期", null=True, blank=True)
    # A project voted in mid-year (票决增补) starts then: it owes no report for earlier periods.
    start = models.DateField("起始日期", null=True, blank=True, help_text="年中增补的任务从此日起报送；空则随计划")
    leaders = models.ManyToManyField(Leader, verbose_name="分管领导", through="TaskLeader", related_name="tasks")
    units = models.ManyToManyField(Unit, verbose_name="单位", through="TaskUnit", related_name="tasks")
    # 跨年度: the unfinished task of an earlier year's plan this one continues.
    carried_from = models.ForeignKey(
        "self", verbose_name="转自", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = "任务"
        ordering = ["project", "order"]
        constraints = [models.UniqueConstraint(fields=["project", "order"], name="task_unique_order_in_project")]
        # A plan's tasks with what a roll-up reads of them, from the index alone (a province
        # reads 6,600 tasks: bench/results/scale_five_years.md has the plans measured before and after).
        indexes = [models.Index(fields=["project"], include=["id", "due"], name="task_by_project")]

    def __str__(self) -> str:
        return self.content[:40]

    def get_absolute_url(self) -> str:
        return reverse("plans:task", args=[self.pk])

    # The lists below read the prefetched rows of `with_people()`.
    def leader_names(self) -> list[str]:
        return [tl.leader.name for tl in self.task_leaders.all()]

    def units_in(self, role: str) -> list[Unit]:
        return [tu.unit for tu in self.task_units.all() if tu.role == role]

    def sums(self) -> list[tuple[str, Decimal]]:
        """The sums read for the task (plans/fields.py: 投资（万元）…), as the task page lists them."""
        return [(label(key), value) for key in SUMS if (value := getattr(self, key)) is not None]

    def lead_units(self) -> list[Unit]:
        return self.units_in(TaskUnit.Role.LEAD)

    def partner_units(self) -> list[Unit]:
        return self.units_in(TaskUnit.Role.PARTNER)



# Each sum of the field registry (plans/fields.py: 投资（万元）…) is a column of the task, declared
# there once; `makemigrations` sees it like any field.
for _key in SUMS:
    Task.add_to_class(
        _key, models.DecimalField(label(_key), max_digits=14, decimal_places=2, null=True, blank=True)
    )
class TaskLeader(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="task_leaders")
    leader = models.ForeignKey(Leader, verbose_name="分管领导", on_delete=models.PROTECT)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "任务分管领导"
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["task", "leader"], name="task_leader_unique")]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.leader_id}"


class TaskUnit(models.Model):
    Role = UnitRole

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="task_units")
    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.PROTECT)
    role = models.CharField("角色", max_length=8, choices=Role.choices)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "任务单位"
        ordering = ["role", "order"]
        constraints = [models.UniqueConstraint(fields=["task", "unit", "role"], name="task_unit_unique")]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.unit_id} ({self.role})"


class PlanGeneration(models.Model):
    """How many times what a plan's computed pages stand on has changed: its reports filed or
    reviewed, its targets, its milestones (plans.generation.touch, inside the writer's own
    transaction). A cache keyed by it is right in every worker: a filing taken by one worker
    changes the key the others compute. No row yet is generation 0."""

    plan = models.OneToOneField(Plan, primary_key=True, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveBigIntegerField("代次", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "计划数据代次"

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.value}"
