"""The documents page (``/van-ban/``): choose plan, year, unit and format, optionally the number,
date, signer and recipients (left empty: the issuer's usual ones), download the report.

With htmx the report is made in the background of the page (the PDF takes a few seconds, an
indicator shows "Đang tạo báo cáo…"), kept for a few minutes for this user only, and the page
starts its download; without JavaScript the form downloads the file directly."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from kehoach.core.http import content_disposition
from kehoach.core.models import AnyUser
from kehoach.documents import selectors
from kehoach.documents.forms import FORMAT_CHOICES, ComposeForm, ReportForm
from kehoach.documents.reports import ConversionError, ReportFile, ReportOptions, report_render
from kehoach.plans.models import Plan

CACHE_PREFIX = "documents:report:"
CACHE_SECONDS = 15 * 60


def report_file(*, user: AnyUser, plan: Plan, data: dict[str, Any],
                options: ReportOptions | None = None) -> ReportFile:
    """The report for validated form ``data`` with the number, date, signer and recipients of
    ``options`` as the background job takes them (no date: left blank to fill by hand, the
    issuer being the body valid today); 404 outside the user's scope; ValidationError,
    ConversionError as raised."""
    unit = selectors.report_unit_get_for_user(user=user, code=data.get("unit") or "")
    year = data.get("year") or selectors.report_default_year(plan)
    evaluation = selectors.report_evaluation(plan=plan, year=year, unit=unit, user=user)
    options = options or ReportOptions()
    return report_render(evaluation=evaluation, fmt=data["format"], date=options.date,
                         options=options, user=user)


def attachment(file: ReportFile) -> HttpResponse:
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = content_disposition(file.filename)
    return response


def _page(request, form: ReportForm, status: int = 200, errors: list[Any] | None = None):
    context = {"form": form, "plans": selectors.report_plans_for_user(user=request.user),
               "formats": FORMAT_CHOICES, "errors": errors or [],
               "year": timezone.localdate().year - 1}
    template = "documents/_report_result.html" if request.htmx else "documents/index.html"
    return render(request, template, context, status=status)


@login_required
@require_GET
def index(request):
    return _page(request, ComposeForm(initial={"format": "docx"}))


def _stash(request, file: ReportFile) -> str:
    token = secrets.token_urlsafe(18)
    cache.set(CACHE_PREFIX + token, {"user": request.user.pk, "filename": file.filename,
                                     "content_type": file.content_type,
                                     "content": file.content}, CACHE_SECONDS)
    return token


@login_required
@require_GET
def report(request):
    """The file (a plain request) or, for htmx, a fragment with the link to the ready file.
    Takes the compose page's options too (``number``, ``date``, ``signer_*``, ``recipients``)."""
    form = ComposeForm(request.GET)
    if not form.is_valid():
        return _page(request, form, 400, [e for errs in form.errors.values() for e in errs])
    plan = selectors.report_plan_get_for_user(user=request.user, code=form.cleaned_data["plan"])
    try:
        file = report_file(user=request.user, plan=plan, data=form.cleaned_data,
                           options=form.options())
    except ValidationError as exc:
        return _page(request, form, 400, exc.messages)
    except ConversionError as exc:
        return _page(request, form, 503, [str(exc)])
    if not request.htmx:
        return attachment(file)
    url = reverse("documents:download", args=[_stash(request, file)])
    return render(request, "documents/_report_result.html",
                  {"form": form, "file": file, "url": url, "size_kb": len(file.content) // 1024 + 1})


@login_required
@require_GET
def download(request, token: str):
    """A report made a moment ago by the same user (404 for anyone else or once expired)."""
    stored = cache.get(CACHE_PREFIX + token)
    if not stored or stored["user"] != request.user.pk:
        raise Http404
    return attachment(ReportFile(stored["content"], stored["filename"], stored["content_type"]))
