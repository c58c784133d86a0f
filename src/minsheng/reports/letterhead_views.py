"""The office's letterhead (公文版头) settings page: office only."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ..plans import access
from .models import Letterhead
from .office_letterhead import FIELDS, office_letterhead, save_letterhead


class LetterheadForm(forms.ModelForm):
    class Meta:
        model = Letterhead
        fields = list(FIELDS)


@login_required
def letterhead(request: HttpRequest) -> HttpResponse:
    """Edit the office's letterhead: its seat's row, or the installation's default when unseated."""
    access.require_office(request)
    form = LetterheadForm(request.POST or None, instance=office_letterhead(request.user))
    if request.method == "POST" and form.is_valid():
        save_letterhead(user=request.user, values=form.cleaned_data)
        messages.success(request, "公文版头已保存，此后下载的通报、督办单和催办单都将使用。")
        return redirect("reports:letterhead")
    return render(request, "reports/letterhead.html", {"form": form})
