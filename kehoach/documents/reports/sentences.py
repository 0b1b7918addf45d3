"""Sentences about targets, written the way a planning office writes its reports:

    Tốc độ tăng trưởng GRDP ước đạt 7,4% (kế hoạch trên 7,5%), không đạt kế hoạch.
    … bình quân giai đoạn 2021-2024 đạt 5,86%/năm, để đạt mục tiêu cần tăng bình quân
    8,6%/năm trong giai đoạn 2025-2030.

Numbers in Vietnamese (``7,4``, ``42.000``). Statuses are the computed ones; an adjustment by the
planning office is stated beside it.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from kehoach.core.periods import period_label
from kehoach.documents.decree30 import vn_number
from kehoach.evaluation.rules import change_vs_previous, label
from kehoach.evaluation.services import TargetResult
from kehoach.plans.wording import target_wording

POINT_KINDS = ("rate", "share", "growth")
JUDGED = ("exceeded", "met", "not_met")


def rounded(value: Any, places: int) -> Decimal | None:
    """Half up to ``places``, trailing zeros dropped; None for None or a non-finite number."""
    if value is None:
        return None
    number = Decimal(str(value))
    return round_finite(number, places) if number.is_finite() else None


def round_finite(number: Decimal, places: int) -> Decimal:
    """``rounded`` of a number known to be finite."""
    number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP).normalize()
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number


def amount(value: Any, unit: str) -> str:
    """``7,4%`` (no space before %), ``42.000 tỷ đồng``."""
    text = vn_number(value)
    unit = (unit or "").strip()
    if not unit:
        return text
    return f"{text}{unit}" if unit.startswith("%") else f"{text} {unit}"


def change_amount(value: Any, unit: str) -> str:
    """A change of a rate is in points: ``2 điểm %``; others keep their unit."""
    return f"{vn_number(value)} {_('điểm %')}" if (unit or "").strip() == "%" else amount(value, unit)


def verb(kind: str | None) -> str:
    return {"estimate": _("ước đạt"), "preliminary": _("sơ bộ đạt")}.get(kind or "", _("đạt"))


def status_phrase(status: str) -> str:
    return {
        "exceeded": _("vượt kế hoạch"), "met": _("đạt kế hoạch"),
        "not_met": _("không đạt kế hoạch"), "not_due": _("chưa đến kỳ đánh giá"),
        "no_data": _("chưa có số liệu"),
    }[status]


def plan_text(target: Any, year: int | None = None) -> str:
    """The target as written, with its period when the wording does not say it."""
    wording = target_wording(target)
    if target.target_type in ("average_growth", "annual_change") and "giai đoạn" not in wording:
        return f"{wording} {period_label(target.period)}"
    if target.start_year == target.end_year and target.end_year != year \
            and str(target.end_year) not in wording:
        return _("đến năm %(y)s %(t)s") % {"y": target.end_year, "t": wording}
    return wording


def subject(result: TargetResult, owner: Any = None) -> str:
    """The indicator's name, with the unit's when the target is another unit's than the
    report's (``owner``)."""
    name = result.target.indicator.name_vi
    if owner is not None and result.unit.pk != owner.pk:
        return f"{name} ({result.unit.name})"
    return name


def yearly(result: TargetResult, year: int) -> tuple[Decimal | None, str | None]:
    """The indicator's value of one year (the unit's own, else consolidated) and its kind."""
    observation = result.series.observations.get(year)
    if observation is None:
        return None, None
    return observation.value, str(observation.kind)


def change(result: TargetResult, year: int) -> Decimal | None:
    """Against the previous year: a ratio × 100 for levels and flows, points for rates and
    shares; none for growth rates (a growth rate is already a change)."""
    kind = result.target.indicator.kind
    current, _k = yearly(result, year)
    previous, _p = yearly(result, year - 1)
    if current is None or previous is None or kind == "growth":
        return None
    return change_vs_previous(kind, current, previous)


def _change_phrase(result: TargetResult, year: int) -> str:
    value = change(result, year)
    if value is None:
        return ""
    indicator = result.target.indicator
    points = indicator.kind in POINT_KINDS
    delta = round_finite(Decimal(value if points else value - 100), 2 if points else 1)
    if delta == 0:
        return _("bằng năm %(y)s") % {"y": year - 1}
    size = f"{vn_number(abs(delta))} {_('điểm %')}" if points else f"{vn_number(abs(delta))}%"
    text = _("tăng %(d)s so với năm %(y)s") if delta > 0 else _("giảm %(d)s so với năm %(y)s")
    return text % {"d": size, "y": year - 1}


