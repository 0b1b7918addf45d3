"""The start page (what each role has to do first; a leader's is the leaders' dashboard), the
leaders' dashboard and the public dashboard."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kehoach.core import permissions
from kehoach.core.gate import role_required
from kehoach.dashboard.forms import DashboardForm, PublicDashboardForm, form_errors
from kehoach.dashboard.leader import DashboardError, chart_data, leader_dashboard, summary
from kehoach.dashboard.public import public_dashboard
from kehoach.dashboard.selectors import home_summary


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if permissions.is_leader(request.user):
        return _leader_page(request, home=True)
    return render(request, "dashboard/home.html", {"summary": home_summary(user=request.user)})


@require_safe
@role_required(permissions.can_see_leader_dashboard)
def leader(request: HttpRequest) -> HttpResponse:
    return _leader_page(request, home=False)


def _leader_page(request: HttpRequest, *, home: bool) -> HttpResponse:
    form = DashboardForm(request.GET)
    context: dict[str, Any] = {"form": form, "is_home": home, "errors": []}
    if not form.is_valid():
        context["errors"] = form_errors(form)
        return render(request, "dashboard/leader.html", context, status=400)
    try:
        board = leader_dashboard(
            user=request.user,
            year=form.cleaned_data["year"],
            plan=form.cleaned_data["plan"],
            indicator=form.cleaned_data["indicator"],
        )
    except DashboardError as exc:
        context["errors"] = [str(exc)]
        return render(request, "dashboard/leader.html", context, status=400)
    context.update(board=board, summary=summary(board), charts=chart_data(board))
    return render(request, "dashboard/leader.html", context)


@require_safe
def public(request: HttpRequest) -> HttpResponse:
    form = PublicDashboardForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "dashboard/public.html",
            {"form": form, "errors": form_errors(form)},
            status=400,
        )
    board = public_dashboard(year=form.cleaned_data["year"])
    return render(request, "dashboard/public.html", {"form": form, "board": board, "errors": []})
