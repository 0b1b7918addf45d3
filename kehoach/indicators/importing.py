"""The indicators exchange file (interfaces.md §1): its FileSpec, row handler and importer.

A row may name indicators (weight, numerator, denominator, or codes in its formula) that are
defined further down the same file: those rows are imported first (``ForwardRows``), and a cycle
among them is reported as an error.
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import TextChoices
from django.utils import translation
from django.utils.translation import gettext as _

from kehoach.core.exchange.forward import ForwardRows, run_forward_import
from kehoach.core.exchange.importer import (
    CREATED,
    UNCHANGED,
    UPDATED,
    ImportResult,
    RowProblem,
)
from kehoach.core.exchange.reader import FileSpec, Row
from kehoach.core.expressions import ExpressionError, parse
from kehoach.core.text import ascii_fold
from kehoach.indicators import services
from kehoach.indicators.models import Aggregation, Direction, Group, Indicator, Kind
from kehoach.indicators.selectors import REFERENCE_FIELDS

SPEC = FileSpec(
    name="indicators",
    required=("code", "name_vi", "group", "unit", "kind", "direction", "aggregation"),
    optional=("name_en", "weight", "numerator", "denominator", "formula", "decimals", "tolerance"),
    aliases={
        "mã chỉ tiêu": "code", "mã": "code", "tên chỉ tiêu": "name_vi", "tên tiếng việt": "name_vi",
        "tên": "name_vi", "tên tiếng anh": "name_en", "nhóm": "group", "đơn vị tính": "unit",
        "loại": "kind", "chiều": "direction", "chiều tốt": "direction",
        "cách tổng hợp": "aggregation", "quyền số": "weight", "tử số": "numerator",
        "mẫu số": "denominator", "công thức": "formula", "số thập phân": "decimals",
        "số chữ số thập phân": "decimals", "sai số": "tolerance", "sai số cho phép": "tolerance",
    },
    number_columns=("decimals", "tolerance"),
)
COLUMNS = SPEC.required[:2] + ("name_en",) + SPEC.required[2:] + SPEC.optional[1:]
CHOICE_COLUMNS: dict[str, type[TextChoices]] = {
    "group": Group, "kind": Kind, "direction": Direction, "aggregation": Aggregation,
}


def choice_value(choices: type[TextChoices], text: str) -> str | None:
    """The choice key for ``text``: the key itself or its Vietnamese label, accents ignored."""
    wanted = ascii_fold(text)
    with translation.override("vi"):
        for value, label in choices.choices:
            if wanted in (ascii_fold(value), ascii_fold(str(label))):
                return value
    return None


def choice_cell(row: Row, column: str, choices: type[TextChoices]) -> str:
    value = choice_value(choices, row.get(column))
    if value is None:
        raise RowProblem(column, _("“%(v)s” không hợp lệ; dùng một trong: %(k)s.") % {
            "v": row.get(column), "k": ", ".join(choices.values),
        })
    return value


def number_cell(row: Row, column: str) -> Any:
    try:
        return row.number(column)
    except ValueError as exc:
        raise RowProblem(column, str(exc))


def _references(row: Row, ctx: dict) -> dict[str, Indicator | None]:
    forward: ForwardRows = ctx["forward"]
    found: dict[str, Indicator | None] = {}
    for column in REFERENCE_FIELDS:
        code = row.get(column)
        if code:
            forward.ensure(code, column, ctx)
        found[column] = Indicator.objects.filter(code=code).first() if code else None
        if code and found[column] is None:
            raise RowProblem(column, _("không có chỉ tiêu mã “%(c)s”.") % {"c": code})
    formula = row.get("formula")
    if formula:
        try:
            names = parse(formula).variables
        except ExpressionError as exc:
            raise RowProblem("formula", _("công thức sai ở ký tự thứ %(p)s: %(m)s") % {
                "p": exc.position + 1, "m": exc.message})
        for name in sorted(names):
            forward.ensure(name, "formula", ctx)
    return found


def _row_data(row: Row, ctx: dict) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name_vi": row.get("name_vi"), "name_en": row.get("name_en"), "unit": row.get("unit"),
        "formula": row.get("formula"),
    }
    for column, choices in CHOICE_COLUMNS.items():
        data[column] = choice_cell(row, column, choices)
    decimals = number_cell(row, "decimals")
    if decimals is not None:
        if decimals != decimals.to_integral_value() or not 0 <= decimals <= 6:
            raise RowProblem("decimals", _("số chữ số thập phân phải là số nguyên từ 0 đến 6."))
        data["decimals"] = int(decimals)
    data["tolerance"] = number_cell(row, "tolerance")
    data.update(_references(row, ctx))
    return data


def _handle(row: Row, ctx: dict) -> str:
    code = row.get("code")
    data = _row_data(row, ctx)
    existing = Indicator.objects.filter(code=code).first()
    if existing is None:
        services.indicator_create(actor=ctx.get("actor"), code=code, **data)
        return CREATED
    _indicator, changed = services.indicator_update(
        indicator=existing, actor=ctx.get("actor"), data=cast(services.IndicatorChanges, data))
    return UPDATED if changed else UNCHANGED


def indicators_import(*, data: bytes, filename: str, actor: Any = None, dry_run: bool = False,
                      locale: str = "auto") -> ImportResult:
    """Import an indicators file, all or nothing."""
    return run_forward_import(data=data, filename=filename, spec=SPEC, handle=_handle,
                              actor=actor, dry_run=dry_run, locale=locale)
