"""The jurisdiction tree read in one query (it is small: a country has about 3,300 counties).

Access (which plans.models asks) reads it too, so the model is looked up through the app
registry rather than imported: no cycle between the files."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps
from django.db import connections, router


def children_map() -> dict[int | None, list[int]]:
    below: dict[int | None, list[int]] = defaultdict(list)
    jurisdictions = apps.get_model("plans", "Jurisdiction").objects
    for pk, parent_id in jurisdictions.order_by().values_list("pk", "parent_id"):
        below[parent_id].append(pk)
    return below


def subtree(root_ids: Iterable[int], below: dict[int | None, list[int]] | None = None) -> frozenset[int]:
    """The jurisdictions `root_ids` and every level under them."""
    if below is None:
        return _subtree_in_database(list(root_ids))
    seen: set[int] = set()
    stack = list(root_ids)
    while stack:
        pk = stack.pop()
        if pk not in seen:
            seen.add(pk)
            stack.extend(below.get(pk, ()))
    return frozenset(seen)


def subtrees_of_children(root_id: int) -> dict[int, frozenset[int]]:
    """For each jurisdiction directly under `root_id`: itself and all below it (one query)."""
    below = children_map()
    return {child: subtree([child], below) for child in below.get(root_id, [])}


def _subtree_in_database(root_ids: list[int]) -> frozenset[int]:
    """One recursive query that reads only the subtree: a county's API token or office reads
    one row, not the country's 3,300 (every API request asks)."""
    if not root_ids:
        return frozenset()
    model = apps.get_model("plans", "Jurisdiction")
    connection = connections[router.db_for_read(model)]  # the replica, when pages read there
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(root_ids))
    sql = (
        f"WITH RECURSIVE below(id) AS (SELECT id FROM {table} WHERE id IN ({marks}) "
        f"UNION SELECT j.id FROM {table} j JOIN below ON j.parent_id = below.id) SELECT id FROM below"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, root_ids)
        return frozenset(root_ids) | {row[0] for row in cursor.fetchall()}
