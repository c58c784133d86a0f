"""征集 (proposals), 票决 (the deputies' vote on candidates) and 满意度测评 (the
year-end rating).

Secrecy: a Ballot and a Rating record what was chosen, never who chose it; a
receipt records that a deputy has voted (so nobody votes twice), never how. The two
are written in one transaction, a ballot's key is random (uuid4) and it carries no
time, so neither order nor key links a ballot to a receipt.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models


class Proposal(models.Model):
    """A project proposed by the public (征集)."""

    class Status(models.TextChoices):
        RECEIVED = "received", "已收到"
        ACCEPTED = "accepted", "已列为候选项目"
        MERGED = "merged", "已合并"
        REJECTED = "rejected", "未采纳"

    # The place it is proposed for: that level's office screens it (and those above read it);
    # None on an installation without jurisdictions.
    jurisdiction = models.ForeignKey(
        "plans.Jurisdiction", verbose_name="所在区划", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField("项目名称", max_length=100)
    content = models.TextField("内容和地点", max_length=2000)
    proposer = models.CharField("建议人", max_length=50)
    contact = models.CharField("联系方式", max_length=50)
    # The proposer looks the proposal up by this code (no account needed).
    code = models.CharField("查询码", max_length=12, unique=True)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.RECEIVED)
    reason = models.TextField("答复（建议人可见）", blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name="合并到", null=True, blank=True, on_delete=models.SET_NULL, related_name="merged"
    )
    candidate = models.ForeignKey(
        "Candidate", verbose_name="候选项目", null=True, blank=True, on_delete=models.SET_NULL, related_name="proposals"
    )

    class Meta:
        verbose_name = verbose_name_plural = "项目建议"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class Candidate(models.Model):
    """A candidate project (候选项目): a Project of the plan with what screening found."""

    project = models.OneToOneField(
        "plans.Project", verbose_name="项目", on_delete=models.CASCADE, related_name="candidate"
    )
    feasibility = models.TextField("可行性意见", blank=True)
    cost = models.DecimalField("估算投资（万元）", max_digits=14, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField("列入时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "候选项目"

    def __str__(self) -> str:
        return self.project.name


class Deputy(models.Model):
    """A deputy of the congress (人大代表), from the roster."""

    name = models.CharField("姓名", max_length=50)
    number = models.CharField("代表证号", max_length=30, unique=True)
    delegation = models.CharField("代表团", max_length=50, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.PROTECT, related_name="deputy"
    )
    # The congress the deputy sits in: a deputy rates that place's plans only, and its turnout
    # counts its own deputies. None: not placed (an installation of one jurisdiction).
    jurisdiction = models.ForeignKey(
        "plans.Jurisdiction", verbose_name="所属区划", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = verbose_name_plural = "人大代表"
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.name}（{self.number}）"


class VotingSession(models.Model):
    """A 票决 session: choose `seats` of the candidates."""

    class State(models.TextChoices):
        DRAFT = "draft", "准备中"
        OPEN = "open", "投票中"
        CLOSED = "closed", "已结束"
        PUBLISHED = "published", "已公布"

    plan = models.ForeignKey("plans.Plan", verbose_name="计划", on_delete=models.PROTECT, related_name="votes")
    congress = models.CharField("会议", max_length=100, help_text="如：武进区第十七届人民代表大会")
    name = models.CharField("会次", max_length=100, help_text="如：第七次会议")
    date = models.DateField("日期")
    seats = models.PositiveSmallIntegerField("应选项目数", validators=[MinValueValidator(1)])
    candidates = models.ManyToManyField("plans.Project", verbose_name="候选项目", related_name="+")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.DRAFT)
    opened_at = models.DateTimeField("开始时间", null=True, blank=True)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    # Ties at the last seat are decided by the presidium (or a new round), never by the
    # software: the decision is recorded with its reason when the result is published.
    decision = models.JSONField("并列时的决定", default=list, blank=True)
    decision_note = models.TextField("决定说明", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "票决"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.congress}{self.name}民生实事项目票决"


class Attendance(models.Model):
    """A deputy on the session's roster: present or not, given a paper ballot or not."""

    session = models.ForeignKey(VotingSession, on_delete=models.CASCADE, related_name="attendance")
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField("出席", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "出席"
        constraints = [models.UniqueConstraint(fields=["session", "deputy"], name="attendance_unique")]

    def __str__(self) -> str:
        return f"{self.deputy_id}@{self.session_id}"


class VoteReceipt(models.Model):
    """That a deputy has voted (electronically, or was given a paper ballot). Not how."""

    class Channel(models.TextChoices):
        ELECTRONIC = "electronic", "电子"
        PAPER = "paper", "纸质"

    session = models.ForeignKey(VotingSession, on_delete=models.CASCADE, related_name="receipts")
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        verbose_name = verbose_name_plural = "投票记录"
        # One per deputy and session, whatever the channel: the database refuses a second.
        constraints = [models.UniqueConstraint(fields=["session", "deputy"], name="receipt_unique")]

    def __str__(self) -> str:
        return f"{self.deputy_id}@{self.session_id}"


class Ballot(models.Model):
    """One secret ballot: the candidates it approves. No deputy, no time."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(VotingSession, on_delete=models.CASCADE, related_name="ballots")
    paper = models.BooleanField("纸质", default=False)
    approvals = models.ManyToManyField("plans.Project", related_name="+", blank=True, through="BallotChoice")

    class Meta:
        verbose_name = verbose_name_plural = "选票"

    def __str__(self) -> str:
        return str(self.pk)


class BallotChoice(models.Model):
    """A ballot's approval of one candidate. Its key is random too: a serial key here
    would number the ballots in the order they were cast."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE)
    project = models.ForeignKey("plans.Project", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "project"], name="ballot_choice_unique")]

    def __str__(self) -> str:
        return f"{self.ballot_id}:{self.project_id}"


