"""Pages of the units app: the tree (lazy with htmx), a unit, create/edit, import a file."""

from __future__ import annotations

import base64
import datetime as dt
import secrets
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.exchange.download import exchange_download, requested_format
from kehoach.core.forms import add_errors
from kehoach.core.gate import role_required
from kehoach.units import selectors
from kehoach.units.forms import AsOfForm, ImportForm, UnitForm
from kehoach.units.importing import SPEC, units_import
from kehoach.units.models import UnitType
from kehoach.units.picker import unit_pick_options
from kehoach.units.services import UnitChanges, unit_create, unit_update

REFORM_DAY = dt.date(2025, 7, 1)
SEARCH_LIMIT = 200
STASH_KEY = "units_import_stash"


def _as_of(request: HttpRequest) -> tuple[AsOfForm, dt.date]:
    form = AsOfForm(request.GET)
    day = form.day() or timezone.localdate()
    return form, day


@login_required
def tree(request: HttpRequest) -> HttpResponse:
    form, day = _as_of(request)
    q = (form.cleaned_data.get("q") or "").strip() if form.is_valid() else ""
    if q:
        units = list(selectors.unit_search(q=q, on=day)[: SEARCH_LIMIT + 1])
    else:
        units = list(selectors.unit_tree_roots(on=day))
    context = {
        "form": form, "day": day, "q": q, "units": units[:SEARCH_LIMIT],
        "truncated": len(units) > SEARCH_LIMIT,
        "successors": selectors.unit_successor_map(units=units[:SEARCH_LIMIT]),
        "before_day": REFORM_DAY - dt.timedelta(days=1), "reform_day": REFORM_DAY,
        "can_edit": permissions.can_edit_reference_data(request.user),
        "bad_date": bool(request.GET.get("on")) and form.day() is None,
    }
    return render(request, "units/tree.html", context)


@login_required
def pick(request: HttpRequest) -> JsonResponse:
    """What the unit picker lists for ``q`` (JSON): ``{"results": [{value, label, detail}]}``."""
    if not permissions.can_see_reference_data(request.user):
        raise permissions.deny()
    groups = [g for g in request.GET.get("groups", "").split(",") if g]
    return JsonResponse({"results": unit_pick_options(q=request.GET.get("q", ""), groups=groups)})


@login_required
def children(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_get_for_user(user=request.user, code=code)
    _form, day = _as_of(request)
    units = list(selectors.unit_children(unit=unit, on=day))
    return render(request, "units/_children.html", {
        "parent": unit, "units": units, "day": day,
        "successors": selectors.unit_successor_map(units=units),
    })


@login_required
def detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_get_for_user(user=request.user, code=code)
    return render(request, "units/detail.html", {
        "unit": unit,
        "children": selectors.unit_children(unit=unit, on=None),
        "predecessors": selectors.unit_predecessors(unit=unit),
        "successors": selectors.unit_successors(unit=unit),
        "can_edit": permissions.can_edit_reference_data(request.user),
    })


def _save(request: HttpRequest, form: UnitForm, unit: Any = None) -> Any:
    try:
        if unit is None:
            return unit_create(actor=request.user, **form.cleaned_data)
        unit_update(unit=unit, actor=request.user, data=cast(UnitChanges, form.cleaned_data))
        return unit
    except ValidationError as exc:
        add_errors(form, exc)
    return None


@role_required(permissions.can_edit_reference_data)
def create(request: HttpRequest) -> HttpResponse:
    initial = {"type": UnitType.DEPARTMENT, "parent": request.GET.get("parent", "")}
    form = UnitForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        unit = _save(request, form)
        if unit is not None:
            messages.success(request, _("Đã tạo đơn vị %(n)s.") % {"n": unit.name})
            return redirect("units:detail", code=unit.code)
    return render(request, "units/form.html", {"form": form, "unit": None})


@role_required(permissions.can_edit_reference_data)
def edit(request: HttpRequest, code: str) -> HttpResponse:
    unit = selectors.unit_get_for_user(user=request.user, code=code, write=True)
    form = UnitForm(request.POST or None, initial=UnitForm.initial_for(unit))
    if request.method == "POST" and form.is_valid():
        if _save(request, form, unit) is not None:
            messages.success(request, _("Đã lưu đơn vị %(n)s.") % {"n": unit.name})
            return redirect("units:detail", code=unit.code)
        unit.refresh_from_db()
    return render(request, "units/form.html", {"form": form, "unit": unit})


def _stash(request: HttpRequest, data: bytes, filename: str, locale: str) -> str:
    token = secrets.token_urlsafe(12)
    request.session[STASH_KEY] = {"token": token, "name": filename, "locale": locale,
                                  "data": base64.b64encode(data).decode("ascii")}
    return token


def _unstash(request: HttpRequest) -> tuple[bytes, str, str] | None:
    stash = request.session.get(STASH_KEY) or {}
    if not stash or stash.get("token") != request.POST.get("token"):
        return None
    del request.session[STASH_KEY]
    return base64.b64decode(stash["data"]), stash["name"], stash["locale"]


@role_required(permissions.can_edit_reference_data)
def import_file(request: HttpRequest) -> HttpResponse:
    """Check a file (dry run); when it is clean, store it with a second click."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, Any] = {"form": form}
    if request.method == "POST" and request.POST.get("action") == "commit":
        stashed = _unstash(request)
        if stashed is None:
            messages.error(request, _("Phiên kiểm tra đã hết hạn: hãy chọn lại tệp và kiểm tra."))
            return redirect("units:import")
        data, name, locale = stashed
        result = units_import(data=data, filename=name, locale=locale, actor=request.user)
        context.update(result=result, filename=name)
    elif request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload is None:
            form.add_error("file", _("Hãy chọn một tệp CSV hoặc .xlsx."))
        else:
            data, locale = upload.read(), form.cleaned_data["locale"]
            result = units_import(data=data, filename=upload.name, dry_run=True, locale=locale,
                                  actor=request.user)
            context.update(result=result, filename=upload.name)
            if result.ok:
                context["token"] = _stash(request, data, upload.name, locale)
    return render(request, "units/import.html", context)


@login_required
def export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """Every unit as the units exchange file (CSV or .xlsx); with ``q`` (the page's search), the
    units found on the page's day, every one (the page shows the first 200)."""
    form, day = _as_of(request)
    q = (form.cleaned_data.get("q") or "").strip() if form.is_valid() else ""
    units = selectors.unit_search(q=q, on=day) if q else None
    return exchange_download(columns=SPEC.columns, rows=selectors.unit_export_rows(units=units),
                             fmt=requested_format(request), name="don-vi-tim-kiem" if q else "don-vi")
