"""Middleware of kehoach: a memo that lives as long as one request.

``request_memo(key, compute)`` returns what ``compute()`` returned the first time ``key`` was
asked during the current request (a user's unit scope is asked by the view, the selectors and
the access checks of one page). Outside a request (commands, background jobs, services called
from tests) nothing is remembered: every call computes.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

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
