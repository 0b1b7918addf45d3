"""The role gate: the page decorator and the DRF permission, and which endpoints are public."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from kehoach.core import permissions
from kehoach.core.gate import Gate, Managers, Public, PublicRead, gate, role_required

pytestmark = pytest.mark.django_db


def _page(request):
    return HttpResponse("ok")


_managers_page = role_required(permissions.is_manager)(_page)


def _get(user, method="get"):
    request = getattr(RequestFactory(), method)("/trang/?x=1")
    request.user = user
    return request


def test_page_decorator(planner, leader, reporter_a):
    response = _managers_page(_get(AnonymousUser()))
    assert response.status_code == 302 and response["Location"] == "/dang-nhap/?next=/trang/%3Fx%3D1"
    for user in (leader, reporter_a):
        with pytest.raises(PermissionDenied):
            _managers_page(_get(user))
    assert _managers_page(_get(planner)).content == b"ok"
    assert role_required(permissions.anyone)(_page)(_get(AnonymousUser())).content == b"ok"


def test_gate_reads_and_writes(planner, leader):
    door = gate(write=permissions.can_edit_plans)()
    assert door.has_permission(_get(leader), None)
    assert not door.has_permission(_get(leader, "post"), None)
    assert door.has_permission(_get(planner, "patch"), None)
    assert not door.has_permission(_get(AnonymousUser()), None)
    assert PublicRead().has_permission(_get(AnonymousUser()), None)
    assert not PublicRead().has_permission(_get(AnonymousUser(), "post"), None)
    assert Public().has_permission(_get(AnonymousUser(), "post"), None)
    assert not Managers().has_permission(_get(leader), None)


def _api_views(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _api_views(entry, route)
        elif isinstance(entry, URLPattern) and route.startswith("api/v1/"):
            view_class = getattr(entry.callback, "cls", None) or getattr(
                entry.callback, "view_class", None)
            if view_class is not None:
                yield route, view_class


def _anonymous_may_read(view_class) -> bool:
    request = _get(AnonymousUser())
    return all(p.has_permission(request, None) for p in view_class().get_permissions())


def test_public_endpoints_are_the_marked_ones():
    """DRF's default is IsAuthenticated: only what says so is open to anonymous visitors."""
    public = {route for route, view_class in _api_views() if _anonymous_may_read(view_class)}
    assert public == {
        "api/v1/", "api/v1/openapi.json", "api/v1/docs/", "api/v1/token/",
        "api/v1/plans/", "api/v1/plans/<str:code>/", "api/v1/plans/<str:code>/targets/",
        "api/v1/targets/<int:pk>/",
        "api/v1/units/<str:code>/",  # open door; the selector answers 404 to anonymous users
        "api/v1/consultations/", "api/v1/consultations/<slug:slug>/",
        "api/v1/consultations/<slug:slug>/sections/",
        "api/v1/consultations/<slug:slug>/comments/",
        "api/v1/comment-status/<str:token>/",  # a citizen follows a comment by its private link
        "api/v1/public/dashboard/",  # published plans and figures of record only
    }
    for route, view_class in _api_views():
        for permission in view_class().get_permissions():
            if route in public and isinstance(permission, Gate):
                assert permission.read is permissions.anyone, route