def _item_value(result: TargetResult) -> Decimal | None:
    value = result.item["value"]
    return None if value is None else rounded(value, max(result.target.indicator.decimals, 2))


def to_date(result: TargetResult) -> str:
    """A multi-year value: ``bình quân giai đoạn 2021-2024 đạt 5,86%/năm``."""
    target, item = result.target, result.item
    value, unit = _item_value(result), target.indicator.unit
    if value is None:
        return ""
    period = period_label(item["value_period"])
    kind_verb = verb(item["value_kind"])
    if target.target_type == "cumulative":
        return _("lũy kế %(p)s %(v)s %(a)s") % {"p": period, "v": kind_verb, "a": amount(value, unit)}
    if target.target_type == "annual_change":
        falling = (target.indicator.direction == "down") == (value >= 0)
        text = _("bình quân %(p)s giảm %(a)s/năm") if falling else _("bình quân %(p)s tăng %(a)s/năm")
        return text % {"p": period, "a": change_amount(abs(value), unit)}
    per_year = "" if unit.endswith("/năm") else "/năm"
    return _("bình quân %(p)s %(v)s %(a)s%(y)s") % {
        "p": period, "v": kind_verb, "a": amount(value, unit), "y": per_year}


def _is_multi_year(result: TargetResult) -> bool:
    period = result.item["value_period"] or ""
    return "-" in period and result.item["value"] is not None


def _required(result: TargetResult) -> str:
    target = result.target
    rate = rounded(result.item["progress"]["required_rate"], 2)
    if rate is None:
        return ""
    unit = target.indicator.unit
    if target.target_type == "cumulative":
        return _("đạt bình quân %(a)s/năm") % {"a": amount(rate, unit)}
    if target.target_type == "annual_change":
        falling = (target.indicator.direction == "down") == (rate >= 0)
        text = _("giảm bình quân %(a)s/năm") if falling else _("tăng bình quân %(a)s/năm")
        return text % {"a": change_amount(abs(rate), unit)}
    progress = result.item["progress"]
    if target.target_type == "level" and target.indicator.kind in POINT_KINDS \
            and progress["latest_value"] is not None:
        years = target.end_year - (progress["latest_year"] or target.end_year)
        if years > 0:  # a rate or share: the points a year still needed
            points = round_finite(
                (Decimal(str(target.value)) - Decimal(str(progress["latest_value"]))) / years, 2)
            text = _("tăng thêm %(a)s/năm") if points >= 0 else _("giảm thêm %(a)s/năm")
            return text % {"a": change_amount(abs(points), unit)}
    text = _("tăng bình quân %(r)s%%/năm") if rate >= 0 else _("giảm bình quân %(r)s%%/năm")
    return text % {"r": vn_number(abs(rate))}


def _remaining(result: TargetResult, year: int) -> str:
    latest = result.item["progress"]["latest_year"] or year
    start, end = latest + 1, result.target.end_year
    if start >= end:
        return _("trong năm %(y)s") % {"y": end}
    return _("trong giai đoạn %(a)s-%(b)s") % {"a": start, "b": end}


def progress_phrase(result: TargetResult, year: int) -> str:
    """For a target whose period has not ended: on track, or what is still needed."""
    klass = result.item["progress"]["progress_class"]
    if result.target.end_year <= year or klass == "not_available":
        return ""
    if klass == "target_achieved":
        return _("đã đạt mục tiêu của kế hoạch")
    if klass == "on_track":
        return _("đúng tiến độ để đạt mục tiêu")
    need = _required(result)
    text = label("progress", klass)
    if not need:
        return text
    return _("%(c)s, để đạt mục tiêu cần %(n)s %(w)s") % {
        "c": text, "n": need, "w": _remaining(result, year)}


def _opening(result: TargetResult, year: int, name: str) -> str:
    """What was achieved: ``GRDP ước đạt 41.850 tỷ đồng, bằng 99,6% kế hoạch (kế hoạch …)``."""
    target, item = result.target, result.item
    indicator = target.indicator
    plan = _("kế hoạch %(t)s") % {"t": plan_text(target, year)}
    if _is_multi_year(result):
        current, kind = yearly(result, year)
        head = name
        if current is not None:
            head = _("%(n)s năm %(y)s %(v)s %(a)s") % {
                "n": head, "y": year, "v": verb(kind),
                "a": amount(rounded(current, max(indicator.decimals, 2)), indicator.unit)}
        text = f"{head}; {to_date(result)}"
        if target.target_type == "cumulative" and item["percent_of_target"] is not None:
            text += _(", bằng %(p)s%% kế hoạch") % {"p": vn_number(rounded(item["percent_of_target"], 1))}
        return f"{text} ({plan})"
    value = _item_value(result)
    if value is None:
        return _("%(n)s: chưa có số liệu năm %(y)s (%(k)s)") % {"n": name, "y": year, "k": plan}
    when = "" if item["value_period"] == str(year) else " " + period_label(item["value_period"])
    text = f"{name}{when} {verb(item['value_kind'])} {amount(value, indicator.unit)}"
    if item["percent_of_target"] is not None and indicator.kind not in POINT_KINDS:
        text += _(", bằng %(p)s%% kế hoạch") % {"p": vn_number(rounded(item["percent_of_target"], 1))}
    text += f" ({plan})"
    if item["value_period"] == str(year) and (phrase := _change_phrase(result, year)):
        text += f", {phrase}"
    return text


