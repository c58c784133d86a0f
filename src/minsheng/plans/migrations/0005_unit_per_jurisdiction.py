"""Units belong to a jurisdiction: the same name in two districts is two units.

Existing units had one row per name across the installation. Each is given the jurisdiction of
the plans it appears in; a unit named in the plans of several jurisdictions is split, one row per
jurisdiction, its task links following their plans. Its reporters keep every copy (their access
is not taken away by a migration: the office reviews them on its accounts page)."""

from collections import defaultdict

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Q


def split_units(apps, schema_editor):
    Unit = apps.get_model("plans", "Unit")
    TaskUnit = apps.get_model("plans", "TaskUnit")
    Membership = apps.get_model("accounts", "Membership")
    places = defaultdict(set)
    for unit_id, place in TaskUnit.objects.values_list("unit_id", "task__project__plan__jurisdiction_id"):
        places[unit_id].add(place)
    for unit in Unit.objects.filter(jurisdiction__isnull=True):
        found = sorted(places.get(unit.pk, set()), key=lambda p: (p is None, p or 0))
        if not found or found[0] is None:
            continue
        unit.jurisdiction_id = found[0]
        unit.save(update_fields=["jurisdiction"])
        for place in found[1:]:
            copy = Unit.objects.create(name=unit.name, jurisdiction_id=place, aliases=unit.aliases)
            TaskUnit.objects.filter(unit=unit, task__project__plan__jurisdiction_id=place).update(unit=copy)
            Membership.objects.bulk_create(
                Membership(user_id=user_id, unit=copy)
                for user_id in Membership.objects.filter(unit=unit).values_list("user_id", flat=True)
            )


class Migration(migrations.Migration):

    dependencies = [
        ("plans", "0004_task_carried_from"),
        ("accounts", "0004_rate_counter"),
    ]

    operations = [
        migrations.AlterField(
            model_name="unit",
            name="name",
            field=models.CharField(max_length=100, verbose_name="单位名称"),
        ),
        migrations.AlterField(
            model_name="unit",
            name="jurisdiction",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="units",
                to="plans.jurisdiction",
                verbose_name="行政区划",
            ),
        ),
        migrations.RunPython(split_units, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(fields=("jurisdiction", "name"), name="unit_unique_name_in_jurisdiction"),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.UniqueConstraint(
                condition=Q(jurisdiction__isnull=True), fields=("name",), name="unit_unique_name_without_jurisdiction"
            ),
        ),
    ]
