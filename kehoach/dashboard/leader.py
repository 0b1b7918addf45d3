"""The leaders' dashboard: "which targets are we missing?" and the state of the year.

Everything is read through the domain apps' selectors: the year judged against its plans
(``evaluation.services.year_evaluate``), the rounds' completeness (reporting), overdue tasks
(tasks) and the year's capital disbursement by funding source (projects). Nothing is evaluated
again here; this module only chooses, orders and words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.models import AnyUser
from kehoach.dashboard import figures
from kehoach.dashboard.communes import UnknownIndicator, commune_ranking
from kehoach.dashboard.judgements import judgements_json, unit_judgements
from kehoach.evaluation.services import year_evaluate
from kehoach.evaluation.services.evaluation import count_statuses
from kehoach.evaluation.services.series import load_series
from kehoach.evaluation.services.year import OUTLOOKS, YearEvaluation, YearRow
from kehoach.plans.models import Plan
from kehoach.plans.selectors import plan_list_for_user
from kehoach.projects import selectors as projects
from kehoach.projects.models import CapitalPlan
from kehoach.reporting.models import Round, RoundStatus
from kehoach.reporting.selectors import round_completeness, round_list_for_user
from kehoach.tasks.selectors import task_list

TREND_LIMIT = 6
#: Comparators of a ceiling: the value's share of the target is not shown on the page.
LOWER_IS_BETTER = ("below", "at_most")
TASK_LIMIT = 10
ROUND_LIMIT = 4


class DashboardError(ValueError):
    """A choice the dashboard cannot show (a plan that does not cover the year, an indicator
    with no commune values); ``field`` names the chooser at fault."""

    def __init__(self, message: str, field: str = "plan") -> None:
        super().__init__(message)
        self.field = field


@dataclass
class Line:
    """One target on the dashboard: the evaluation's row and what a leader reads of it."""

    row: YearRow
    attention: str
    words: str
    need: str
    spark: list[dict[str, Any]]
    target_line: float | None

    @property
    def result(self) -> Any:
        return self.row.result

    @property
    def plan_short(self) -> str:
        return figures.plan_short(self.row.target.plan)

    @property
    def percent_shown(self) -> Any:
        """The value as a share of the target, but not where the target is to be reached by
        going down: a ceiling ("dưới 3%": 70% reads as a shortfall beside "Vượt") or a level the
        rest of the period must bring down to "khoảng …" (a share of 29% for "khoảng 20%" is not
        "145% of plan")."""
        item = self.row.result.item
        required = (item.get("progress") or {}).get("required_rate")
        target = self.row.target
        if target.comparator in LOWER_IS_BETTER or (
            target.comparator == "about" and self.row.section == "progress"
            and required is not None and required < 0
        ):
            return None
        return item.get("percent_of_target")

    def as_json(self) -> dict[str, Any]:
        target = self.row.target
        return {
            **self.row.as_json(),
            "target_id": target.pk,
            "plan_name": target.plan.name,
            "indicator_unit": target.indicator.unit,
            "attention": self.attention or None,
            "status_words": self.words,
            "still_needed": self.need or None,
            "series": self.spark,
            "target_line": self.target_line,
        }


@dataclass
class Board:
    year: int
    years: list[int]
    plan: Plan | None
    plans: list[Plan]
    evaluation: YearEvaluation
    lines: list[Line] = field(default_factory=list)
    counts: dict[str, Any] = field(default_factory=dict)
    outlook: dict[str, int] = field(default_factory=dict)
    units: list[dict[str, Any]] = field(default_factory=list)
    rounds: list[dict[str, Any]] = field(default_factory=list)
    tasks: dict[str, Any] = field(default_factory=dict)
    capital: dict[str, Any] = field(default_factory=dict)
    communes: dict[str, Any] = field(default_factory=dict)
    judgements: dict[str, Any] = field(default_factory=dict)

    @property
    def attention(self) -> list[Line]:
        order = {key: i for i, key in enumerate(figures.ATTENTION)}
        found = [line for line in self.lines if line.attention]
        return sorted(found, key=lambda line: order[line.attention])

    @property
    def attention_groups(self) -> list[dict[str, Any]]:
        """The attention list in its three parts, each with its heading."""
        titles = {
            "not_met": _("Không đạt kế hoạch năm %(y)s") % {"y": self.year},
            "at_risk": _("Chỉ tiêu nhiều năm có nguy cơ không đạt"),
            "acceleration_needed": _("Chỉ tiêu nhiều năm cần tăng tốc"),
        }
        lines = self.attention
        return [
            {"key": key, "title": titles[key], "lines": found}
            for key in figures.ATTENTION
            if (found := [line for line in lines if line.attention == key])
        ]

    @property
    def cards(self) -> list[Line]:
        """The targets judged in the year (or, for a multi-year plan chosen alone, its targets)."""
        annual = [line for line in self.lines if line.row.section == "annual"]
        return annual or self.lines

    @property
    def trends(self) -> list[Line]:
        shown = [line for line in self.attention if line.spark][:TREND_LIMIT]
        return shown or [line for line in self.cards if line.spark][:TREND_LIMIT]


