"""Reading an uploaded plan and writing it, in the request for small files and as a job on the
task queue (django-tasks, database backend) for large ones. Both paths share these functions:
the preview's reading is kept beside the upload and the confirmation writes that reading."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django_tasks import task

from ...accounts.kinds import Actor
from ...plans import access
from ..errors import DocumentError
from ..models import ImportJob
from ..parsed import ParsedPlan
from ..shapes.best import example_applied
from ..store.mapping import ColumnMap
from ..store.place import map_owner
from ..store.remember import column_map_remember, plan_read, reading_remember
from ..store.services import ImportResult, plan_import
from .kept import plan_from_kept, plan_to_kept
from .scan_review import Corrections
from .staging import Staged, staged
from .stale import this_process

log = logging.getLogger(__name__)


def _map_key(
    column_map: ColumnMap | None,
    cells: Corrections | None = None,
    example: dict[str, Any] | None = None,
    remembered: bool = True,
) -> Any:
    """What a reading was made under: the clerk's column map, a scan's corrected cells, the example,
    the office's remembered reading set aside."""
    key: Any = None if column_map is None else [column_map.to_json(), column_map.header_row, column_map.table]
    key = [key, [list(item) for item in sorted(cells.items())]] if cells else key  # as JSON keeps it
    key = [key, {"example": example}] if example else key
    return key if remembered else [key, {"remembered": False}]


def read_staged(
    upload: Staged,
    column_map: ColumnMap | None,
    cells: Corrections | None = None,
    user: Actor | None = None,
    example: dict[str, Any] | None = None,
    remembered: bool = True,
) -> ParsedPlan:
    """The plan in an upload, read once per column map (corrected cells, example) and kept for the
    confirmation; with the maps and the readings `user`'s office remembered (the reading unless
    the clerk set it aside: `remembered` False)."""
    key = _map_key(column_map, cells, example, remembered)
    kept = upload.kept(key)
    if kept is not None:
        return plan_from_kept(kept)
    parsed = plan_read(upload.path, column_map, cells, map_owner(user), example, remembered)
    upload.keep(plan_to_kept(parsed), key)
    return parsed


def kept_reading(
    upload: Staged,
    column_map: ColumnMap | None,
    cells: Corrections | None = None,
    example: dict[str, Any] | None = None,
    remembered: bool = True,
) -> ParsedPlan | None:
    kept = upload.kept(_map_key(column_map, cells, example, remembered))
    return None if kept is None else plan_from_kept(kept)


def read_inline(upload: Staged) -> bool:
    return upload.path.stat().st_size <= settings.MINSHENG_INLINE_READ_BYTES


def import_inline(parsed: ParsedPlan) -> bool:
    return sum(len(p.tasks) for p in parsed.projects) <= settings.MINSHENG_INLINE_IMPORT_TASKS


def import_staged(
    upload: Staged,
    user: Actor,
    *,
    replace: bool,
    column_map: ColumnMap | None,
    cells: Corrections | None = None,
    example: dict[str, Any] | None = None,
    fields: dict[str, Any] | None = None,
    remembered: bool = True,
) -> ImportResult:
    """Write the reading the preview showed (never a second reading of the file); a reading the
    clerk taught with an example is remembered for the office and the document's shape."""
    parsed = kept_reading(upload, column_map, cells, example, remembered)
    if parsed is None:
        raise DocumentError("请先预览再确认导入（预览已失效）", upload.name)
    result = plan_import(
        path=upload.path,
        user=user,
        replace=replace,
        original_name=upload.name,
        column_map=column_map,
        parsed=parsed,
        fields=fields,
    )
    place = map_owner(user) or (result.plan.jurisdiction.name if result.plan.jurisdiction else None)
    if column_map is not None:
        column_map_remember(user=user, path=upload.path, column_map=column_map, place=place)
    if example is not None and example_applied(parsed):  # not an example found nowhere, or that changed nothing
        reading_remember(user=user, plan=parsed, place=place)
    transaction.on_commit(upload.discard)  # kept until the plan is stored: a killed import can be confirmed again
    return result


def start_job(user: Actor, kind: str, upload: Staged, **options: Any) -> ImportJob:
    job = ImportJob.objects.create(
        user=access.acting_user(user), kind=kind, token=upload.token, name=upload.name, options=options
    )
    run_import_job.enqueue(str(job.pk))
    return job


def _column_map(options: dict[str, Any]) -> ColumnMap | None:
    data = options.get("column_map")
    return None if not data else ColumnMap.from_json(data["columns"], data.get("header_row"), data.get("table", 0))


class _Abandoned(Exception):
    """The job was marked failed meanwhile (documents/intake/stale.py): its writes are rolled back."""


@task()
def run_import_job(job_id: str) -> None:
    job = ImportJob.objects.get(pk=job_id)
    job.started_at, job.worker = timezone.now(), this_process()
    ImportJob.objects.filter(pk=job.pk).update(
        state=ImportJob.State.RUNNING, started_at=job.started_at, worker=job.worker
    )
    try:
        with transaction.atomic():  # the plan and its job's "done" are written together, or neither
            _run(job)
            still = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.RUNNING)
            now = timezone.now()
            if not still.update(state=ImportJob.State.DONE, message=job.message, plan=job.plan, finished_at=now):
                raise _Abandoned
        return
    except _Abandoned:
        return
    except DocumentError as exc:
        message = str(exc)
    except Http404:
        message = f"{job.name}：上传文件已失效，请重新上传"
    except Exception:
        log.exception("import job %s failed", job_id)
        message = f"{job.name}：处理时出错，未做任何修改；请重新上传或联系管理员"
    ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.RUNNING).update(
        state=ImportJob.State.FAILED, message=message, plan=None, finished_at=timezone.now()
    )


def _run(job: ImportJob) -> None:
    column_map = _column_map(job.options)
    upload = staged("plan", job.token)
    if job.kind == ImportJob.Kind.READ:
        user = get_user_model().objects.get(pk=job.user_id)
        remembered = job.options.get("remembered", True)
        read_staged(upload, column_map, user=user, example=job.options.get("example"), remembered=remembered)
        job.message = "已读完，请核对预览"
    else:
        user = get_user_model().objects.get(pk=job.user_id)
        replace = bool(job.options.get("replace"))
        example = job.options.get("example")
        fields = job.options.get("fields")  # the title, year and place the clerk set in the preview
        remembered = job.options.get("remembered", True)  # the office's reading set aside for this upload
        result = import_staged(
            upload, user, replace=replace, column_map=column_map, example=example, fields=fields, remembered=remembered
        )
        job.plan, job.message = result.plan, result.summary()