def override_phrase(result: TargetResult) -> str:
    override = result.override
    if override is None:
        return ""
    return _("cơ quan kế hoạch điều chỉnh đánh giá là %(s)s (lý do: %(r)s)") % {
        "s": label("status", override.status), "r": override.reason.strip().rstrip(".")}


def target_sentence(result: TargetResult, year: int, owner: Any = None) -> str:
    """One sentence about one target, ending with a full stop."""
    name = subject(result, owner)
    if result.evaluation is None:
        return _("%(n)s: chưa đánh giá được (%(e)s).") % {"n": name, "e": result.error.rstrip(".")}
    parts = [_opening(result, year, name)]
    status = result.status
    if status != "no_data" or _is_multi_year(result):
        parts[0] += ", " + status_phrase(status)
    for extra in (progress_phrase(result, year), override_phrase(result)):
        if extra:
            parts.append(extra)
    return "; ".join(parts) + "."


def risk_sentence(result: TargetResult, year: int, owner: Any = None) -> str:
    """Section II: a multi-year target at risk and the rate it still needs."""
    target = result.target
    if _is_multi_year(result):
        done = to_date(result)
    elif (value := _item_value(result)) is not None:
        done = _("năm %(y)s %(v)s %(a)s") % {"y": result.item["value_period"],
                                           "v": verb(result.item["value_kind"]),
                                           "a": amount(value, target.indicator.unit)}
    else:
        done = _("chưa có số liệu")
    return _("%(n)s (mục tiêu %(t)s): %(d)s; %(p)s.") % {
        "n": subject(result, owner), "t": plan_text(target, year), "d": done,
        "p": progress_phrase(result, year)}


def assessment(result: TargetResult, year: int) -> str:
    """The appendix's "Đánh giá" cell: the status, what it was judged on, the adjustment."""
    lines = [label("status", result.effective_status)]
    if result.item["value_kind"] == "estimate" and result.status in JUDGED:
        lines[0] += " " + _("(theo số ước)")
    if result.override is not None:
        lines.append(_("(điều chỉnh; tính toán: %(s)s)") % {"s": label("status", result.status)})
    if _is_multi_year(result):
        lines.append(to_date(result))
    elif result.item["value"] is not None and result.item["value_period"] != str(year):
        lines.append(_("số liệu %(p)s") % {"p": period_label(result.item["value_period"])})
    klass = result.item["progress"]["progress_class"]
    if result.target.end_year > year and klass != "not_available":
        lines.append(label("progress", klass))
    return "\n".join(lines)


def counts_sentence(counts: dict[str, Any]) -> str:
    """``25/35 chỉ tiêu đạt và vượt kế hoạch; 10 chỉ tiêu không đạt; 2 chỉ tiêu chưa có số liệu``.

    With nothing judged yet (a group of multi-year targets): only the other counts."""
    if not counts["judged"]:
        parts = []
        if counts["no_data"]:
            parts.append(_("%(w)s chỉ tiêu chưa có số liệu") % {"w": counts["no_data"]})
        if counts["not_due"]:
            parts.append(_("%(w)s chỉ tiêu chưa đến kỳ đánh giá") % {"w": counts["not_due"]})
        return "; ".join(parts) or _("không có chỉ tiêu nào")
    text = _("%(x)s/%(y)s chỉ tiêu đạt và vượt kế hoạch; %(z)s chỉ tiêu không đạt") % {
        "x": counts["met_or_exceeded"], "y": counts["judged"], "z": counts["not_met"]}
    if counts["no_data"]:
        text += _("; %(w)s chỉ tiêu chưa có số liệu") % {"w": counts["no_data"]}
    if counts["not_due"]:
        text += _("; %(w)s chỉ tiêu chưa đến kỳ đánh giá") % {"w": counts["not_due"]}
    return text
