"""What the evaluation pages show: labels, the numbers behind a status, chart data."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kehoach.evaluation.models import JudgementOutlook, TargetJudgement
from kehoach.evaluation.rules import label
from kehoach.evaluation.services import PlanEvaluation, TargetResult
from kehoach.evaluation.services.judgements import judgement_disagrees, judgement_expected
from kehoach.evaluation.services.year import OUTLOOK
from kehoach.indicators.models import Group
from kehoach.plans.models import Comparator
from kehoach.values.models import ValueKind

#: Indicator kinds compared with the previous year in percentage points (evaluation.md §2).
POINT_KINDS = ("rate", "share", "growth")


def _lang() -> str:
    return "en" if (get_language() or "vi").startswith("en") else "vi"


def steps(result: TargetResult) -> list[dict[str, Any]]:
    """ "Why is this red?": every number that went into the status and the progress class."""
    if result.evaluation is None:
        return [{"label": _("Không đánh giá được"), "value": None, "year": None,
                 "text": result.error}]
    lang = _lang()
    return [
        {"label": label("step", s.key, lang), "value": _shown(s.value), "year": s.year, "text": ""}
        for s in result.evaluation.explanation
    ]


def _shown(value: Decimal | int | None) -> Decimal | None:
    """A step's number to 4 decimals at most, trailing zeros dropped (None: nothing to show)."""
    if value is None:
        return None
    number = Decimal(value)
    if not number.is_finite():
        return None
    return number.quantize(Decimal("0.0001")).normalize()


def _comparable(result: TargetResult) -> bool:
    """Whether the target can be drawn as a line over the yearly values."""
    target = result.target
    return target.target_type == "level" or (
        target.target_type == "average_growth" and target.indicator.kind == "growth"
    )


def chart(result: TargetResult, index: int) -> dict[str, Any]:
    years = sorted(result.series.observations)
    return {
        "id": f"chart-{index}",
        "labels": [str(y) for y in years],
        "values": [float(result.series.observations[y].value) for y in years],
        "target": float(result.target.value) if _comparable(result) else None,
        "target_year": result.target.end_year,
        "name": result.target.indicator.code,
    }


def row(result: TargetResult, index: int) -> dict[str, Any]:
    lang = _lang()
    item = result.item
    progress = item["progress"]
    return {
        "index": index,
        "result": result,
        "item": item,
        "comparator_label": Comparator(result.target.comparator).label,
        "status_label": label("status", item["status"], lang),
        "override_label": label("status", result.override.status, lang) if result.override else "",
        "progress_label": label("progress", progress["progress_class"], lang),
        "from_estimate": item["value_kind"] == "estimate",
        "change_unit": _("điểm %") if result.target.indicator.kind in POINT_KINDS else "%",
        "kind_label": ValueKind(item["value_kind"]).label if item["value_kind"] else "",
        "consolidated": "consolidated" in result.sources,
        "steps": steps(result),
        "sources": sorted(result.series.sources.items()),
    }


def grouped_rows(evaluation: PlanEvaluation, *, group: str = "", status: str = "",
                 not_met: bool = False) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(groups with their rows, chart data), filtered."""
    groups: dict[str, dict[str, Any]] = {}
    charts = []
    for index, result in enumerate(evaluation.results):
        g = result.target.indicator.group
        if (group and g != group) or (status and result.status != status) or (
            not_met and result.status != "not_met"
        ):
            continue
        entry = groups.setdefault(g, {"key": g, "label": Group(g).label, "rows": []})
        entry["rows"].append(row(result, index))
        charts.append(chart(result, index))
    return list(groups.values()), charts


def summary(counts: dict[str, Any]) -> str:
    if not counts["judged"] and counts.get("no_data"):  # due, but no figure to judge by yet
        return _("Chưa đánh giá được chỉ tiêu nào: các chỉ tiêu đến kỳ chưa có số liệu thực hiện")
    if not counts["judged"]:
        return _("Chưa có chỉ tiêu nào đến kỳ đánh giá trong năm này; xem cột Tiến độ để biết "
                 "các chỉ tiêu nhiều năm có khả năng đạt hay không")
    return _("%(x)s/%(y)s chỉ tiêu đạt và vượt kế hoạch; %(z)s chỉ tiêu không đạt") % {
        "x": counts["met_or_exceeded"], "y": counts["judged"], "z": counts["not_met"],
    }


OUTLOOK_LABELS = {
    "on_track": _("Đúng tiến độ"), "acceleration_needed": _("Cần tăng tốc"),
    "at_risk": _("Có nguy cơ không đạt"), "not_available": _("Chưa đủ số liệu để dự báo"),
}


def year_row(row: Any, judged: dict[int, TargetJudgement] | None = None) -> dict[str, Any]:
    """A row of the year's view: the plan row's fields plus the section, the outlook and the
    responsible unit's own judgement (``judged``: target id → current judgement)."""
    shown = _year_base(row)
    shown.update(section=row.section, outlook=row.outlook,
                 outlook_label=str(OUTLOOK_LABELS.get(row.outlook, "")),
                 responsible=row.responsible_unit, plan=row.target.plan,
                 judgement=judgement_shown((judged or {}).get(row.target.pk),
                                           section=row.section, outlook=row.outlook,
                                           status=row.status))
    return shown


def judgement_shown(judgement: TargetJudgement | None, *, section: str, outlook: str,
                    status: str) -> dict[str, Any] | None:
    """The unit's judgement as shown beside the computed class, and whether they disagree."""
    if judgement is None:
        return None
    expected = judgement_expected(section=section, outlook=outlook, status=status)
    return {"j": judgement, "label": judgement.get_outlook_display(),
            "disagrees": judgement_disagrees(judgement, expected),
            "expected_label": JudgementOutlook(expected).label if expected else ""}


def plan_judgements(groups: list[dict[str, Any]], judged: dict[int, TargetJudgement],
                    year: int) -> int:
    """Put the units' judgements on the plan evaluation's rows; returns how many disagree."""
    disagreements = 0
    for group in groups:
        for r in group["rows"]:
            target = r["result"].target
            if r["result"].applied or target.pk not in judged or year > target.end_year:
                continue
            section = "annual" if target.end_year == year else "progress"
            outlook = OUTLOOK.get(r["item"]["progress"]["progress_class"], "")
            r["judgement"] = judgement_shown(judged[target.pk], section=section,
                                             outlook=outlook, status=r["item"]["status"])
            disagreements += bool(r["judgement"] and r["judgement"]["disagrees"])
    return disagreements


def _year_base(row: Any) -> dict[str, Any]:
    lang = _lang()
    item = row.result.item
    return {"result": row.result, "item": item,
            "comparator_label": Comparator(row.target.comparator).label,
            "status_label": label("status", item["status"], lang),
            "progress_label": label("progress", item["progress"]["progress_class"], lang),
            "kind_label": ValueKind(item["value_kind"]).label if item["value_kind"] else "",
            "from_estimate": item["value_kind"] == "estimate"}


def responsible_units(evaluation: Any) -> list[Any]:
    """The units that answer for a target of the year's view, by name (for the filter)."""
    units = {r.responsible_unit.pk: r.responsible_unit for r in evaluation.rows
             if r.responsible_unit is not None}
    return sorted(units.values(), key=lambda u: u.name)
