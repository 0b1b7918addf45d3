"""The public dashboard: what a citizen may read without signing in.

Only **published** plans (``Plan.is_published``: approved or in force) and their targets, judged
by the evaluation service on the **values of record** (what the planning office accepted or
imported; figures still in a unit's form, returned or waiting, are cells of a submission and never
values of record; unofficial reported figures are ``ReportedValue`` and never read here). Nothing
about people: no user names, no override reasons or who set them, no comment authors; a figure's
source is named by its channel and unit.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.consultation.selectors import consultation_open_list
from kehoach.dashboard import figures
from kehoach.evaluation.services import year_evaluate
from kehoach.evaluation.services.series import CONSOLIDATED
from kehoach.evaluation.services.year import YearRow
from kehoach.plans.models import Plan
from kehoach.plans.selectors import plan_list_for_user
from kehoach.plans.wording import target_wording
from kehoach.values.models import Value, ValueKind
from kehoach.values.selectors import SUBMISSION_SOURCE

ANONYMOUS = AnonymousUser()


@dataclass
class Figure:
    """The latest figure a status rests on: value, year, kind, where it comes from, when."""

    value: Any
    year: int
    kind: str
    kind_label: str
    source: str
    date: Any


@dataclass
class PublicLine:
    row: YearRow
    words: str
    attention: str
    figure: Figure | None

    def as_json(self) -> dict[str, Any]:
        target, item = self.row.target, self.row.result.item
        fig = self.figure
        return {
            "indicator": target.indicator.code,
            "indicator_name": target.indicator.name_vi,
            "indicator_unit": target.indicator.unit,
            "group": target.indicator.group,
            "period": target.period,
            "target": item["target"],
            "wording": target_wording(target),
            "section": self.row.section,
            "status": self.row.status,
            "outlook": self.row.outlook or None,
            "status_words": self.words,
            "attention": self.attention or None,
            "value": item["value"],
            "value_period": item["value_period"],
            "percent_of_target": item["percent_of_target"],
            "responsible_unit_name": (
                self.row.responsible_unit.name if self.row.responsible_unit else None
            ),
            "latest": None
            if fig is None
            else {
                "value": float(fig.value),
                "year": fig.year,
                "kind": fig.kind,
                "kind_label": fig.kind_label,
                "source": fig.source,
                "date": fig.date.isoformat() if fig.date else None,
            },
        }


@dataclass
class PublicPlan:
    plan: Plan
    lines: list[PublicLine] = field(default_factory=list)

    @property
    def met(self) -> int:
        return sum(
            1
            for line in self.lines
            if line.row.section == "annual" and line.row.status in ("met", "exceeded")
        )

    @property
    def judged(self) -> int:
        return sum(
            1
            for line in self.lines
            if line.row.section == "annual" and line.row.status in ("met", "exceeded", "not_met")
        )

    @property
    def at_risk(self) -> int:
        return sum(1 for line in self.lines if line.attention == "at_risk")


@dataclass
class PublicBoard:
    year: int
    years: list[int]
    plans: list[PublicPlan]
    consultations: list[Any]


def _source(value: Value) -> str:
    if value.source.startswith(SUBMISSION_SOURCE):
        unit = value.reported_by or value.unit
        return _("Báo cáo của %(unit)s") % {"unit": unit.name}
    return value.note.strip() or _("Cơ quan kế hoạch tỉnh cập nhật")


def _figures(rows: list[YearRow]) -> dict[tuple[int, int, int], Value]:
    """(indicator id, unit id, year) → the value of record behind each row's latest figure, in one
    query (the kind the evaluation used)."""
    wanted: dict[tuple[int, int, int], str] = {}
    for row in rows:
        obs = row.result.series.observations
        if obs:
            year = max(obs)
            key = (row.target.indicator_id, row.result.unit.pk, year)
            wanted[key] = obs[year].kind.value
    if not wanted:
        return {}
    condition = Q()
    for (indicator, unit, year), kind in wanted.items():
        condition |= Q(indicator_id=indicator, unit_id=unit, year=year, kind=kind)
    found = Value.objects.filter(condition).select_related("unit", "reported_by")
    return {(v.indicator_id, v.unit_id, v.year): v for v in found}


def _figure(row: YearRow, values: dict[tuple[int, int, int], Value]) -> Figure | None:
    series = row.result.series
    if not series.observations:
        return None
    year = max(series.observations)
    obs = series.observations[year]
    kind = obs.kind.value
    value = values.get((row.target.indicator_id, row.result.unit.pk, year))
    if series.sources.get(year) == CONSOLIDATED or value is None:
        source, date = _("Tổng hợp từ số liệu của các đơn vị cấp dưới"), None
    else:
        source, date = _source(value), timezone.localdate(value.updated_at)
    return Figure(obs.value, year, kind, str(ValueKind(kind).label), source, date)


def public_dashboard(*, year: int | None = None) -> PublicBoard:
    """The published plans' targets for ``year`` (default: the latest year with judged
    targets), with the latest figures, and the consultations open now."""
    published = plan_list_for_user(user=ANONYMOUS)
    years, default = figures.choose_years(published)
    year = year or default
    evaluation = year_evaluate(year=year, user=None)
    rows = [r for r in evaluation.rows if r.target.plan.is_published]
    values = _figures(rows)
    plans: dict[int, PublicPlan] = {}
    for row in rows:
        entry = plans.setdefault(row.target.plan_id, PublicPlan(row.target.plan))
        entry.lines.append(
            PublicLine(
                row,
                figures.status_words(row.result, row.section, row.outlook),
                figures.attention_key(row.section, row.status, row.outlook),
                _figure(row, values),
            )
        )
    ordered = sorted(
        plans.values(), key=lambda p: (p.plan.kind != "annual", p.plan.start_year, p.plan.code)
    )
    consultations = list(consultation_open_list().select_related("plan").order_by("closes_at"))
    return PublicBoard(year, years, ordered, consultations)


def public_json(board: PublicBoard) -> dict[str, Any]:
    return {
        "year": board.year,
        "years": board.years,
        "plans": [
            {
                **figures.plan_json(p.plan),
                "judged": p.judged,
                "met_or_exceeded": p.met,
                "at_risk": p.at_risk,
                "targets": [line.as_json() for line in p.lines],
            }
            for p in board.plans
        ],
        "consultations": [
            {
                "slug": c.slug,
                "title": c.title,
                "opens_at": c.opens_at.isoformat(),
                "closes_at": c.closes_at.isoformat(),
            }
            for c in board.consultations
        ],
    }
