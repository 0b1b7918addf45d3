"""The plans and targets exchange files (interfaces.md §1): FileSpecs, row handlers, importers.

A plan row may name as parent a plan defined further down the file (imported first; a cycle is
an error). A target's comparator may be written in Vietnamese words (trên, không quá, từ … đến …).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, cast

from django.utils.translation import gettext as _

from kehoach.core.constants import YEAR_MAX, YEAR_MIN
from kehoach.core.exchange.forward import run_forward_import
from kehoach.core.exchange.importer import (
    CREATED,
    UNCHANGED,
    UPDATED,
    ImportResult,
    RowProblem,
    run_import,
)
from kehoach.core.exchange.reader import FileSpec, Row
from kehoach.core.periods import parse_period
from kehoach.core.text import ascii_fold
from kehoach.indicators.importing import choice_cell, number_cell
from kehoach.indicators.models import Indicator
from kehoach.plans import services
from kehoach.plans.models import (
    Comparator,
    Phrasing,
    Plan,
    PlanKind,
    PlanStatus,
    Target,
    TargetType,
)
from kehoach.units.selectors import unit_resolve

PLAN_SPEC = FileSpec(
    name="plans",
    required=("code", "name", "kind", "start_year", "end_year", "unit"),
    optional=("parent", "document", "document_date", "status", "issuer", "goal"),
    aliases={
        "mã kế hoạch": "code", "mã": "code", "tên kế hoạch": "name", "tên": "name", "loại": "kind",
        "loại kế hoạch": "kind", "từ năm": "start_year", "năm bắt đầu": "start_year",
        "đến năm": "end_year", "năm kết thúc": "end_year", "đơn vị": "unit", "mã đơn vị": "unit",
        "kế hoạch cấp trên": "parent", "số ký hiệu": "document", "số, ký hiệu": "document",
        "văn bản": "document", "ngày ban hành": "document_date", "trạng thái": "status",
        "cơ quan ban hành": "issuer", "mục tiêu tổng quát": "goal",
    },
    number_columns=("start_year", "end_year"),
)
TARGET_SPEC = FileSpec(
    name="targets",
    required=("plan", "indicator", "unit", "period", "comparator", "value"),
    optional=("value_max", "target_type", "tolerance", "note", "responsible_unit", "phrasing",
              "wording"),
    aliases={
        "kế hoạch": "plan", "mã kế hoạch": "plan", "chỉ tiêu": "indicator",
        "mã chỉ tiêu": "indicator", "đơn vị": "unit", "mã đơn vị": "unit", "kỳ": "period",
        "so sánh": "comparator", "giá trị": "value", "giá trị tối đa": "value_max",
        "loại chỉ tiêu": "target_type", "sai số": "tolerance", "sai số cho phép": "tolerance",
        "ghi chú": "note", "đơn vị chịu trách nhiệm": "responsible_unit",
        "đơn vị được giao": "responsible_unit", "đơn vị chủ trì": "responsible_unit",
        "cách diễn đạt": "phrasing", "cách viết trong văn bản": "wording",
    },
    number_columns=("value", "value_max", "tolerance"),
)

# Words of the documents (accents ignored) → comparator (evaluation.md §2).
COMPARATOR_WORDS = {
    "tren": "above", "hon": "above", "vuot": "above", "tren muc": "above",
    "duoi": "below", "khoang": "about", "xap xi": "about",
    "dat": "exactly", "la": "exactly", "duy tri": "exactly", "bang": "exactly",
    "toi thieu": "at_least", "it nhat": "at_least", "tro len": "at_least", "khong duoi": "at_least",
    "toi da": "at_most", "khong qua": "at_most", "tro xuong": "at_most", "khong vuot qua": "at_most",
    "tu...den": "between", "tu ... den": "between", "tu…den": "between", "tu … den": "between",
    "tu den": "between", "trong khoang": "between",
    ">": "above", "<": "below", ">=": "at_least", "<=": "at_most", "=": "exactly", "~": "about",
}


# The document's word around the figure (accents ignored) → phrasing.
PHRASING_WORDS = {"duy tri": "maintain", "tro len": "or_more", "tro xuong": "or_less"}


def phrasing_value(row: Row) -> str:
    """The ``phrasing`` column (a value or a word: maintain, duy trì …); without it, the word
    the comparator or the note (the document's sentence) uses: "Duy trì tỷ lệ che phủ rừng trên
    70%" → maintain, "đạt 88% trở lên" → or_more."""
    given = ascii_fold(row.get("phrasing") or "")
    if given:
        if given in Phrasing.values:
            return given
        if given in PHRASING_WORDS:
            return PHRASING_WORDS[given]
        raise RowProblem("phrasing", _("“%(v)s” không hợp lệ; dùng maintain (duy trì), or_more "
                                       "(trở lên), or_less (trở xuống) hoặc để trống.") % {
            "v": row.get("phrasing")})
    said = f"{ascii_fold(row.get('comparator') or '')} {ascii_fold(row.get('note') or '')}"
    return next((p for word, p in PHRASING_WORDS.items() if word in said), "")


def comparator_value(text: str) -> str | None:
    folded = ascii_fold(text).replace("…", "...")
    if folded in Comparator.values:
        return folded
    return COMPARATOR_WORDS.get(folded) or COMPARATOR_WORDS.get(ascii_fold(text))


def _cached(ctx: dict | None, key: tuple, load: Callable[[], Any]) -> Any:
    """``load()`` once per import for ``key`` (plans, indicators and units do not change while
    targets are imported)."""
    if ctx is None:
        return load()
    cache = ctx.setdefault("cache", {})
    if key not in cache:
        cache[key] = load()
    return cache[key]


def _unit(row: Row, column: str, day: dt.date, ctx: dict | None = None) -> Any:
    ref = row.get(column)
    unit = _cached(ctx, ("unit", ref, day), lambda: unit_resolve(ref=ref, on=day))
    if unit is None:
        raise RowProblem(column, _("không tìm thấy đơn vị “%(u)s” (dùng mã đơn vị).") % {
            "u": row.get(column)})
    return unit


def _year(row: Row, column: str) -> int:
    number = number_cell(row, column)
    if number is None or number != number.to_integral_value() or not YEAR_MIN <= number <= YEAR_MAX:
        raise RowProblem(column, _("năm phải là số nguyên như 2025."))
    return int(number)


def _plan_data(row: Row, ctx: dict) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": row.get("name"), "kind": choice_cell(row, "kind", PlanKind),
        "start_year": _year(row, "start_year"), "end_year": _year(row, "end_year"),
        "document": row.get("document"),
    }
    data["unit"] = _unit(row, "unit", dt.date(data["start_year"], 1, 1))
    if row.get("status"):
        data["status"] = choice_cell(row, "status", PlanStatus)
    for column in ("issuer", "goal"):  # extensions of the contract: absent columns keep them
        if column in row.cells:
            data[column] = row.get(column)
    if row.get("document_date"):
        try:
            data["document_date"] = dt.date.fromisoformat(row.get("document_date"))
        except ValueError:
            raise RowProblem("document_date", _("ngày phải viết dạng 2024-01-29 (năm-tháng-ngày)."))
    parent_code = row.get("parent")
    if parent_code:
        ctx["forward"].ensure(parent_code, "parent", ctx)
        data["parent"] = Plan.objects.filter(code=parent_code).first()
        if data["parent"] is None:
            raise RowProblem("parent", _("không có kế hoạch mã “%(c)s”.") % {"c": parent_code})
    else:
        data["parent"] = None
    return data


