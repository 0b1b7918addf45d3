"""Pages of the values app: list, history, enter or change a value, import a file."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.exchange.download import exchange_download, requested_format
from kehoach.core.gate import role_required
from kehoach.core.http import AuthenticatedHttpRequest
from kehoach.core.templatetags.kh import format_number
from kehoach.units.models import Unit
from kehoach.values import selectors
from kehoach.values.dhis2.exporting import CONTENT_TYPES, dhis2_export_file
from kehoach.values.dhis2.importing import dhis2_import, dhis2_mapping_refused
from kehoach.values.dhis2.mapping import MappingError, mapping_read
from kehoach.values.forms import Dhis2ExportForm, Dhis2ImportForm, FilterForm, ImportForm, ValueForm
from kehoach.values.importing import VALUES_SPEC
from kehoach.values.jobs import (
    SHOWN_ERRORS,
    dhis2_runs_in_background,
    import_job_errors_file,
    import_job_phase,
    import_job_progress,
    import_job_running,
    runs_in_background,
)
from kehoach.values.models import ImportJob
from kehoach.values.services import value_set
from kehoach.values.streaming import values_import
from kehoach.values.tasks import import_job_start

PAGE_SIZE = 50


def _filtered_values(request: AuthenticatedHttpRequest, form: FilterForm):
    values = selectors.values_for_user(user=request.user).none()
    if not form.is_bound or form.is_valid():
        data = form.cleaned_data if form.is_bound else {}
        filters = selectors.ValueFilters(**{k: str(v or "") for k, v in data.items()})
        values = selectors.value_list(user=request.user, filters=filters)
    return values


@login_required
def value_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None)
    values = _filtered_values(request, form)
    page = Paginator(values, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(),
               "can_enter": permissions.can_enter_values(request.user),
               "can_review": permissions.can_review_discrepancies(request.user)}
    template = "values/_table.html" if request.htmx else "values/list.html"
    return render(request, template, context)


@login_required
def value_history(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    value = selectors.value_get_for_user(user=request.user, pk=pk)
    return render(request, "values/history.html", {
        "value": value,
        "revisions": selectors.value_history(value=value),
        "can_edit": selectors.value_can_write(user=request.user, value=value),
    })


@role_required(permissions.can_enter_values)
def value_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ValueForm(request.POST or None, user=request.user, initial=request.GET.dict())
    if request.method == "POST" and form.is_valid() and (saved := _save(request, form)):
        return saved
    return render(request, "values/form.html", {"form": form, "value": None})


@login_required
def value_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    value = selectors.value_get_for_user(user=request.user, pk=pk, write=True)
    initial = {"unit": value.unit, "indicator": value.indicator, "period": value.period,
               "kind": value.kind, "value": format_number(value.value), "note": value.note}
    form = ValueForm(request.POST or None, user=request.user, editing=True, initial=initial)
    cast(forms.ModelChoiceField, form.fields["unit"]).queryset = Unit.objects.filter(
        pk=value.unit_id
    )
    if request.method == "POST" and form.is_valid() and (
            saved := _save(request, form, reported_by=value.reported_by)):
        return saved
    return render(request, "values/form.html", {"form": form, "value": value})


def _save(request: AuthenticatedHttpRequest, form: ValueForm,
          reported_by=None) -> HttpResponse | None:
    """Save and redirect; ``None`` (the form then shows why) when the value is locked."""
    data = form.cleaned_data
    unit = data["unit"]
    if not form.editing and not permissions.can_write_unit_data(request.user, unit.pk):
        raise permissions.refuse()
    try:
        value, outcome = _value_set(request, data, unit, reported_by)
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    text = {"created": _("Đã lưu số liệu mới."), "updated": _("Đã cập nhật số liệu."),
            "unchanged": _("Số liệu không thay đổi.")}[outcome]
    messages.success(request, text)
    return redirect("values:history", pk=value.pk)


def _value_set(request: AuthenticatedHttpRequest, data: dict, unit: Unit, reported_by) -> tuple:
    return value_set(
        indicator=data["indicator"], unit=unit, period=data["period"], kind=data["kind"],
        value=data["value"], note=data["note"], actor=request.user, comment=data["comment"],
        reported_by=reported_by or (request.user.unit if not permissions.is_manager(request.user)
                                    else None),
        source=_("nhập trên trang"),
    )


@role_required(permissions.can_enter_values)
def value_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if runs_in_background(upload):
            job = import_job_start(user=request.user, kind=ImportJob.Kind.VALUES, upload=upload,
                                   options={"dry_run": form.cleaned_data["dry_run"],
                                            "locale": form.cleaned_data["locale"]})
            return redirect("values:job", job_id=job.pk)
        result = values_import(
            stream=upload.open("rb"), filename=upload.name, actor=request.user,
            dry_run=form.cleaned_data["dry_run"], locale=form.cleaned_data["locale"],
            source=_("tệp %(f)s") % {"f": upload.name},
        )
    status = 400 if result is not None and not result.ok else 200
    return render(request, "values/import.html", {"form": form, "result": result}, status=status)


@login_required
def value_export(request: AuthenticatedHttpRequest) -> HttpResponse | StreamingHttpResponse:
    """The values the list shows (same filters, every page) as the values exchange file."""
    query = request.GET.copy()
    fmt = requested_format(request)
    query.pop("format", None)
    form = FilterForm(query or None)
    rows = selectors.value_export_rows(_filtered_values(request, form))
    return exchange_download(columns=VALUES_SPEC.columns, rows=rows, fmt=fmt, name="so-lieu")


@role_required(permissions.can_enter_values)
def dhis2_import_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Upload a DHIS2 data value set and its mapping; the result is DHIS2's import summary."""
    form = Dhis2ImportForm(request.POST or None, request.FILES or None)
    summary = None
    if request.method == "POST" and form.is_valid():
        upload, data = form.cleaned_data["file"], form.cleaned_data
        mapping_data = data["mapping"].read()
        options = {k: data[k] for k in ("strategy", "kind", "dry_run")}
        if dhis2_runs_in_background(upload):
            summary = dhis2_mapping_refused(mapping_data=mapping_data, dry_run=data["dry_run"],
                                            strategy=data["strategy"])
            if summary is None:
                job = import_job_start(user=request.user, kind=ImportJob.Kind.DHIS2,
                                       upload=upload, mapping_data=mapping_data, options=options)
                return redirect("values:job", job_id=job.pk)
        else:
            summary = dhis2_import(stream=upload.open("rb"), filename=upload.name,
                                   mapping_data=mapping_data, actor=request.user, **options)
    status = 400 if summary is not None and summary.status == "ERROR" else 200
    return render(request, "values/dhis2.html", {
        "form": form, "export_form": Dhis2ExportForm(),
        "summary": summary.as_dict() if summary else None, "ignored_more": summary and
        summary.ignored > len(summary.conflicts),
    }, status=status)