def _line(row: YearRow, history: dict[tuple[int, int], Any]) -> Line:
    past = history.get((row.target.indicator_id, row.result.unit.pk))
    return Line(
        row,
        figures.attention_key(row.section, row.status, row.outlook),
        figures.status_words(row.result, row.section, row.outlook),
        figures.still_needed(row.result),
        figures.sparkline(row.result, past),
        figures.comparable_target(row.result),
    )


def _history(rows: list[YearRow], year: int) -> dict[tuple[int, int], Any]:
    """The rows' series over the last ``SPARK_YEARS`` years (an annual plan's own series starts
    the year before it): the evaluation's own loader, one read for every row."""
    pairs = {(r.target.indicator_id, r.result.unit.pk) for r in rows}
    return load_series(pairs=pairs, first_year=year - figures.SPARK_YEARS + 1, last_year=year)


def _counts(lines: list[Line]) -> tuple[dict[str, Any], dict[str, int]]:
    annual = count_statuses(
        [
            (line.row.target.indicator.group, line.row.status)
            for line in lines
            if line.row.section == "annual"
        ]
    )
    outlook = dict.fromkeys(OUTLOOKS, 0)
    for line in lines:
        if line.row.section == "progress":
            outlook[line.row.outlook] += 1
    outlook["total"] = sum(outlook.values())
    return annual, outlook


def _units(lines: list[Line]) -> list[dict[str, Any]]:
    """Per responsible unit: its targets, how many met, not met, at risk; the worst first."""
    units: dict[Any, dict[str, Any]] = {}
    for line in lines:
        unit = line.row.responsible_unit
        entry = units.setdefault(
            unit.pk if unit else None,
            {
                "unit": unit,
                "code": unit.code if unit else None,
                "name": unit.name if unit else _("Chưa giao đơn vị"),
                "targets": 0,
                "met": 0,
                "not_met": 0,
                "at_risk": 0,
                "acceleration_needed": 0,
                "no_data": 0,
            },
        )
        entry["targets"] += 1
        status = line.row.status if line.row.section == "annual" else ""
        if status in ("met", "exceeded") or line.row.outlook == "on_track":
            entry["met"] += 1
        if line.attention:
            entry[line.attention] += 1
        if status == "no_data" or line.row.outlook == "not_available":
            entry["no_data"] += 1
    return sorted(
        units.values(),
        key=lambda e: (-e["not_met"], -e["at_risk"], -e["acceleration_needed"], e["name"]),
    )


def _rounds(user: AnyUser, year: int, today: dt.date) -> list[dict[str, Any]]:
    """The open rounds and those about the year, newest first, with their completeness."""
    rounds: list[Round] = list(
        round_list_for_user(user=user)
        .exclude(status=RoundStatus.DRAFT)
        .filter(base_year__gte=year - 1)
        .order_by("-status", "-base_year", "-pk")[:ROUND_LIMIT]
    )
    shown = []
    for round in rounds:
        done = round_completeness(round=round, on=today)
        accepted = done["by_status"].get("accepted", 0)
        shown.append(
            {
                "round": round,
                "code": round.code,
                "title": round.title,
                "status": round.status,
                "status_label": round.get_status_display(),
                "total": done["total"],
                "accepted": accepted,
                "submitted": done["by_status"].get("submitted", 0),
                "late": done["late"],
                "on_time_rate": done["on_time_rate"],
                "accepted_percent": figures_percent(accepted, done["total"]),
            }
        )
    return shown


