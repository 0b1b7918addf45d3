"""The start page: what each role has to do first."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from kehoach.dashboard.selectors import home_summary


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "dashboard/home.html", {"summary": home_summary(user=request.user)})
