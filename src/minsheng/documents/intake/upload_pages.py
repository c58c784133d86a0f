"""A page confirming an upload whose upload is gone says so (staging.UploadGone)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from ...flash import View
from .staging import UploadGone


def upload_gone(page: str, *keys: str) -> Callable[[View], View]:
    """A confirmation whose upload is gone (confirmed already, or purged) goes back to the
    upload `page` (with the view's URL arguments `keys`) and says so, instead of a bare 404."""

    def wrap(view: View) -> View:
        @functools.wraps(view)
        def inner(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            try:
                return view(request, *args, **kwargs)
            except UploadGone as gone:
                messages.warning(request, str(gone))
                return redirect(page, *(kwargs[key] for key in keys))

        return inner

    return wrap
