"""The site's own 404 and 500 pages also when DEBUG is on (`make run`).

With DEBUG, Django answers a wrong address with its English debug page, which lists
every URL of the site; an office trying the platform should see the same Chinese page
as in production. (403 already goes through the site's 403.html in both modes.)
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve

logger = logging.getLogger("minsheng.errors")


class SitePagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.DEBUG:
            try:
                resolve(request.path_info, urlconf=getattr(request, "urlconf", None))
            except Resolver404:
                return not_found(request)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not settings.DEBUG:
            return None  # production: Django's handlers render the same templates
        if isinstance(exception, Http404):
            return not_found(request)
        if isinstance(exception, Exception) and not _handled_by_django(exception):
            logger.exception("服务器错误：%s", request.path, exc_info=exception)
            return render(request, "500.html", status=500)
        return None


def _handled_by_django(exception: Exception) -> bool:
    """403, 400 and friends already get the site's pages from Django's handlers."""
    from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation

    return isinstance(exception, PermissionDenied | BadRequest | SuspiciousOperation)


def not_found(request: HttpRequest) -> HttpResponse:
    return render(request, "404.html", status=404)
