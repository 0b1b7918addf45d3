"""Typed requests for views: ``request.htmx`` (django-htmx) and a logged-in ``request.user``."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from kehoach.core.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


class AuthenticatedHttpRequest(HtmxHttpRequest):
    """A request to a ``@login_required`` view: ``request.user`` is a ``User``."""

    user: User
