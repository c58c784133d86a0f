"""Who may do what: the one place the server decides access.

Roles (DESIGN.md):
- office (督查室/政府办): a staff user; manages plans, users, reviews and reminders;
- unit reporter: a member of units; files reports on the tasks its unit leads and
  reads (and adds notes to) the tasks it partners on;
- leader: a user linked to a Leader; reads and comments on the tasks under them;
- deputy (人大代表): reads the progress of published plans;
- public: anonymous; reads published plans only (plans.Plan.objects.visible_to).
Views call these functions before they touch data; nothing relies on hiding links.

Which plans anyone may read is said once, in `plan_filter`: a draft is its own office's working
copy, read by no one else (not the city above, not a sibling: 404); published and closed plans
are open to all, and the offices above read inside them. `Plan.objects.visible_to`, `Task.objects.visible_to`,
the public pages (`Plan.objects.public`) and the supervision scope all use it. The own-work
dashboard further keeps to current (published) plans: a closed plan is readable, but no longer work.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeGuard, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse

from ..accounts.kinds import Actor, signed_in
from .states import PlanState, UnitRole
from .tree import subtree

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .models import Plan, Task, Unit

OFFICE = "office"  # the office that supervises the task's plan (its own level)
UPPER = "upper"  # an office above the plan's level: reads, never writes
LEAD = "lead"
PARTNER = "partner"
LEADER = "leader"
DEPUTY = "deputy"


OFFICE_ONLY = "只有督查室（计划管理员）可以进行此操作"

View = TypeVar("View", bound=Callable[..., HttpResponse])


def is_office(user: Actor | None) -> TypeGuard[User]:
    """The one test of "is the office": a signed-in staff user (None, the CLI, is not)."""
    return signed_in(user) and user.is_staff


def can_supervise(user: Actor | None) -> bool:
    """May run supervision: import and edit plans, review, remind, publish bulletins."""
    return is_office(user)


def acting_user(user: Actor | None) -> User:
    """The signed-in user behind a write that must name one (a job's owner, a teller): 403 for
    anyone else. Services ask after their own checks, which have refused the anonymous already."""
    if not signed_in(user):
        raise PermissionDenied("请先登录")
    return user


def require_office(request: HttpRequest) -> None:
    """403 for anyone but the office; views call it before they touch data."""
    if not can_supervise(request.user):
        raise PermissionDenied(OFFICE_ONLY)


def office_required(view: View) -> View:
    """A view for the office only: anonymous visitors are sent to log in, others get 403."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not getattr(request.user, "is_authenticated", False):
            return redirect_to_login(request.get_full_path())
        require_office(request)
        return view(request, *args, **kwargs)

    return wrapped  # type: ignore[return-value]


def published_filter(prefix: str = "") -> Q:
    """A filter for plans open to everyone (published or closed); `prefix` reaches the plan."""
    return ~Q(**{f"{prefix}state": PlanState.DRAFT})


def plan_filter(user: Actor, prefix: str = "") -> Q:
    """Which plans `user` may read: published and closed plans, and the drafts of the office's
    own level (its working copy). An office above reads a district's plan once it is published."""
    if not is_office(user):
        return published_filter(prefix)
    own = jurisdictions_supervised(user)
    if own is None:
        return Q()
    return Q(**{f"{prefix}jurisdiction_id__in": own}) | published_filter(prefix)


def knows_plan(user: Actor, plan: Plan) -> bool:
    """May know the plan exists: a published or closed plan is public; a draft is its own
    office's only. Outside this, every page of the plan and of anything inside it is 404."""
    return plan.state != PlanState.DRAFT or can_supervise_plan(user, plan)


def office_reads_plan(user: Actor, plan: Plan) -> bool:
    """An office whose reach holds the plan: its own level or one above it, never a sibling.
    It reads what the public does not: figures not yet reviewed, notes, evidence, notices.
    A draft is its own office's alone: the offices above meet it once it is published."""
    if plan.state == PlanState.DRAFT:
        return can_supervise_plan(user, plan)
    readable = jurisdictions_readable(user) if is_office(user) else frozenset()
    return readable is None or plan.jurisdiction_id in readable


def can_act_for_unit(user: Actor, unit: Unit) -> bool:
    """May act for this unit (its template, its notices, its workbook): a member, or an office
    whose reach holds the unit's jurisdiction (a unit of no jurisdiction: the unseated office)."""
    me = identity(user)
    if unit.pk in me.unit_ids:
        return True
    readable = jurisdictions_readable(user) if me.office else frozenset()
    return readable is None or unit.jurisdiction_id in readable


def require_unit(user: Actor, unit: Unit, message: str) -> None:
    if not can_act_for_unit(user, unit):
        raise PermissionDenied(message)


def own_unit_of(user: Actor, task: Task) -> int | None:
    """The first of the task's units (prefetched task_units) that `user` belongs to, if any."""
    me = identity(user)
    return next((tu.unit_id for tu in task.task_units.all() if tu.unit_id in me.unit_ids), None)


class Identity:
    """A user's units, leader and deputy flag, read once per request (two queries)."""

    def __init__(self, user: Actor) -> None:
        from ..accounts.models import Membership, Profile

        self.user = user
        self.office = is_office(user)
        self.unit_ids: frozenset[int] = frozenset()
        self.leader_id: int | None = None
        self.deputy = False
        if signed_in(user):
            self.unit_ids = frozenset(Membership.objects.filter(user=user).values_list("unit_id", flat=True))
            profile = Profile.objects.filter(user=user).values_list("leader_id", "is_deputy").first()
            if profile:
                self.leader_id, self.deputy = profile

    @property
    def authenticated(self) -> bool:
        return self.user.is_authenticated


def identity(user: Actor) -> Identity:
    """The Identity of `user`, cached on the user object for the request."""
    cached = getattr(user, _IDENTITY, None)
    if cached is None:
        cached = Identity(user)
        _remember(user, _IDENTITY, cached)
    return cached


def identity_if_read(user: Actor) -> Identity | None:
    """The Identity this request has read already, if any (a hot path that needs one flag
    may read it in a join instead of the Identity's two queries)."""
    return getattr(user, _IDENTITY, None)


_IDENTITY, _SEAT, _ROLES = "_minsheng_identity", "_minsheng_seat", "_minsheng_roles"


def _remember(holder: object, name: str, value: object) -> None:
    """Keep an answer on the user (or task) object, which lives as long as the request. Not a
    declared field, hence setattr; caching is only an optimisation, so a refusal is ignored."""
    with contextlib.suppress(AttributeError):
        setattr(holder, name, value)


def task_roles(user: Actor, task: Task) -> set[str]:
    """The roles `user` holds on `task` (reads its prefetched task_units and task_leaders).
    Kept on the task object for the request, so the service's own check after the gate's
    (progress.services.file_report after gate.task_for) reckons nothing again; asked again
    by another user or after the plan's state or level changed on the object, it reckons anew."""
    me = identity(user)
    plan = task.project.plan
    key = (me, plan.state, plan.jurisdiction_id)
    kept: tuple[tuple[object, ...], frozenset[str]] | None = getattr(task, _ROLES, None)
    if kept is not None and kept[0] == key:
        return set(kept[1])
    roles = _reckon_roles(me, user, task)
    _remember(task, _ROLES, (key, frozenset(roles)))
    return roles


def _reckon_roles(me: Identity, user: Actor, task: Task) -> set[str]:
    plan = task.project.plan
    roles: set[str] = set()
    if me.office:
        if can_supervise_plan(user, plan):
            roles.add(OFFICE)
        elif office_reads_plan(user, plan):
            roles.add(UPPER)
    if plan.state == PlanState.DRAFT:
        return roles  # a draft is its office's alone: units, leaders and deputies meet it once published
    for tu in task.task_units.all():
        if tu.unit_id in me.unit_ids:
            roles.add(LEAD if tu.role == UnitRole.LEAD else PARTNER)
    if me.leader_id and any(tl.leader_id == me.leader_id for tl in task.task_leaders.all()):
        roles.add(LEADER)
    if me.deputy:
        roles.add(DEPUTY)
    return roles


def supervised_task_filter(user: Actor) -> Q | None:
    """A filter on Task for what `user` may read in supervision; None means nothing."""
    me = identity(user)
    published = published_filter("project__plan__")
    if me.office:
        readable = jurisdictions_readable(user)
        if readable is None:
            return Q()
        # the levels below are read once published; drafts only of its own level
        return Q(project__plan__jurisdiction_id__in=readable) & (published | plan_filter(user, "project__plan__"))
    if me.deputy:
        return published
    q = Q(pk__in=[])
    if me.unit_ids:
        q |= Q(task_units__unit_id__in=me.unit_ids)
    if me.leader_id:
        q |= Q(task_leaders__leader_id=me.leader_id)
    return (q & published) if (me.unit_ids or me.leader_id) else None


def can_read_task(user: Actor, task: Task) -> bool:
    return bool(task_roles(user, task) & READ_ROLES)


def require_task_role(user: Actor, task: Task, allowed: set[str], message: str) -> set[str]:
    roles = task_roles(user, task)
    if not roles & allowed:
        raise PermissionDenied(message)
    return roles


READ_ROLES = {OFFICE, UPPER, LEAD, PARTNER, LEADER, DEPUTY}
REPORT_ROLES = {LEAD}
NOTE_ROLES = {OFFICE, LEAD, PARTNER, LEADER}


# Jurisdictions (省/市/区县/镇街): an office seated at a level supervises that level's plans
# and reads those of the levels below; never sideways. An unseated office (the staff of a
# one-jurisdiction installation) reaches every plan. None below means "no limit".


def office_jurisdiction(user: Actor | None) -> int | None:
    """The jurisdiction an office user is seated at (regions.OfficeSeat), or None."""
    if not is_office(user):
        return None
    cached: int | None | bool = getattr(user, _SEAT, False)
    if cached is False:
        # through the seat's reverse relation: access sits below the regions app and does not
        # import it, so the relation is not declared on User (getattr: a user may have no seat)
        seat = getattr(user, "office_seat", None)
        cached = seat.jurisdiction_id if seat is not None else None
        _remember(user, _SEAT, cached)
    return cached


def jurisdictions_readable(user: Actor) -> frozenset[int] | None:
    """Jurisdictions whose published plans `user` reads inside as an office (and whose roll-ups,
    units and staff it sees): its own and every level below. Drafts are not read by reach but by
    `plan_filter`: its own level's only. None: no limit (an unseated office); empty: not an office."""
    if not is_office(user):
        return frozenset()
    seat = office_jurisdiction(user)
    if seat is None:
        return None
    return subtree([seat])


def jurisdictions_supervised(user: Actor) -> frozenset[int] | None:
    """Jurisdictions whose plans `user` supervises (edits, allots, reviews): its own only."""
    if not is_office(user):
        return frozenset()
    seat = office_jurisdiction(user)
    return None if seat is None else frozenset([seat])


def supervised_filter(user: Actor, prefix: str = "") -> Q:
    """A filter for the plans `user` supervises (its own level); `prefix` reaches the plan.
    Work lists (待办, the review queue, reminders) keep to these."""
    if not is_office(user):
        return Q(pk__in=[])
    scope = jurisdictions_supervised(user)
    return Q() if scope is None else Q(**{f"{prefix}jurisdiction_id__in": scope})


def units_filter(user: Actor, supervise: bool = False, prefix: str = "") -> Q:
    """The units an office reaches: those of the jurisdictions it reads (`supervise`: of its own
    level only, where it invites and merges). Pickers, directories and invitations keep to them;
    `prefix` reaches the unit."""
    if not is_office(user):
        return Q(pk__in=[])
    scope = jurisdictions_supervised(user) if supervise else jurisdictions_readable(user)
    return Q() if scope is None else Q(**{f"{prefix}jurisdiction_id__in": scope})


def can_supervise_plan(user: Actor, plan: Plan) -> bool:
    scope = jurisdictions_supervised(user)
    return is_office(user) and (scope is None or plan.jurisdiction_id in scope)


def require_supervise_plan(user: Actor, plan: Plan) -> None:
    if not can_supervise_plan(user, plan):
        raise PermissionDenied("只有本级督查室可以督办该计划")


def require_supervisor(user: Actor | None, plan: Plan, message: str = "只有本级督查室可以督办该计划") -> None:
    """A service's own check (the page has asked the gate already): `user` supervises `plan`.
    None is the command line, run by the installation's operator."""
    if user is not None and not can_supervise_plan(user, plan):
        raise PermissionDenied(message)


def require_office_reach(user: Actor, plan: Plan, supervise: bool = False) -> None:
    """An office's pages of a plan: reading needs the plan's level or one above it,
    supervising its own level (a district never opens another district's dashboard)."""
    scope = jurisdictions_supervised(user) if supervise else jurisdictions_readable(user)
    if scope is not None and plan.jurisdiction_id not in scope:
        raise PermissionDenied("该计划不属于本级或下级区划")