@login_required
def dhis2_export_page(request: AuthenticatedHttpRequest) -> HttpResponse | FileResponse:
    """The values the user may read as a DHIS2 data value set (download)."""
    form = Dhis2ExportForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "values/dhis2.html", {"form": Dhis2ImportForm(),
                                                     "export_form": form},
                      status=400 if request.method == "POST" else 200)
    data = form.cleaned_data
    try:
        mapping = mapping_read(data["mapping"].read())
    except MappingError as exc:
        for obj, message in exc.problems:
            form.add_error("mapping", f"{obj}: {message}")
        return render(request, "values/dhis2.html", {"form": Dhis2ImportForm(),
                                                     "export_form": form}, status=400)
    values = selectors.values_for_dhis2(user=request.user, kind=data["kind"], year=data["year"],
                                        unit=data["unit"] or "")
    suffix = "adx.xml" if data["format"] == "adx" else data["format"]
    stream = dhis2_export_file(values=values, mapping=mapping, fmt=data["format"],
                               data_set=data["data_set"])
    return FileResponse(stream, as_attachment=True, filename=f"dhis2-datavalueset.{suffix}",
                        content_type=f"{CONTENT_TYPES[data['format']]}; charset=utf-8")


@login_required
def import_jobs(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The user's background imports: each with its progress or its outcome, to come back to."""
    jobs = selectors.import_job_list_for_user(user=request.user)
    rows = []
    for job in jobs:  # a finished job's progress file is not read: its result says it all
        running = import_job_running(job)
        rows.append({"job": job, "running": running,
                     "progress": import_job_progress(job) if running else {},
                     "has_errors_file": not running and import_job_errors_file(job) is not None})
    return render(request, "values/jobs.html",
                  {"rows": rows, "any_running": any(row["running"] for row in rows)})


@login_required
def import_job(request: AuthenticatedHttpRequest, job_id: str) -> HttpResponse:
    """A background import as it goes: a progress bar polled by htmx, then its summary."""
    job = selectors.import_job_get_for_user(user=request.user, job_id=job_id)
    progress = import_job_progress(job)
    context = {"job": job, "progress": progress, "shown_errors": SHOWN_ERRORS,
               "phase": import_job_phase(job, progress),
               "running": import_job_running(job),
               "has_errors_file": import_job_errors_file(job) is not None}
    template = "values/_job.html" if request.htmx else "values/job.html"
    return render(request, template, context)


@login_required
def import_job_errors(request: AuthenticatedHttpRequest, job_id: str) -> FileResponse:
    """The bad rows (or DHIS2 conflicts) of a background import, as CSV."""
    job = selectors.import_job_get_for_user(user=request.user, job_id=job_id)
    path = import_job_errors_file(job)
    if path is None:
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=f"loi-{Path(job.filename).stem}.csv",
                        content_type="text/csv; charset=utf-8")
