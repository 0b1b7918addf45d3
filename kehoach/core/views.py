"""The user's own account page, the language menu and the health check."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from kehoach.core.health import health_report
from kehoach.core.services import user_set_language


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "core/account.html", {})


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language menu: remembered on the account when signed in, in a cookie otherwise."""
    language = request.POST.get("language", "")
    following = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(following, {request.get_host()},
                                           require_https=request.is_secure()):
        following = "/"
    response = HttpResponseRedirect(following)
    if language not in dict(settings.LANGUAGES):
        return response
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=language)  # type: ignore[arg-type]
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    else:
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language,
                            max_age=settings.LANGUAGE_COOKIE_AGE or 365 * 24 * 3600,
                            samesite="Lax", secure=request.is_secure())
    return response


@never_cache
@require_safe
def health(request: HttpRequest) -> HttpResponse:
    """200 when the database answers and a task worker takes tasks, else 503 (for load balancers)."""
    healthy, details = health_report()
    return JsonResponse(details, status=200 if healthy else 503)
