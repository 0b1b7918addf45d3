"""Completeness of a round: units × forms, status, deadline, filled share, late; CSV/.xlsx."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from kehoach.core import permissions
from kehoach.core.constants import XLSX_CONTENT_TYPE
from kehoach.core.http import content_disposition
from kehoach.reporting import selectors
from kehoach.reporting.exports import completeness_csv, completeness_xlsx
from kehoach.reporting.models import SubmissionStatus


@login_required
@require_GET
def completeness(request: HttpRequest, code: str) -> HttpResponse:
    round = selectors.round_get_for_user(user=request.user, code=code)
    data = selectors.round_completeness(round=round,
                                        unit_ids=permissions.unit_scope_ids(request.user))
    only_late = request.GET.get("late") == "1"
    if only_late:
        data = {**data, "rows": [r for r in data["rows"] if r["late"]]}
    fmt = request.GET.get("format", "")
    suffix = "-cham" if only_late else ""
    if fmt == "csv":
        return HttpResponse(completeness_csv(data), content_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": content_disposition(f"{code}{suffix}.csv")})
    if fmt == "xlsx":
        return HttpResponse(completeness_xlsx(round, data), content_type=XLSX_CONTENT_TYPE,
                            headers={"Content-Disposition": content_disposition(f"{code}{suffix}.xlsx")})
    labels = dict(SubmissionStatus.choices)
    chart = {"labels": [str(labels[s]) for s in SubmissionStatus.values],
             "keys": list(SubmissionStatus.values),
             "counts": [data["by_status"][s] for s in SubmissionStatus.values]}
    return render(request, "reporting/completeness.html", {
        "round": round, "data": data, "only_late": only_late, "today": selectors.today(),
        "chart": chart,
        "status_counts": list(zip(chart["labels"], chart["keys"], chart["counts"], strict=True)),
    })
