"""The office's page for one unit's notice addresses, reached from the unit directory."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ...plans import access
from ...plans.access import require_office
from ...plans.models import Unit
from ..models import UnitAddress
from .addresses import AddressForm, initial, unit_address_save
from .registry import enabled


@login_required
def unit_addresses(request: HttpRequest, pk: int) -> HttpResponse:
    require_office(request)
    # The office's own units only, as the directory lists them: another district's is not found.
    unit = get_object_or_404(Unit.objects.filter(access.units_filter(request.user, supervise=True)), pk=pk)
    address = UnitAddress.of(unit.pk)
    form = AddressForm(request.POST or None, initial=initial(address))
    if request.method == "POST" and form.is_valid():
        unit_address_save(user=request.user, unit=unit, changes=form.cleaned_data)
        messages.success(request, f"已保存“{unit.name}”的通知渠道")
        return redirect("plans:units")
    context = {"unit": unit, "address": address, "form": form, "enabled": [c.label for c in enabled()]}
    return render(request, "progress/unit_addresses.html", context)
