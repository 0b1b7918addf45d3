"""Pages of the priority project list: the filterable table with totals and the chart of capital
plan vs disbursement, a project with its years and months (disbursement by the reporting unit,
capital plan and edits by the planning office), imports and exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kehoach.core import permissions
from kehoach.core.exchange.download import exchange_download, requested_format
from kehoach.core.forms import add_errors, form_status
from kehoach.core.gate import role_required
from kehoach.core.http import AuthenticatedHttpRequest
from kehoach.plans.models import Plan
from kehoach.plans.selectors import plan_find_for_user, plan_get_for_user, plan_list_for_user
from kehoach.projects import services
from kehoach.projects.charts import disbursement_chart
from kehoach.projects.forms import MoneyForm, ProjectForm
from kehoach.projects.importing import PROJECT_SPEC
from kehoach.projects.models import FundingSource, Project, ProjectStatus
from kehoach.projects.selectors import (
    default_year,
    monthly_series,
    project_get_for_user,
    project_list,
    project_rows,
    project_totals,
    project_years,
    rate,
)
from kehoach.tasks.programme import PROJECTS, programme_download, programme_import_page
from kehoach.units.models import Unit


def _year(request: AuthenticatedHttpRequest) -> int:
    text = request.GET.get("year", "")
    return int(text) if text.isdigit() and 1900 <= int(text) <= 2200 else default_year()


def _params(request: AuthenticatedHttpRequest) -> dict[str, str]:
    return {k: request.GET.get(k, "").strip() for k in ("plan", "source", "sector", "phase",
                                                         "status", "unit", "q")}


def _filtered(request: AuthenticatedHttpRequest, params: dict[str, str], plan: Plan | None,
              year: int) -> QuerySet[Project]:
    """The projects the list shows: the user's, with the page's filters."""
    unit = Unit.objects.filter(code=params["unit"]).first() if params["unit"] else None
    return project_list(user=request.user, plan=plan, year=year, source=params["source"],
                        sector=params["sector"], phase=params["phase"], status=params["status"],
                        unit=unit, q=params["q"])


@login_required
def project_index(request: AuthenticatedHttpRequest) -> HttpResponse:
    params = _params(request)
    year = _year(request)
    plan = plan_find_for_user(user=request.user, code=params["plan"])
    projects: list[Any] = list(_filtered(request, params, plan, year))
    for project in projects:
        project.rate = rate(project.disbursed, project.capital_plan)
    series = monthly_series(projects=projects, year=year)
    series["title"] = _("Giải ngân lũy kế theo tháng năm %(y)s so với kế hoạch vốn") % {"y": year}
    series["legend"] = _("nét đứt: kế hoạch vốn năm")
    visible = Project.objects.all()
    return render(request, "projects/index.html", {
        "projects": projects, "params": params, "year": year, "plan": plan,
        "totals": project_totals(projects=projects, year=year, plan=plan),
        "chart": disbursement_chart(series), "series": series["series"],
        "plans": plan_list_for_user(user=request.user).filter(projects__isnull=False).distinct()
        .order_by("-start_year"),
        "sources": FundingSource.choices, "statuses": ProjectStatus.choices,
        "sectors": sorted(set(visible.values_list("sector", flat=True))),
        "phases": sorted(set(visible.values_list("phase", flat=True))),
        "units": Unit.objects.filter(located_projects__isnull=False).distinct().order_by("name"),
        "can_edit": permissions.can_edit_projects(request.user),
        "years": range(year - 3, year + 2),
    })


def _detail(request: AuthenticatedHttpRequest, project: Project, status: int = 200,
            **extra: Any) -> HttpResponse:
    context = {
        "project": project, "years": project_years(project=project),
        "can_edit": permissions.can_edit_projects(request.user),
        "can_disburse": permissions.can_report_disbursement(request.user, project),
        "money_form": MoneyForm(initial={"year": timezone.localdate().year,
                                         "month": timezone.localdate().month}),
        "tasks": project.tasks.all(), "targets": project.targets.select_related("indicator"),
        "months": range(1, 13),
    }
    context.update(extra)
    return render(request, "projects/detail.html", context, status=status)


@login_required
def project_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _detail(request, project_get_for_user(user=request.user, pk=pk))


@login_required
@require_POST
def money_set(request: AuthenticatedHttpRequest, pk: int, what: str) -> HttpResponse:
    """``what``: ``ke-hoach-von`` (the planning office) or ``giai-ngan`` (the reporting unit)."""
    project = project_get_for_user(user=request.user, pk=pk, write=what == "ke-hoach-von",
                                   disburse=what == "giai-ngan")
    form = MoneyForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if what == "ke-hoach-von":
                services.capital_plan_set(project=project, actor=request.user, year=data["year"],
                                          amount=data["amount"])
                warning = ""
            else:
                _row, warning = services.disbursement_set(
                    project=project, actor=request.user, year=data["year"],
                    month=data["month"] or 0, amount=data["amount"])
        except ValidationError as exc:
            add_errors(form, exc)
    if form.errors:
        return _detail(request, project, status=400, money_form=form)
    messages.success(request, _("Đã lưu."))
    if warning:
        messages.warning(request, warning)
    return redirect("projects:detail", project.pk)


def _project_form_page(request: AuthenticatedHttpRequest, project: Project | None) -> HttpResponse:
    initial = ProjectForm.initial_for(project) if project else {"plan": request.GET.get("plan", "")}
    form = ProjectForm(request.POST or None, initial=initial)
    if project is not None:
        form.fields["plan"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version, plan = data.pop("version", None), data.pop("plan")
        try:
            if project is None:
                saved = services.project_create(actor=request.user, plan=plan, **data)
            else:
                saved, _changed = services.project_update(project=project, actor=request.user,
                                                          version=version, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu dự án."))
            return redirect("projects:detail", saved.pk)
    return render(request, "projects/form.html", {"form": form, "project": project},
                  status=form_status(form))


@role_required(permissions.can_edit_projects)
@require_http_methods(["GET", "POST"])
def project_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    return _project_form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _project_form_page(request, project_get_for_user(user=request.user, pk=pk, write=True))


@role_required(permissions.can_edit_projects)
@require_http_methods(["GET", "POST"])
def project_import(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    plan = plan_get_for_user(user=request.user, code=code)
    return programme_import_page(request, table=PROJECTS, plan=plan)


@login_required
def project_exchange(request: AuthenticatedHttpRequest, code: str) -> HttpResponse | StreamingHttpResponse:
    """The plan's projects the list shows (its filters, the year) as the projects exchange file,
    CSV or .xlsx (one sheet; the plan's whole workbook with its money sheet is ``export``)."""
    plan = plan_get_for_user(user=request.user, code=code)
    year = _year(request)
    rows = project_rows(year=year, projects=_filtered(request, _params(request), plan, year))
    return exchange_download(columns=PROJECT_SPEC.columns, rows=rows,
                             fmt=requested_format(request), name=f"du-an-{plan.code}")


@login_required
def project_export(request: AuthenticatedHttpRequest, code: str, fmt: str) -> HttpResponse:
    return programme_download(request, table=PROJECTS, code=code, fmt=fmt, year=_year(request))
