"""The year judged against its plan: ``year_evaluate``.

Evaluating year N means (issue 9, domain.md §2):

- the **annual plans** of year N: every target's status, "X/Y chỉ tiêu đạt và vượt kế hoạch",
  the targets not met, each with the unit that answers for it;
- in the same view, the **five-year and master plans** that cover N: the progress of each of
  their targets (on track / needs acceleration / at risk) and the rate the remaining years need;
  a multi-year target whose period ends in N is judged like an annual one (and counted apart).

"Chưa đến kỳ" is said only of a target whose period has not ended. This is the selector the
leaders' dashboard reads (``year_evaluate`` and ``YearEvaluation.as_json``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from kehoach.core.models import AnyUser
from kehoach.evaluation.services.evaluation import TargetResult, count_statuses, plan_evaluate
from kehoach.plans.models import Plan, PlanKind
from kehoach.plans.selectors import plan_list_for_user
from kehoach.units.models import Succession, Unit

#: Progress classes (evaluation.md §4) → what a leader reads.
OUTLOOK = {
    "target_achieved": "on_track", "on_track": "on_track",
    "acceleration_needed": "acceleration_needed",
    "limited_progress": "at_risk", "deterioration": "at_risk",
    "not_available": "not_available",
}
OUTLOOKS = ("on_track", "acceleration_needed", "at_risk", "not_available")
MULTI_YEAR_KINDS = (PlanKind.FIVE_YEAR, PlanKind.MASTER)


@dataclass
class YearRow:
    """One target in the year's view: its result, which part it belongs to and, for a
    multi-year target still running, its outlook."""

    result: TargetResult
    section: str  # "annual" (judged in the year) or "progress" (a multi-year target still running)
    outlook: str = ""

    @property
    def target(self) -> Any:
        return self.result.target

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def responsible_unit(self) -> Unit | None:
        return self.result.target.responsible_unit

    def as_json(self) -> dict[str, Any]:
        unit = self.responsible_unit
        return {**self.result.item, "section": self.section, "outlook": self.outlook or None,
                "indicator_name": self.target.indicator.name_vi,
                "group": self.target.indicator.group,
                "responsible_unit_name": unit.name if unit else None}


@dataclass
class YearEvaluation:
    year: int
    unit: Unit | None
    annual_plans: list[Plan]
    multi_year_plans: list[Plan]
    rows: list[YearRow] = field(default_factory=list)

    @property
    def annual(self) -> list[YearRow]:
        return [r for r in self.rows if r.section == "annual"]

    @property
    def progress(self) -> list[YearRow]:
        return [r for r in self.rows if r.section == "progress"]

    @property
    def counts(self) -> dict[str, Any]:
        """Counts of the annual plans' targets ("X/Y đạt và vượt")."""
        return count_statuses([(r.target.indicator.group, r.status) for r in self.annual
                               if r.target.plan.kind == PlanKind.ANNUAL])

    @property
    def due_counts(self) -> dict[str, Any]:
        """Counts of the multi-year targets whose period ended in the year or before."""
        return count_statuses([(r.target.indicator.group, r.status) for r in self.annual
                               if r.target.plan.kind != PlanKind.ANNUAL])

    @property
    def outlook_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(OUTLOOKS, 0)
        for row in self.progress:
            counts[row.outlook] += 1
        counts["total"] = len(self.progress)
        return counts

    def summary(self) -> str:
        return year_summary(self)

    def as_json(self, rows: list[YearRow] | None = None) -> dict[str, Any]:
        shown = self.rows if rows is None else rows
        return {
            "year": self.year, "unit": self.unit.code if self.unit else None,
            "annual_plans": [p.code for p in self.annual_plans],
            "multi_year_plans": [p.code for p in self.multi_year_plans],
            "summary": self.summary(), "counts": self.counts, "due_counts": self.due_counts,
            "outlook_counts": self.outlook_counts,
            "items": [r.as_json() for r in shown],
        }


def _unit_ids(unit: Unit) -> set[int]:
    """The unit and the units that merged into it (Bắc Kạn for Thái Nguyên), two levels up."""
    ids = {unit.pk}
    frontier = {unit.pk}
    for _level in range(2):
        frontier = set(Succession.objects.filter(successor_id__in=frontier)
                       .values_list("predecessor_id", flat=True)) - ids
        ids |= frontier
    return ids


