"""A page asks a service to act and tells the user what came of it, in one way everywhere."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse

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