def figures_percent(part: int, whole: int) -> Decimal | None:
    return (Decimal(100) * part / whole).quantize(Decimal("0.1")) if whole else None


def _tasks(user: AnyUser, today: dt.date, plan: Plan | None) -> dict[str, Any]:
    overdue = task_list(user=user, overdue=True, today=today, plan=plan)
    late = overdue.order_by("due_date", "plan__code", "position")[:TASK_LIMIT]
    return {
        "count": overdue.count(),
        "late": [
            {"task": task, "days_late": (today - task.due_date).days if task.due_date else None}
            for task in late
        ],
    }


def _capital(user: AnyUser, year: int, plan: Plan | None) -> dict[str, Any]:
    """Disbursement by funding source against the year's capital plan; the latest earlier year
    with a capital plan when the dashboard's year has none."""
    capital_year = year
    if not CapitalPlan.objects.filter(year=year).exists():
        capital_year = projects.default_year()
    rows = list(
        projects.project_list(
            user=user, year=capital_year, plan=plan if plan and plan.projects.exists() else None
        )
    )
    totals = projects.project_totals(projects=rows, year=capital_year)
    return {
        "year": capital_year,
        "all": totals.all,
        "sources": [t for t in totals.by_source if t.capital_plan or t.disbursed],
    }


def _plans(user: AnyUser, evaluation: YearEvaluation, code: str) -> Plan | None:
    if not code:
        return None
    for plan in evaluation.annual_plans + evaluation.multi_year_plans:
        if plan.code == code:
            return plan
    if plan_list_for_user(user=user).filter(code=code).exists():
        raise DashboardError(
            _(
                "Kế hoạch %(code)s không có chỉ tiêu cho năm %(year)s: chọn một "
                "kế hoạch trong danh sách."
            )
            % {"code": code, "year": evaluation.year}
        )
    raise DashboardError(_("Không có kế hoạch mã %(code)s.") % {"code": code})


def _communes(board: Board, indicator: str) -> dict[str, Any]:
    plans = [board.plan] if board.plan else board.plans
    roots = {p.unit_id: p.unit for p in plans}.values()
    try:
        return commune_ranking(
            year=board.year,
            roots=roots,
            indicator=indicator,
            preferred=[line.row.target.indicator_id for line in board.attention],
        )
    except UnknownIndicator as exc:
        raise DashboardError(str(exc), field="indicator") from exc


def leader_dashboard(
    *,
    user: AnyUser,
    year: int | None = None,
    plan: str = "",
    indicator: str = "",
    today: dt.date | None = None,
) -> Board:
    """Everything the leaders' dashboard shows for ``year`` (default: the latest year with a plan
    and values), optionally one plan of that year."""
    today = today or timezone.localdate()
    years, default = figures.choose_years(plan_list_for_user(user=user))
    year = year or default
    evaluation = year_evaluate(year=year, user=user)
    chosen = _plans(user, evaluation, plan)
    rows = [r for r in evaluation.rows if chosen is None or r.target.plan_id == chosen.pk]
    board = Board(
        year, years, chosen, evaluation.annual_plans + evaluation.multi_year_plans, evaluation
    )
    history = _history(rows, year)
    board.lines = [_line(r, history) for r in rows]
    board.counts, board.outlook = _counts(board.lines)
    board.units = _units(board.lines)
    board.judgements = unit_judgements(board.lines, year)
    board.communes = _communes(board, indicator)
    board.rounds = _rounds(user, year, today)
    board.tasks = _tasks(user, today, chosen)
    board.capital = _capital(user, year, chosen)
    return board


def summary(board: Board) -> str:
    """One sentence: "Năm 2024: 21/26 chỉ tiêu đạt và vượt kế hoạch; 5 không đạt; 3 có nguy cơ …"."""
    counts, outlook = board.counts, board.outlook
    parts = []
    if counts["judged"]:
        parts.append(
            _("%(x)s/%(n)s chỉ tiêu đạt và vượt kế hoạch, %(z)s chỉ tiêu không đạt")
            % {"x": counts["met_or_exceeded"], "n": counts["judged"], "z": counts["not_met"]}
        )
    if counts["no_data"]:
        parts.append(_("%(n)s chỉ tiêu chưa có số liệu") % {"n": counts["no_data"]})
    if outlook["total"]:
        parts.append(
            _(
                "chỉ tiêu nhiều năm: %(a)s có nguy cơ không đạt, %(b)s cần tăng tốc, "
                "%(c)s đúng tiến độ"
            )
            % {
                "a": outlook["at_risk"],
                "b": outlook["acceleration_needed"],
                "c": outlook["on_track"],
            }
        )
    if not parts:
        return _("Năm %(y)s chưa có chỉ tiêu nào để đánh giá.") % {"y": board.year}
    return _("Năm %(y)s: ") % {"y": board.year} + "; ".join(parts) + "."


