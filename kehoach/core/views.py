"""Home page and the user's own account page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kehoach.core.selectors import home_summary


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"summary": home_summary(user=request.user)})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "core/account.html", {})
