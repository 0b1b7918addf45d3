"""Pages of the indicator catalogue: list and search, detail, create and edit, import, export."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kehoach.core import permissions
from kehoach.core.constants import XLSX_CONTENT_TYPE
from kehoach.core.forms import add_errors
from kehoach.core.gate import role_required
from kehoach.core.http import HtmxHttpRequest, content_disposition
from kehoach.indicators import services
from kehoach.indicators.exporting import table_bytes
from kehoach.indicators.forms import IndicatorForm, UploadForm
from kehoach.indicators.importing import COLUMNS, indicators_import
from kehoach.indicators.models import Group
from kehoach.indicators.selectors import (
    indicator_export_rows,
    indicator_get_for_user,
    indicator_list_for_user,
    indicator_targets,
)
from kehoach.indicators.wording import aggregation_explained
from kehoach.plans.wording import target_wording


@login_required
def indicator_list(request: HtmxHttpRequest) -> HttpResponse:
    group, query = request.GET.get("group", ""), request.GET.get("q", "")
    qs = indicator_list_for_user(user=request.user, group=group, query=query)
    page = Paginator(qs, 100).get_page(request.GET.get("page"))
    context = {"page": page, "group": group, "q": query, "groups": Group.choices}
    if request.htmx:
        return render(request, "indicators/_results.html", context)
    return render(request, "indicators/list.html", context)


@login_required
def indicator_detail(request: HtmxHttpRequest, code: str) -> HttpResponse:
    indicator = indicator_get_for_user(user=request.user, code=code)
    return render(request, "indicators/detail.html", {
        "indicator": indicator,
        "aggregation_text": aggregation_explained(indicator),
        "targets": [(t, target_wording(t))
                    for t in indicator_targets(indicator=indicator, user=request.user)],
        "can_edit": permissions.can_edit_reference_data(request.user),
    })


def _save(form: IndicatorForm, request: HttpRequest, indicator=None):
    data = dict(form.cleaned_data)
    try:
        if indicator is None:
            return services.indicator_create(actor=request.user, **data)
        return services.indicator_update(
            indicator=indicator, actor=request.user, data=cast(services.IndicatorChanges, data))[0]
    except ValidationError as exc:
        add_errors(form, exc)
        return None


@role_required(permissions.can_edit_reference_data)
@require_http_methods(["GET", "POST"])
def indicator_create(request: HtmxHttpRequest) -> HttpResponse:
    form = IndicatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        indicator = _save(form, request)
        if indicator is not None:
            messages.success(request, _("Đã thêm chỉ tiêu %(c)s.") % {"c": indicator.code})
            return redirect("indicators:detail", indicator.code)
    return render(request, "indicators/form.html", {"form": form, "indicator": None})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_edit(request: HtmxHttpRequest, code: str) -> HttpResponse:
    indicator = indicator_get_for_user(user=request.user, code=code, write=True)
    form = IndicatorForm(request.POST or None, initial=IndicatorForm.initial_for(indicator))
    if request.method == "POST" and form.is_valid():
        saved = _save(form, request, indicator)
        if saved is not None:
            messages.success(request, _("Đã lưu chỉ tiêu %(c)s.") % {"c": saved.code})
            return redirect("indicators:detail", saved.code)
        indicator.refresh_from_db()
    return render(request, "indicators/form.html", {"form": form, "indicator": indicator})


@role_required(permissions.can_edit_reference_data)
@require_http_methods(["GET", "POST"])
def indicator_import(request: HtmxHttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = indicators_import(
            data=upload.read(), filename=upload.name, actor=request.user,
            dry_run=form.cleaned_data["dry_run"], locale=form.cleaned_data["locale"],
        )
    status = 400 if result is not None and not result.ok else 200
    return render(request, "indicators/import.html", {"form": form, "result": result},
                  status=status)


@login_required
def indicator_export(request: HtmxHttpRequest) -> HttpResponse:
    fmt = request.GET.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        fmt = "csv"
    content_type = (
        "text/csv; charset=utf-8" if fmt == "csv"
        else XLSX_CONTENT_TYPE
    )
    shown = indicator_list_for_user(user=request.user, group=request.GET.get("group", ""),
                                    query=request.GET.get("q", ""))  # as the list is filtered
    response = HttpResponse(table_bytes(COLUMNS, indicator_export_rows(indicators=shown), fmt),
                            content_type=content_type)
    response["Content-Disposition"] = content_disposition(f"chi-tieu.{fmt}")
    return response
