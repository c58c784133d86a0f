"""A page asks a service to act and tells the user what came of it, in one way everywhere."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from .documents.staging import UploadGone

View = Callable[..., HttpResponse]

Refusals = type[Exception] | tuple[type[Exception], ...]


def attempt(request: HttpRequest, action: Callable[[], object], done: str, refused: Refusals) -> bool:
    """Run `action`; a refusal (`refused`: the service's own error, whose text is for the user)
    becomes the page's error message, success the notice `done`. True when it was done."""
    try:
        action()
    except refused as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, done)
    return True


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
