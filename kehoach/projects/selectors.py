"""Reads of the priority project list: filters, the year's capital plan and disbursement with its
rate, totals by source / sector / phase / unit against the plan's stated needs, monthly series."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import DecimalField, OuterRef, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from kehoach.core import permissions
from kehoach.core.models import AnyUser
from kehoach.plans.models import Plan
from kehoach.projects.models import (
    STATE_BUDGET,
    CapitalPlan,
    Disbursement,
    FundingSource,
    NeedScope,
    Project,
    ResourceNeed,
)
from kehoach.units.models import Unit

ZERO = Decimal(0)
_DEC = DecimalField(max_digits=24, decimal_places=6)


def _year_sum(model: Any, year: int) -> Coalesce:
    rows = (model.objects.filter(project=OuterRef("pk"), year=year).order_by()
            .values("project").annotate(s=Sum("amount")).values("s"))
    return Coalesce(Subquery(rows, output_field=_DEC), Value(ZERO, output_field=_DEC))


def with_year(qs: QuerySet[Project], year: int) -> QuerySet[Project]:
    """Annotate ``capital_plan`` and ``disbursed`` (tỷ đồng) for ``year``."""
    return qs.annotate(capital_plan=_year_sum(CapitalPlan, year),
                       disbursed=_year_sum(Disbursement, year))


def default_year() -> int:
    """The year pages, API and commands show when none is asked: this year, or the latest
    earlier year with a capital plan when this year has none yet."""
    today = timezone.localdate().year
    years = CapitalPlan.objects.filter(year__lte=today).order_by("-year").values_list("year", flat=True)
    latest = years.first()
    return today if latest is None or CapitalPlan.objects.filter(year=today).exists() else latest


def rate(disbursed: Decimal | None, planned: Decimal | None) -> Decimal | None:
    """Disbursed as a percentage of the year's plan (None without a plan)."""
    if not planned:
        return None
    return (Decimal(disbursed or 0) * 100 / Decimal(planned)).quantize(Decimal("0.1"))


def project_list(*, user: AnyUser | None, plan: Plan | None = None, year: int | None = None,
                 source: str = "", sector: str = "", phase: str = "", status: str = "",
                 unit: Unit | None = None, q: str = "") -> QuerySet[Project]:
    """The projects ``user`` may see (``None``, the command line or a document: every one),
    filtered."""
    if user is not None and not permissions.can_see_projects(user):
        return Project.objects.none()
    qs = Project.objects.all()
    if plan is not None:
        qs = qs.filter(plan=plan)
    for name, value in (("funding_source", source), ("sector", sector), ("phase", phase),
                        ("status", status)):
        if value:
            qs = qs.filter(**{name: value})
    if unit is not None:
        qs = qs.filter(location=unit)
    if q.strip():
        qs = qs.filter(name__icontains=q.strip())
    qs = with_year(qs, year or default_year())
    return qs.select_related("plan", "location", "investor_unit").order_by("plan__code", "position",
                                                                           "id")


def project_get_for_user(*, user: AnyUser, pk: int, write: bool = False,
                         disburse: bool = False) -> Project:
    project = Project.objects.select_related("plan", "location", "investor_unit").filter(pk=pk).first()
    if project is None or not permissions.can_see_projects(user):
        raise permissions.deny()
    if write and not permissions.can_edit_projects(user):
        raise permissions.refuse()
    if disburse and not permissions.can_report_disbursement(user, project):
        raise permissions.refuse()
    return project


def project_years(*, project: Project) -> list[dict[str, Any]]:
    """Per year: the capital plan, the disbursement by month, the total and the rate."""
    plans = dict(project.capital_plans.values_list("year", "amount"))
    months: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for year, month, amount in project.disbursements.values_list("year", "month", "amount"):
        months[year][month] = amount
    rows = []
    for year in sorted(set(plans) | set(months)):
        done = sum(months[year].values(), ZERO)
        rows.append({"year": year, "plan": plans.get(year), "months": months[year],
                     "disbursed": done, "rate": rate(done, plans.get(year)),
                     "over": plans.get(year) is not None and done > plans[year]})
    return rows


@dataclass
class Total:
    key: str
    label: str
    count: int = 0
    investment: Decimal = ZERO
    capital_plan: Decimal = ZERO
    disbursed: Decimal = ZERO
    need: Decimal | None = None
    need_wording: str = ""

    @property
    def rate(self) -> Decimal | None:
        return rate(self.disbursed, self.capital_plan)

    @property
    def need_share(self) -> Decimal | None:
        return rate(self.investment, self.need)


