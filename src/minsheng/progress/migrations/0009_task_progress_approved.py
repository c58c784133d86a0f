"""The approved standing beside the filed one (TaskProgress.approved_*), filled for every task."""

from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # the standings are filled after the whole run, on the final schema (progress.apps)
    rebuilds_standings = True
    dependencies = [("progress", "0008_figure_carried")]

    operations = [
        migrations.AddField(
            model_name="taskprogress",
            name="approved_report",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="progress.report",
                verbose_name="计入的审核通过报告",
            ),
        ),
        migrations.AddField(
            model_name="taskprogress",
            name="approved_period_end",
            field=models.DateField(null=True, verbose_name="审核通过报告的报送期"),
        ),
        migrations.AddField(
            model_name="taskprogress",
            name="approved_status",
            field=models.CharField(blank=True, default="", max_length=12, verbose_name="审核通过报告的进展状态"),
        ),
        migrations.AddField(
            model_name="taskprogress",
            name="approved_completion",
            field=models.FloatField(null=True, verbose_name="审核通过的完成率"),
        ),
    ]
