"""Pieces both dashboards share: the years that have something to show, and a target's row in
plain words (status, what is still needed), read off ``evaluation``'s results — never
re-evaluated here."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from kehoach.core.templatetags.kh import format_number
from kehoach.evaluation.rules import label
from kehoach.evaluation.services import TargetResult
from kehoach.evaluation.services.series import KINDS
from kehoach.plans.models import Plan, Target
from kehoach.values.models import Value

#: Which rows come first on the leaders' list: not met in the year, then multi-year targets at
#: risk, then those that need to speed up.
ATTENTION = ("not_met", "at_risk", "acceleration_needed")
#: Target types whose required rate is a growth rate in % a year.
RATE_TYPES = ("level", "average_growth")
SPARK_YEARS = 8
#: A multi-year target's outlook as people say it.
OUTLOOK_WORDS = {
    "on_track": gettext_lazy("đúng tiến độ"),
    "acceleration_needed": gettext_lazy("cần tăng tốc"),
    "at_risk": gettext_lazy("có nguy cơ không đạt"),
    "not_available": gettext_lazy("chưa đủ số liệu để dự báo"),
}


def value_years() -> set[int]:
    """Years with at least one value of record (actual, preliminary or estimate)."""
    return set(
        Value.objects.filter(kind__in=KINDS).order_by().values_list("year", flat=True).distinct()
    )


def plan_years(plans: Any) -> set[int]:
    """Every year some plan with targets covers."""
    years: set[int] = set()
    for start, end in (
        plans.filter(targets__isnull=False)
        .order_by()
        .values_list("start_year", "end_year")
        .distinct()
    ):
        years.update(range(start, end + 1))
    return years


def judged_years(plans: Any) -> set[int]:
    """Years in which some target of ``plans`` ends and its own unit has a value of record: the
    years whose evaluation says "đạt" or "không đạt" rather than "chưa có số liệu"."""
    values = Value.objects.filter(
        indicator_id=OuterRef("indicator_id"),
        unit_id=OuterRef("unit_id"),
        year=OuterRef("end_year"),
        kind__in=KINDS,
    )
    return set(
        Target.objects.filter(plan__in=plans)
        .filter(Exists(values))
        .order_by()
        .values_list("end_year", flat=True)
        .distinct()
    )


def choose_years(plans: Any) -> tuple[list[int], int]:
    """(years offered: those with a plan and values, newest first; the default: the latest year
    up to now in which targets can be judged, else the latest offered, else last year)."""
    this_year = timezone.localdate().year
    years = sorted((y for y in plan_years(plans) & value_years() if y <= this_year), reverse=True)
    judged = [y for y in judged_years(plans) if y <= this_year]
    default = max(judged) if judged else (years[0] if years else this_year - 1)
    if default not in years:
        years = sorted({*years, default}, reverse=True)
    return years, default


def attention_key(section: str, status: str, outlook: str) -> str:
    """``not_met``, ``at_risk``, ``acceleration_needed`` or "" (nothing to worry about)."""
    if section == "annual":
        return "not_met" if status == "not_met" else ""
    return outlook if outlook in ("at_risk", "acceleration_needed") else ""


def still_needed(result: TargetResult) -> str:
    """What the rest of the period needs, in words: "cần tăng 9,2%/năm trong 1 năm còn lại", or
    for a target judged in the year, how far it fell short."""
    target = result.target
    item = result.item
    progress = item["progress"]
    required = progress.get("required_rate")
    latest_year = progress.get("latest_year")
    unit = target.indicator.unit
    if required is not None and latest_year and target.end_year > latest_year:
        words = {"n": target.end_year - latest_year, "y": target.end_year}
        rate = Decimal(str(required))
        if target.target_type == "average_growth":
            return _("cần tăng bình quân %(r)s%%/năm trong %(n)s năm còn lại (đến %(y)s)") % {
                **words,
                "r": format_number(rate, 1),
            }
        if target.target_type == "level":
            text = (
                _("cần giảm %(r)s%%/năm trong %(n)s năm còn lại (đến %(y)s)")
                if rate < 0
                else _("cần tăng %(r)s%%/năm trong %(n)s năm còn lại (đến %(y)s)")
            )
            return text % {**words, "r": format_number(abs(rate), 1)}
        amount = f"{format_number(rate, target.indicator.decimals)} {unit}".strip()
        return _("cần đạt %(amount)s/năm trong %(n)s năm còn lại (đến %(y)s)") % {
            **words,
            "amount": amount,
        }
    if item["status"] == "not_met" and item["value"] is not None:
        gap = abs(Decimal(str(item["target"])) - Decimal(str(item["value"]))).normalize()
        return _("còn cách mục tiêu %(gap)s %(unit)s") % {
            "gap": format_number(gap),
            "unit": _("điểm %") if unit == "%" else unit,
        }
    return ""


def status_words(result: TargetResult, section: str, outlook: str) -> str:
    """The status as people say it: "Đạt", "Không đạt", "Có nguy cơ không đạt" … (in the
    language of the request)."""
    if section == "progress":
        return capfirst(str(OUTLOOK_WORDS.get(outlook, "")))
    lang = "en" if (get_language() or "vi").startswith("en") else "vi"
    return capfirst(label("status", result.item["status"], lang))


def sparkline(result: TargetResult, history: Any = None) -> list[dict[str, Any]]:
    """The last years of the indicator's series (year, value, kind): the years the status was
    computed on, and before them ``history`` (a ``UnitSeries`` over more years) where given."""
    observations = {
        **(history.observations if history is not None else {}),
        **result.series.observations,
    }
    years = sorted(observations)[-SPARK_YEARS:]
    return [
        {"year": y, "value": float(observations[y].value), "kind": observations[y].kind.value}
        for y in years
    ]


def comparable_target(result: TargetResult) -> float | None:
    """The target as a line over the yearly values, where that means something (a level, or an
    average growth drawn over the yearly growth rates)."""
    target = result.target
    if target.target_type == "level" or (
        target.target_type == "average_growth" and target.indicator.kind == "growth"
    ):
        return float(target.value)
    return None


def plan_json(plan: Plan) -> dict[str, Any]:
    return {
        "code": plan.code,
        "name": plan.name,
        "kind": plan.kind,
        "start_year": plan.start_year,
        "end_year": plan.end_year,
        "document": plan.document or None,
    }


def plan_short(plan: Plan) -> str:
    """A plan as a leader names it in a table: "KH năm 2024", "KH 5 năm 2021-2025", "Quy hoạch
    2021-2030" (the full name is beside it on screen)."""
    if plan.kind == "annual":
        return _("KH năm %(y)s") % {"y": plan.start_year}
    if plan.kind == "five_year":
        return _("KH 5 năm %(s)s-%(e)s") % {"s": plan.start_year, "e": plan.end_year}
    if plan.kind == "master":
        return _("Quy hoạch %(s)s-%(e)s") % {"s": plan.start_year, "e": plan.end_year}
    return _("Chương trình %(s)s-%(e)s") % {"s": plan.start_year, "e": plan.end_year}