@dataclass
class Totals:
    year: int
    all: Total = field(default_factory=lambda: Total("all", ""))
    by_source: list[Total] = field(default_factory=list)
    by_sector: list[Total] = field(default_factory=list)
    by_phase: list[Total] = field(default_factory=list)
    by_unit: list[Total] = field(default_factory=list)
    needs: list[Total] = field(default_factory=list)


def _add(total: Total, project: Any) -> None:
    total.count += 1
    total.investment += project.total_investment or ZERO
    total.capital_plan += project.capital_plan
    total.disbursed += project.disbursed


def project_totals(*, projects: list[Any], year: int, plan: Plan | None = None) -> Totals:
    """Totals of ``projects`` (annotated by ``with_year``) and the plan's needs beside them."""
    totals = Totals(year=year)
    groups: dict[str, dict[str, Total]] = {"source": {}, "sector": {}, "phase": {}, "unit": {}}
    labels = dict(FundingSource.choices)
    for project in projects:
        _add(totals.all, project)
        keys = {"source": (project.funding_source, str(labels[project.funding_source])),
                "sector": (project.sector, project.sector), "phase": (project.phase, project.phase),
                "unit": (project.location.code if project.location else "",
                         project.location.name if project.location else "—")}
        for name, (key, label) in keys.items():
            _add(groups[name].setdefault(key, Total(key, label)), project)
    totals.by_source = [groups["source"][s] for s in FundingSource.values if s in groups["source"]]
    totals.by_sector = sorted(groups["sector"].values(), key=lambda t: -t.investment)
    totals.by_phase = sorted(groups["phase"].values(), key=lambda t: t.key)
    totals.by_unit = sorted(groups["unit"].values(), key=lambda t: -t.investment)
    if plan is not None:
        totals.needs = _needs(plan, projects)
    return totals


def _needs(plan: Plan, projects: list[Any]) -> list[Total]:
    found = []
    for need in ResourceNeed.objects.filter(plan=plan).order_by("phase", "scope"):
        first, last = (int(y) for y in need.phase.split("-"))
        total = Total(need.scope, str(NeedScope(need.scope).label), need=need.amount,
                      need_wording=need.wording)
        sources = (set(STATE_BUDGET) if need.scope == NeedScope.STATE_BUDGET
                   else set(FundingSource.values) if need.scope == NeedScope.ALL else {need.scope})
        for project in projects:
            if project.funding_source in sources and first <= project.start_year <= last:
                _add(total, project)
        total.label = f"{total.label} {need.phase}"
        found.append(total)
    return found


def monthly_series(*, projects: list[Any], year: int) -> dict[str, Any]:
    """Cumulative disbursement by month and source against the year's plan (for the chart)."""
    ids = [p.pk for p in projects]
    by_source: dict[str, list[Decimal]] = {s: [ZERO] * 12 for s in FundingSource.values}
    rows = (Disbursement.objects.filter(project_id__in=ids, year=year).order_by()
            .values_list("project__funding_source", "month").annotate(s=Sum("amount")))
    for source, month, amount in rows:
        by_source[source][month - 1] += amount
    plans: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for project in projects:
        plans[project.funding_source] += project.capital_plan
    series = []
    for source, label in FundingSource.choices:
        if not plans[source] and not any(by_source[source]):
            continue
        running, cumulative = ZERO, []
        for amount in by_source[source]:
            running += amount
            cumulative.append(running)
        series.append({"source": source, "label": str(label), "plan": plans[source],
                       "months": by_source[source], "cumulative": cumulative})
    return {"year": year, "series": series}


def project_rows(*, plan: Plan | None = None, year: int | None = None,
                 projects: QuerySet[Project] | None = None) -> list[dict[str, Any]]:
    """``kehoach projects``: one dict per project of ``plan`` (or of ``projects``, a
    ``project_list`` as a page filters it, for the same ``year``) with the year's plan and
    disbursement."""
    year = year or timezone.localdate().year  # the contract: the current year by default
    if projects is None:
        projects = with_year(Project.objects.filter(plan=plan), year).order_by("position", "id")
    qs = projects.select_related("location", "investor_unit").prefetch_related("tasks")
    projects_: list[Any] = list(qs)
    return [{
        "number": p.number, "name": p.name, "sector": p.sector,
        "location": p.location.code if p.location else "", "investor": p.investor,
        "investor_unit": p.investor_unit.code if p.investor_unit else "",
        "tasks": ";".join(t.number for t in p.tasks.all()), "note": p.note,
        "funding_source": p.funding_source, "group": p.group,
        "total_investment": _plain(p.total_investment), "phase": p.phase, "status": p.status,
        "year": year, "capital_plan": _plain(p.capital_plan), "disbursed": _plain(p.disbursed),
        "rate": _plain(rate(p.disbursed, p.capital_plan)),
    } for p in projects_]


def _plain(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text