def _plain(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def _communes_json(communes: dict[str, Any]) -> dict[str, Any]:
    chosen = communes["indicator"]
    return {
        "level": communes["level"],
        "indicator": chosen.code if chosen else None,
        "indicators": [
            {k: o[k] for k in ("code", "name", "communes")} for o in communes["offered"]
        ],
        "rows": [
            {
                "rank": r["rank"],
                "unit": r["code"],
                "name": r["name"],
                "value": _plain(r["value"]),
                "kind": r["kind"],
                "quarter": r["quarter"],
            }
            for r in communes["rows"]
        ],
    }


def _task_json(task: Any, days_late: int | None) -> dict[str, Any]:
    return {
        "id": task.pk,
        "plan": task.plan.code,
        "number": task.number,
        "text": task.text,
        "lead_unit": task.lead_unit.code,
        "lead_unit_name": task.lead_unit.name,
        "due_date": task.due_date.isoformat() if task.due_date else None,
        "deadline_text": task.deadline_text,
        "days_late": days_late,
        "status": task.status,
    }


def board_json(board: Board) -> dict[str, Any]:
    """The dashboard's data for programs (``/api/v1/dashboard/``, ``kehoach dashboard``)."""
    capital = board.capital
    return {
        "year": board.year,
        "years": board.years,
        "plan": board.plan.code if board.plan else None,
        "plans": [figures.plan_json(p) for p in board.plans],
        "summary": summary(board),
        "counts": board.counts,
        "outlook_counts": board.outlook,
        "attention": [line.as_json() for line in board.attention],
        "targets": [line.as_json() for line in board.cards],
        "units": [{k: v for k, v in u.items() if k != "unit"} for u in board.units],
        "rounds": [
            {k: (_plain(v) if isinstance(v, Decimal) else v) for k, v in r.items() if k != "round"}
            for r in board.rounds
        ],
        "communes": _communes_json(board.communes),
        "judgements": judgements_json(board.judgements),
        "overdue_tasks": {
            "count": board.tasks["count"],
            "items": [_task_json(late["task"], late["days_late"]) for late in board.tasks["late"]],
        },
        "capital": {
            "year": capital["year"],
            "sources": [
                {
                    "source": t.key,
                    "label": t.label,
                    "projects": t.count,
                    "capital_plan": _plain(t.capital_plan),
                    "disbursed": _plain(t.disbursed),
                    "rate": _plain(t.rate),
                }
                for t in capital["sources"]
            ],
            "capital_plan": _plain(capital["all"].capital_plan),
            "disbursed": _plain(capital["all"].disbursed),
            "rate": _plain(capital["all"].rate),
        },
    }


def chart_data(board: Board) -> dict[str, Any]:
    """What the page's script draws: the trend charts (series and target line), the cards'
    sparklines and the disbursement bars (plan and disbursed by funding source)."""

    def series(prefix: str, line: Line) -> dict[str, Any]:
        target = line.row.target
        return {
            "id": f"{prefix}-{target.pk}",
            "labels": [str(p["year"]) for p in line.spark],
            "values": [p["value"] for p in line.spark],
            "target": line.target_line,
            "unit": target.indicator.unit,
            "name": target.indicator.name_vi,
            "target_year": target.end_year,
        }

    capital = board.capital
    return {
        "trends": [series("trend", line) for line in board.trends],
        "sparks": [series("spark", line) for line in board.cards if line.spark],
        "capital": {
            "labels": [t.label for t in capital["sources"]],
            "plan": [_plain(t.capital_plan) for t in capital["sources"]],
            "disbursed": [_plain(t.disbursed) for t in capital["sources"]],
            "plan_label": _("Kế hoạch vốn năm %(y)s") % {"y": capital["year"]},
            "disbursed_label": _("Đã giải ngân"),
        },
        "target_label": _("Mục tiêu"),
        "value_label": _("Thực hiện"),
    }