def _handle_plan(row: Row, ctx: dict) -> str:
    code = row.get("code")
    data = _plan_data(row, ctx)
    existing = Plan.objects.filter(code=code).first()
    if existing is None:
        services.plan_create(actor=ctx.get("actor"), code=code, **data)
        return CREATED
    _plan, changed = services.plan_update(plan=existing, actor=ctx.get("actor"),
                                          data=cast(services.PlanChanges, data))
    return UPDATED if changed else UNCHANGED


def plans_import(*, data: bytes, filename: str, actor: Any = None, dry_run: bool = False,
                 locale: str = "auto") -> ImportResult:
    """Import a plans file, all or nothing."""
    return run_forward_import(data=data, filename=filename, spec=PLAN_SPEC, handle=_handle_plan,
                              actor=actor, dry_run=dry_run, locale=locale)


# --- targets ------------------------------------------------------------------------------------


def _target_plan(row: Row, ctx: dict) -> Plan:
    code = row.get("plan")
    only = ctx.get("plan")
    if only is not None and code != only.code:
        raise RowProblem("plan", _("dòng thuộc kế hoạch “%(c)s”, không phải kế hoạch “%(p)s” đang "
                                   "nhập.") % {"c": code, "p": only.code})
    plan = only or _cached(ctx, ("plan", code), lambda: Plan.objects.filter(code=code).first())
    if plan is None:
        raise RowProblem("plan", _("không có kế hoạch mã “%(c)s”.") % {"c": code})
    return plan