def year_plans(*, year: int, user: AnyUser | None, unit: Unit | None = None) -> tuple[list[Plan], list[Plan]]:
    """(annual plans of ``year``, five-year and master plans covering it) the user may see;
    with ``unit``, only the plans of that unit or of the units merged into it."""
    plans = Plan.objects.select_related("unit") if user is None else plan_list_for_user(user=user)
    plans = plans.filter(start_year__lte=year, end_year__gte=year)
    if unit is not None:
        plans = plans.filter(unit_id__in=_unit_ids(unit))
    plans = plans.filter(targets__isnull=False).distinct().order_by("start_year", "code")
    return ([p for p in plans if p.kind == PlanKind.ANNUAL],
            [p for p in plans if p.kind in MULTI_YEAR_KINDS])


def year_evaluate(*, year: int, user: AnyUser | None, unit: Unit | None = None) -> YearEvaluation:
    """Year ``year`` judged against its annual plans, with the multi-year plans' progress."""
    annual, multi = year_plans(year=year, user=user, unit=unit)
    evaluation = YearEvaluation(year, unit, annual, multi)
    for plan in annual:
        for result in plan_evaluate(plan=plan, year=year, user=user).results:
            evaluation.rows.append(YearRow(result, "annual"))
    for plan in multi:
        for result in plan_evaluate(plan=plan, year=year, user=user).results:
            if result.target.end_year == year:  # due this year: judged like an annual target
                evaluation.rows.append(YearRow(result, "annual"))
            elif year < result.target.end_year:  # still running: its progress
                outlook = OUTLOOK.get(result.item["progress"]["progress_class"], "not_available")
                evaluation.rows.append(YearRow(result, "progress", outlook))
    return evaluation


def year_rows_filtered(evaluation: YearEvaluation, *, not_met: bool = False,
                       at_risk: bool = False, responsible: str = "",
                       group: str = "") -> list[YearRow]:
    """The rows a leader asked for: not met, at risk, given to a unit (code), in a group."""
    rows = evaluation.rows
    if not_met or at_risk:
        rows = [r for r in rows if (not_met and r.section == "annual" and r.status == "not_met")
                or (at_risk and r.section == "progress" and r.outlook == "at_risk")]
    if responsible:
        rows = [r for r in rows if r.responsible_unit and r.responsible_unit.code == responsible]
    if group:
        rows = [r for r in rows if r.target.indicator.group == group]
    return rows


def year_summary(evaluation: YearEvaluation) -> str:
    """"Năm 2024: 21/26 chỉ tiêu đạt và vượt kế hoạch; 5 chỉ tiêu không đạt …" — never
    "chưa đến kỳ" as the whole answer."""
    counts = evaluation.counts
    parts = []
    if not evaluation.annual_plans:
        parts.append(_("Chưa có kế hoạch năm %(y)s để đánh giá") % {"y": evaluation.year})
    elif counts["judged"]:
        parts.append(_("Kế hoạch năm %(y)s: %(x)s/%(n)s chỉ tiêu đạt và vượt kế hoạch; %(z)s chỉ "
                       "tiêu không đạt") % {"y": evaluation.year, "x": counts["met_or_exceeded"],
                                            "n": counts["judged"], "z": counts["not_met"]})
    elif counts["not_due"]:
        parts.append(_("Kế hoạch năm %(y)s đang thực hiện: %(n)s chỉ tiêu chưa đến kỳ đánh giá")
                     % {"y": evaluation.year, "n": counts["not_due"]})
    awaiting = sum(1 for r in evaluation.annual if r.target.plan.kind == PlanKind.ANNUAL
                   and r.result.item.get("judged_by") and r.status == "no_data")
    if counts.get("no_data", 0) - awaiting:
        parts.append(_("%(n)s chỉ tiêu chưa có số liệu") % {"n": counts["no_data"] - awaiting})
    if awaiting:
        parts.append(_("%(n)s chỉ tiêu định tính chờ cơ quan kế hoạch đánh giá") % {"n": awaiting})
    due = evaluation.due_counts
    if due["judged"]:
        parts.append(_("chỉ tiêu 5 năm và quy hoạch kết thúc năm %(y)s: %(x)s/%(n)s đạt và vượt, "
                       "%(z)s không đạt, %(d)s chưa có số liệu") % {
            "y": evaluation.year, "x": due["met_or_exceeded"], "n": due["judged"],
            "z": due["not_met"], "d": due["no_data"]})
    elif due["no_data"]:
        parts.append(_("%(d)s chỉ tiêu 5 năm và quy hoạch kết thúc năm %(y)s chưa có số liệu")
                     % {"d": due["no_data"], "y": evaluation.year})
    outlook = evaluation.outlook_counts
    if outlook["total"]:
        parts.append(_("chỉ tiêu 5 năm và quy hoạch đang thực hiện: %(a)s đúng tiến độ, %(b)s cần tăng tốc, "
                       "%(c)s có nguy cơ không đạt") % {
            "a": outlook["on_track"], "b": outlook["acceleration_needed"], "c": outlook["at_risk"]})
    return "; ".join(parts) + "."
