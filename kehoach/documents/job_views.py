"""Reports made in the background (``/van-ban/bao-cao/soan/`` → ``…/viec/<id>/``).

The office sets the number, date, signer, recipients and the text of sections II–IV (prefilled
from the units' compiled sections, or from its previous job for the same plan and year), then the
worker writes the report; the job page shows its progress (htmx polls it) and the download link."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from kehoach.core import permissions
from kehoach.documents import selectors
from kehoach.documents.forms import FORMAT_CHOICES, ComposeForm, ReportForm
from kehoach.documents.jobs import job_file
from kehoach.documents.models import ReportJob
from kehoach.documents.reports.issuer import issuer_for
from kehoach.documents.reports.options import ReportOptions
from kehoach.documents.reports.pdf import libreoffice_binary, missing_message
from kehoach.documents.reports.sources import default_sections
from kehoach.documents.tasks import report_job_start


def compose_initial(*, user: Any, plan: Any, year: int, unit: Any, fmt: str) -> dict[str, Any]:
    """The form's starting values: the issuer's signer and recipients, the compiled sections,
    then whatever the user set last time for the same plan and year."""
    issuer = issuer_for(unit or plan.unit, date=None)
    signature = issuer.signature
    initial: dict[str, Any] = {
        "plan": plan.code,
        "year": year,
        "unit": unit.code if unit else "",
        "format": fmt,
        "signer_title": signature.title,
        "signer_deputy": signature.deputy,
        "recipients": "\n".join(issuer.recipients),
        **default_sections(year=year),
    }
    last = (
        ReportJob.objects.filter(user=user, plan=plan, year=year, unit=unit)
        .order_by("-created_at")
        .first()
    )
    if last is not None:
        options = ReportOptions.from_json(last.options)
        initial.update({k: v for k, v in options.sections.items() if v})
        initial.update(
            number=options.number,
            signer_name=options.signer_name,
            signer_title=options.signer_title or signature.title,
            signer_deputy=signature.deputy
            if options.signer_deputy is None
            else options.signer_deputy,
            date=options.date.strftime("%d/%m/%Y") if options.date else "",
        )
        if options.recipients:
            initial["recipients"] = "\n".join(options.recipients)
    return initial


def _compose_page(request, form: ComposeForm, plan: Any, status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        "plan": plan,
        "formats": FORMAT_CHOICES,
        "jobs": selectors.report_jobs_for_user(user=request.user),
        "pdf_missing": missing_message() if libreoffice_binary() is None else "",
    }
    return render(request, "documents/compose.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def compose(request):
    """GET ``?plan=&year=&unit=&format=``: the form prefilled; POST: queue the job."""
    if request.method == "GET":
        head = ReportForm(request.GET)
        if not head.is_valid():
            errors = [e for errs in head.errors.values() for e in errs]
            return render(
                request,
                "documents/index.html",
                {
                    "form": head,
                    "plans": selectors.report_plans_for_user(user=request.user),
                    "formats": FORMAT_CHOICES,
                    "errors": errors,
                    "year": timezone.localdate().year - 1,
                },
                status=400,
            )
        data = head.cleaned_data
        plan = selectors.report_plan_get_for_user(user=request.user, code=data["plan"])
        unit = selectors.report_unit_get_for_user(user=request.user, code=data.get("unit") or "")
        year = data.get("year") or selectors.report_default_year(plan)
        initial = compose_initial(
            user=request.user, plan=plan, year=year, unit=unit, fmt=data["format"]
        )
        return _compose_page(request, ComposeForm(initial=initial), plan)
    form = ComposeForm(request.POST)
    plan = selectors.report_plan_get_for_user(user=request.user, code=request.POST.get("plan", ""))
    if not form.is_valid():
        return _compose_page(request, form, plan, 400)
    data = form.cleaned_data
    unit = selectors.report_unit_get_for_user(user=request.user, code=data.get("unit") or "")
    year = data.get("year") or selectors.report_default_year(plan)
    try:
        selectors.report_evaluation(plan=plan, year=year, unit=unit, user=request.user)
    except ValidationError as exc:
        form.add_error("year", exc.messages[0])
        return _compose_page(request, form, plan, 400)
    if data["format"] == "pdf" and libreoffice_binary() is None:
        form.add_error("format", missing_message())
        return _compose_page(request, form, plan, 503)
    job = report_job_start(
        user=request.user,
        plan=plan,
        year=year,
        unit=unit,
        fmt=data["format"],
        options=form.options(),
    )
    return redirect("documents:job", job.pk)


@login_required
@require_GET
def job(request, job_id: str):
    """A background report as it goes: progress polled by htmx, then the download link."""
    found = selectors.report_job_get_for_user(user=request.user, job_id=job_id)
    template = "documents/_job.html" if request.htmx else "documents/job.html"
    return render(request, template, {"job": found, "now": timezone.now()})


@login_required
@require_GET
def job_download(request, job_id: str):
    found = selectors.report_job_get_for_user(user=request.user, job_id=job_id)
    path = job_file(found)
    if found.status != ReportJob.Status.DONE or not path.is_file():
        raise Http404
    if not permissions.is_authenticated(request.user):
        raise permissions.deny()
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=found.filename,
        content_type=found.content_type,
    )