def _target_data(row: Row, ctx: dict) -> dict[str, Any]:
    code = row.get("indicator")
    indicator = _cached(ctx, ("indicator", code), lambda: Indicator.objects.filter(code=code).first())
    if indicator is None:
        raise RowProblem("indicator", _("không có chỉ tiêu mã “%(c)s”.") % {"c": row.get("indicator")})
    try:
        period = parse_period(row.get("period"))
    except ValueError as exc:
        raise RowProblem("period", str(exc))
    comparator = comparator_value(row.get("comparator"))
    if comparator is None:
        raise RowProblem("comparator", _("“%(v)s” không hợp lệ; dùng above, below, about, exactly, "
                                         "at_least, at_most, between hoặc trên, dưới, khoảng, đạt, "
                                         "tối thiểu, tối đa, từ…đến.") % {"v": row.get("comparator")})
    target_type = choice_cell(row, "target_type", TargetType) if row.get("target_type") else "level"
    value = number_cell(row, "value")
    if value is None and target_type == TargetType.QUALITATIVE:
        value = Decimal(0)  # no figure: the office judges it
    if value is None:
        raise RowProblem("value", _("thiếu giá trị."))
    if target_type == TargetType.QUALITATIVE and not (row.get("wording") or row.get("note")):
        raise RowProblem("wording", _("chỉ tiêu định tính cần cách viết trong văn bản (cột "
                                      "wording hoặc note), ví dụ “cơ bản không còn huyện "
                                      "nghèo”."))
    data = {
        "indicator": indicator, "unit": _unit(row, "unit", period.start, ctx), "period": period.code,
        "comparator": comparator, "value": value, "value_max": number_cell(row, "value_max"),
        "target_type": target_type, "phrasing": phrasing_value(row),
        "tolerance": number_cell(row, "tolerance"), "note": row.get("note"),
    }
    if row.get("wording"):
        data["wording"] = row.get("wording")
    if "responsible_unit" in row.cells:  # a file without the column keeps the assignments
        data["responsible_unit"] = _responsible(row, period, ctx)
    return data


def _responsible(row: Row, period: Any, ctx: dict) -> Any:
    """The unit that answers for the target: a code, or a name valid in the target's period
    (its validity on those dates is checked by ``target_validate``)."""
    if not row.get("responsible_unit"):
        return None
    for day in (period.start, period.end):
        ref = row.get("responsible_unit")
        unit = _cached(ctx, ("unit", ref, day), lambda: unit_resolve(ref=ref, on=day))  # noqa: B023
        if unit is not None:
            return unit
    raise RowProblem("responsible_unit", _("không tìm thấy đơn vị “%(u)s” trong kỳ %(p)s (dùng mã "
                                           "đơn vị).") % {"u": row.get("responsible_unit"),
                                                          "p": period.code})


def _handle_target(row: Row, ctx: dict) -> str:
    plan = _target_plan(row, ctx)
    data = _target_data(row, ctx)
    existing = Target.objects.filter(plan=plan, indicator=data["indicator"], unit=data["unit"],
                                     period=data["period"], superseded_from__isnull=True).order_by().first()
    if existing is None:
        services.target_create(actor=ctx.get("actor"), plan=plan, **data)
        return CREATED
    _target, changed = services.target_update(target=existing, actor=ctx.get("actor"),
                                              data=cast(services.TargetChanges, data))
    return UPDATED if changed else UNCHANGED


def _target_key(row: Row) -> tuple:
    try:
        period = parse_period(row.get("period")).code
    except ValueError:
        period = row.get("period")
    return (row.get("plan"), row.get("indicator"), row.get("unit"), period)


def targets_import(*, data: bytes, filename: str, actor: Any = None, dry_run: bool = False,
                   locale: str = "auto", plan: Plan | None = None) -> ImportResult:
    """Import a targets file, all or nothing; with ``plan``, every row must belong to it."""
    return run_import(
        data=data, filename=filename, spec=TARGET_SPEC, handler=_handle_target, dry_run=dry_run,
        locale=locale, context={"actor": actor, "plan": plan}, key=_target_key,
    )