class PaperEntry(models.Model):
    """A teller's reading of a numbered paper ballot; two tellers must agree."""

    session = models.ForeignKey(VotingSession, on_delete=models.CASCADE, related_name="paper_entries")
    serial = models.CharField("选票编号", max_length=20)
    teller = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="计票人", on_delete=models.PROTECT)
    approvals = models.JSONField("赞成的候选项目")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "纸质选票录入"
        constraints = [models.UniqueConstraint(fields=["session", "serial", "teller"], name="paper_entry_unique")]

    def __str__(self) -> str:
        return f"{self.session_id}#{self.serial}"


class RatingSession(models.Model):
    """满意度测评 of a plan's formal projects at year end."""

    class State(models.TextChoices):
        OPEN = "open", "测评中"
        CLOSED = "closed", "已结束"
        PUBLISHED = "published", "已公布"

    plan = models.ForeignKey("plans.Plan", verbose_name="计划", on_delete=models.PROTECT, related_name="ratings")
    title = models.CharField("名称", max_length=100)
    date = models.DateField("日期")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.OPEN)
    # The rule, in percent of the ratings a project received: 满意 when satisfied votes
    # exceed `satisfied_share`; 基本满意 when satisfied plus basically satisfied exceed
    # `basic_share`; otherwise 不满意.
    satisfied_share = models.PositiveSmallIntegerField(
        "满意线（%）", default=50, validators=[MinValueValidator(0), MaxValueValidator(99)]
    )
    basic_share = models.PositiveSmallIntegerField(
        "基本满意线（%）", default=50, validators=[MinValueValidator(0), MaxValueValidator(99)]
    )

    class Meta:
        verbose_name = verbose_name_plural = "满意度测评"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return self.title


class Grade(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class RatingReceipt(models.Model):
    session = models.ForeignKey(RatingSession, on_delete=models.CASCADE, related_name="receipts")
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "deputy"], name="rating_receipt_unique")]

    def __str__(self) -> str:
        return f"{self.deputy_id}@{self.session_id}"


class Rating(models.Model):
    """One deputy's grade of one project, without the deputy."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(RatingSession, on_delete=models.CASCADE, related_name="ratings")
    project = models.ForeignKey("plans.Project", on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=12, choices=Grade.choices)
    comment = models.TextField(blank=True, max_length=500)

    def __str__(self) -> str:
        return f"{self.project_id}:{self.grade}"


class RatingOutcome(models.Model):
    """A project's result when the rating closes; 不满意 ones are followed up."""

    session = models.ForeignKey(RatingSession, on_delete=models.CASCADE, related_name="outcomes")
    project = models.ForeignKey("plans.Project", on_delete=models.PROTECT, related_name="rating_outcomes")
    satisfied = models.PositiveIntegerField(default=0)
    basic = models.PositiveIntegerField(default=0)
    unsatisfied = models.PositiveIntegerField(default=0)
    grade = models.CharField(max_length=12, choices=Grade.choices)
    follow_up = models.BooleanField("需整改跟进", default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["session", "project"], name="rating_outcome_unique")]

    def __str__(self) -> str:
        return f"{self.project_id}:{self.grade}"
