"""The office's page for its integrations' API tokens: create (shown once) and revoke."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..flash import attempt
from ..plans import access
from ..plans.models import Jurisdiction, Unit
from .models import ApiToken
from .tokens import TokenError, create_token, revoke_token


def _own_jurisdictions(request: HttpRequest) -> list[Jurisdiction]:
    access.require_office(request)
    scope = access.jurisdictions_supervised(request.user)
    found = Jurisdiction.objects.order_by("name")
    return list(found if scope is None else found.filter(pk__in=scope))


def _create(request: HttpRequest, jurisdictions: list[Jurisdiction]) -> str | None:
    chosen = next((j for j in jurisdictions if str(j.pk) == request.POST.get("jurisdiction")), None)
    if chosen is None:
        messages.error(request, "行政区划：请选择本级区划")
        return None
    unit_name = request.POST.get("unit", "").strip()
    unit = Unit.objects.filter(name=unit_name, jurisdiction=chosen).first() if unit_name else None
    if unit_name and unit is None:
        messages.error(request, f"报送单位：{chosen.name}没有单位“{unit_name}”")
        return None
    try:
        token, secret = create_token(
            user=request.user,
            name=request.POST.get("name", ""),
            jurisdiction=chosen,
            role=request.POST.get("role", ""),
            unit=unit,
        )
    except TokenError as exc:
        messages.error(request, str(exc))
        return None
    messages.success(request, f"已创建令牌：{token}")
    return secret


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    jurisdictions = _own_jurisdictions(request)
    secret = _create(request, jurisdictions) if request.method == "POST" else None
    tokens = ApiToken.objects.select_related("jurisdiction", "unit").filter(access.supervised_filter(request.user))
    context = {
        "tokens": tokens[:200],
        "jurisdictions": jurisdictions,
        "secret": secret,
        "roles": ApiToken.Role.choices,
        "units": Unit.objects.filter(access.units_filter(request.user, supervise=True))
        .order_by("name")
        .values_list("name", flat=True)[:1000],
        "typed": request.POST if request.method == "POST" and secret is None else {},  # kept after a refusal
    }
    return render(request, "api/tokens.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    access.require_office(request)
    # looked up within the office's own level: a token out of reach is as unknown as a missing id,
    # so a neighbour cannot learn which token ids exist
    reach = ApiToken.objects.select_related("jurisdiction", "user").filter(access.supervised_filter(request.user))
    token = get_object_or_404(reach, pk=pk)
    attempt(request, lambda: revoke_token(user=request.user, token=token), f"已吊销令牌：{token}", TokenError)
    return redirect("tokens:list")
