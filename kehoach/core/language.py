"""The interface language: Vietnamese unless the person chose another one.

A browser's Accept-Language is no choice (government PCs often run an English Windows), so it
is ignored for pages: the language is the signed-in user's ``User.language``, else the cookie
the language menu sets for a visitor, else ``settings.LANGUAGE_CODE`` ("vi"). A program calling
``/api/`` without a session may still ask for English with ``Accept-Language``, or by a token
of an account set to English (``activate_account_language``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_vary_headers

API_PREFIX = "/api/"


def request_language(request: HttpRequest) -> str:
    supported = dict(settings.LANGUAGES)
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and getattr(user, "language", "") in supported:
        return user.language
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if cookie in supported:
        return cookie
    if request.path.startswith(API_PREFIX) and request.META.get("HTTP_ACCEPT_LANGUAGE"):
        return translation.get_language_from_request(request)
    return settings.LANGUAGE_CODE


def activate_account_language(request: HttpRequest, user: Any) -> None:
    """A program signed in by API token is known only after this middleware ran (DRF
    authenticates in the view): its account's language when it chose one other than the site's,
    so an account set to English reads English without ``Accept-Language``."""
    language = getattr(user, "language", "")
    if language in dict(settings.LANGUAGES) and language != settings.LANGUAGE_CODE:
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]


class UserLanguageMiddleware:
    """Activate ``request_language`` (after the authentication middleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)  # type: ignore[attr-defined]
        patch_vary_headers(response, ("Cookie",))
        return response
