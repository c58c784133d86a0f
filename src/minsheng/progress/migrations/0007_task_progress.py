"""The standing of each task (TaskProgress, kept by progress.summary).

Its backfill runs the application's own rule (summary.rebuild), not a copy frozen here: the table
must equal what the services would write, and the rule is said once. Because that code writes the
current schema, it runs after the whole migrate run (progress.apps, `rebuilds_standings`), not in
this migration. `minsheng rebuild-progress` does the same on an install later."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # the standings are filled after the whole run, on the final schema (progress.apps)
    rebuilds_standings = True
    dependencies = [
        ("plans", "0009_task_by_project"),
        ("progress", "0006_forecast_review"),
        ("indicators", "0006_indicator_by_task"),
    ]

    operations = [
        migrations.CreateModel(
            name="TaskProgress",
            fields=[
                (
                    "task",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="plans.task",
                        verbose_name="任务",
                    ),
                ),
                ("period_end", models.DateField(verbose_name="报送期")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("not_started", "未启动"),
                            ("in_progress", "推进中"),
                            ("done", "已完成"),
                            ("paused", "暂缓"),
                        ],
                        max_length=12,
                        verbose_name="进展状态",
                    ),
                ),
                ("completion", models.FloatField(null=True, verbose_name="完成率")),
                (
                    "plan",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="plans.plan",
                        verbose_name="计划",
                    ),
                ),
                (
                    "report",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="progress.report",
                        verbose_name="计入的报告",
                    ),
                ),
            ],
            options={
                "verbose_name": "任务进度汇总",
                "verbose_name_plural": "任务进度汇总",
                "indexes": [
                    models.Index(
                        fields=["plan"],
                        include=("task", "report", "status", "completion"),
                        name="task_progress_by_plan",
                    )
                ],
            },
        ),
    ]
