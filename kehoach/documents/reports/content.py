"""What a plan report says, built from a :class:`PlanEvaluation`: one row per target (the
appendix) with the sentence a planner would write about it, grouped as the documents group
targets, and the counts ("X/Y chỉ tiêu đạt và vượt kế hoạch")."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from kehoach.core.models import AnyUser
from kehoach.evaluation.rules import label
from kehoach.evaluation.services import PlanEvaluation, TargetResult
from kehoach.evaluation.services.evaluation import count_statuses
from kehoach.evaluation.services.year import YearEvaluation, year_evaluate
from kehoach.indicators.models import Group
from kehoach.plans.models import Plan
from kehoach.units.models import Unit

from . import sentences
from .options import ReportOptions
from .sentences import POINT_KINDS, rounded
from .sources import NextYear, default_sections, next_year, target_explanations

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
AT_RISK = ("acceleration_needed", "limited_progress", "deterioration")


@dataclass
class ReportRow:
    number: str
    result: TargetResult
    name: str
    measure: str
    plan_text: str
    previous: Decimal | None
    current: Decimal | None
    current_estimate: bool
    percent: Decimal | None
    change: Decimal | None
    change_in_points: bool
    status: str
    computed_status: str
    assessment: str
    sentence: str
    decimals: int

    @property
    def status_label(self) -> str:
        return label("status", self.status)


@dataclass
class ReportGroup:
    number: str
    key: str
    label: str
    rows: list[ReportRow] = field(default_factory=list)


@dataclass(frozen=True)
class NotMet:
    """A target not met in the year, with what the units wrote about why."""

    row: ReportRow
    explanations: list[str]


@dataclass
class PlanReport:
    plan: Plan
    year: int
    unit: Unit | None
    date: dt.date | None
    groups: list[ReportGroup]
    counts: dict[str, Any]
    at_risk: list[str]
    overridden: int
    from_estimate: int
    options: ReportOptions = field(default_factory=ReportOptions)
    year_counts: dict[str, Any] = field(default_factory=dict)
    """"X/Y chỉ tiêu đạt và vượt kế hoạch" of the plan's targets judged in the year (from
    ``year_evaluate``)."""
    not_met: list[NotMet] = field(default_factory=list)
    outlook: list[str] = field(default_factory=list)
    """Sentences on the multi-year targets (of this plan and of the plans above it) that need
    acceleration or are at risk."""
    next: NextYear | None = None
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def rows(self) -> list[ReportRow]:
        return [row for group in self.groups for row in group.rows]

    @property
    def reporting_unit(self) -> Unit:
        return self.unit or self.plan.unit


def _row(number: int, result: TargetResult, year: int, owner: Unit) -> ReportRow:
    target, item = result.target, result.item
    indicator = target.indicator
    places = max(indicator.decimals, 2)
    previous, _kind = sentences.yearly(result, year - 1)
    current, kind = sentences.yearly(result, year)
    percent = item["percent_of_target"]
    return ReportRow(
        number=str(number),
        result=result,
        name=sentences.subject(result, owner),
        measure=indicator.unit,
        plan_text=sentences.plan_text(target, year),
        previous=rounded(previous, places),
        current=rounded(current, places),
        current_estimate=kind == "estimate",
        percent=None if percent is None else rounded(Decimal(str(percent)), 1),
        change=rounded(sentences.change(result, year), 2 if indicator.kind in POINT_KINDS else 1),
        change_in_points=indicator.kind in POINT_KINDS,
        status=result.effective_status,
        computed_status=result.status,
        assessment=sentences.assessment(result, year),
        sentence=sentences.target_sentence(result, year, owner),
        decimals=places,
    )


def _groups(evaluation: PlanEvaluation) -> list[ReportGroup]:
    by_key: dict[str, list[TargetResult]] = {}
    for result in evaluation.results:
        by_key.setdefault(result.target.indicator.group, []).append(result)
    groups: list[ReportGroup] = []
    for key, group_label in Group.choices:
        results = by_key.get(key)
        if not results:
            continue
        group = ReportGroup(ROMAN[len(groups)], key, str(group_label))
        owner = evaluation.unit or evaluation.plan.unit
        group.rows = [_row(n, r, evaluation.year, owner) for n, r in enumerate(results, start=1)]
        groups.append(group)
    return groups


def _year_parts(
    plan: Plan, year: int, user: AnyUser | None, owner: Unit
) -> tuple[dict[str, Any], list[str]]:
    """The plan's counts for the year and the outlook of the multi-year targets, both read from
    ``year_evaluate`` (the year's view the leaders' dashboard shows)."""
    view: YearEvaluation = year_evaluate(year=year, user=user, unit=plan.unit)
    mine = [r for r in view.annual if r.target.plan_id == plan.pk]
    counts = count_statuses([(r.target.indicator.group, r.result.effective_status) for r in mine])
    outlook = [
        sentences.risk_sentence(r.result, year, owner)
        for r in view.progress
        if r.outlook in ("acceleration_needed", "at_risk")
        and (r.target.plan_id == plan.pk or plan.kind == "annual")
    ]
    return counts, outlook


def _not_met(rows: list[ReportRow], year: int) -> list[NotMet]:
    found = []
    for row in rows:
        if row.status != "not_met":
            continue
        reason = row.result.override.reason if row.result.override is not None else ""
        found.append(
            NotMet(row, target_explanations(target=row.result.target, year=year, reason=reason))
        )
    return found


def report_content(
    evaluation: PlanEvaluation,
    *,
    date: dt.date | None,
    options: ReportOptions | None = None,
    user: AnyUser | None = None,
    full: bool = True,
) -> PlanReport:
    """The report's content for the evaluation (statuses as adjusted by the planning office,
    the computed status kept beside an adjusted one). ``full``: also the annual report's parts
    (the year's counts and outlook, the reasons, next year, sections II–IV)."""
    groups = _groups(evaluation)
    rows = [row for group in groups for row in group.rows]
    year = evaluation.year
    owner = evaluation.unit or evaluation.plan.unit
    at_risk = [
        sentences.risk_sentence(row.result, year, owner)
        for row in rows
        if row.result.target.end_year > year
        and row.result.item["progress"]["progress_class"] in AT_RISK
    ]
    options = options or ReportOptions(date=date)
    report = PlanReport(
        plan=evaluation.plan,
        year=year,
        unit=evaluation.unit,
        date=date,
        groups=groups,
        counts=count_statuses([(g.key, row.status) for g in groups for row in g.rows]),
        at_risk=at_risk,
        overridden=sum(1 for row in rows if row.result.override is not None),
        from_estimate=sum(
            1
            for row in rows
            if row.result.item["value_kind"] == "estimate"
            and row.status in ("exceeded", "met", "not_met")
        ),
        options=options,
    )
    if full:
        report.year_counts, report.outlook = _year_parts(evaluation.plan, year, user, owner)
        report.not_met = _not_met(rows, year)
        report.next = next_year(unit=report.reporting_unit, year=year)
        report.sections = {**default_sections(year=year), **options.sections}
    return report
