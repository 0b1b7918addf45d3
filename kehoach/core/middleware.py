"""Middleware of kehoach: a memo that lives as long as one request, and the request id with one
access-log line per request (see ``kehoach.core.logs``).

``request_memo(key, compute)`` returns what ``compute()`` returned the first time ``key`` was
asked during the current request (a user's unit scope is asked by the view, the selectors and
the access checks of one page). Outside a request (commands, background jobs, services called
from tests) nothing is remembered: every call computes.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

from kehoach.core.logs import request_id_var

T = TypeVar("T")
_memo: ContextVar[dict[Hashable, Any] | None] = ContextVar("kehoach_request_memo", default=None)


def request_memo(key: Hashable, compute: Callable[[], T]) -> T:
    """The value of ``compute()``, computed once per request for ``key``. Keep the values
    immutable (a frozenset, a tuple): every caller in the request gets the same object."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


class RequestMemoMiddleware:
    """Opens an empty memo for each request and drops it when the response is ready."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)


logger = logging.getLogger("kehoach.request")
_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def request_id_for(request: HttpRequest) -> str:
    """The proxy's ``X-Request-ID`` when it is a sane token (so nginx and app logs match)."""
    given = request.headers.get("X-Request-ID", "")
    return given if _VALID_ID.match(given) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Outermost middleware: sets the request id, returns it in ``X-Request-ID``, logs the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = request_id_for(request)
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            self._log(request, response.status_code, started)
            return response
        finally:
            request_id_var.reset(token)

    @staticmethod
    def _log(request: HttpRequest, status: int, started: float) -> None:
        user = getattr(request, "user", None)
        logger.info(
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "method": request.method,
                "path": request.path,
                "status": status,
                "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )


class NulBytesMiddleware:
    """A NUL character in the query string is never meant (PostgreSQL refuses it in text: a
    search for it answered 500): 400, in the API's error shape under ``/api/``. NULs in bodies
    are removed by ``core.text.clean_text`` with the other control characters."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or any("\x00" in key or any("\x00" in v for v in values)
                                         for key, values in request.GET.lists()):
            message = _("Địa chỉ có ký tự không hợp lệ (NUL); hãy bỏ ký tự đó rồi thử lại.")
            if request.path.startswith("/api/"):
                return JsonResponse({"error": {"code": "invalid", "message": message,
                                               "fields": {"query": [message]}}},
                                    status=400, json_dumps_params={"ensure_ascii": False})
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
