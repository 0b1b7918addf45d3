"""Writes of the indicator catalogue: ``indicator_create`` and ``indicator_update``.

Both validate the aggregation rule (a ratio needs its numerator and denominator, a weighted mean
its weight, a derived indicator a formula over existing indicators without a cycle), normalise
text to NFC, keep ``name_ascii`` for accent-insensitive search and write one audit row.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.core.expressions import KEYWORDS, ExpressionError, parse
from kehoach.core.services import Changes, audit_record, model_update
from kehoach.core.text import ascii_fold
from kehoach.indicators.models import Aggregation, Indicator

if TYPE_CHECKING:
    from kehoach.units.models import Unit


class IndicatorChanges(TypedDict, total=False):
    """The fields ``indicator_update`` may change (any subset)."""

    code: str
    name_vi: str
    name_en: str
    group: str
    unit: str
    kind: str
    direction: str
    aggregation: str
    weight: Indicator | None
    numerator: Indicator | None
    denominator: Indicator | None
    formula: str
    decimals: int
    tolerance: Decimal | None
    responsible_unit: Unit | None
    sdg: str
    position: int
    is_active: bool


CODE_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")
TEXT_FIELDS = ("code", "name_vi", "name_en", "unit", "formula", "sdg")
FIELDS = tuple(IndicatorChanges.__annotations__)
_REFERENCE_RULES = {
    "weight": (Aggregation.WEIGHTED_MEAN,),
    "numerator": (Aggregation.RATIO,),
    "denominator": (Aggregation.RATIO,),
}


def _normalise(data: Any) -> dict[str, Any]:
    clean = dict(data)
    for name in TEXT_FIELDS:
        if name in clean:
            clean[name] = unicodedata.normalize("NFC", clean[name] or "").strip()
    if clean.get("tolerance") is not None:
        clean["tolerance"] = Decimal(clean["tolerance"])
    return clean


def _check_code(code: str) -> None:
    if not CODE_PATTERN.match(code) or code.lower() in KEYWORDS:
        raise ValidationError({"code": _(
            "Mã “%(c)s” không hợp lệ: chỉ dùng chữ cái không dấu, chữ số, “_” và “.”, bắt đầu bằng "
            "chữ cái (để dùng được trong công thức); không dùng and, or, not."
        ) % {"c": code}})


def _label(name: str) -> str:
    return str(getattr(Indicator._meta.get_field(name), "verbose_name", name))


def _check_references(indicator: Indicator) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name, aggregations in _REFERENCE_RULES.items():
        ref = getattr(indicator, name)
        if indicator.aggregation in aggregations and ref is None:
            errors[name] = _("Cách tổng hợp “%(a)s” cần chỉ tiêu %(f)s.") % {
                "a": indicator.get_aggregation_display(), "f": _label(name),
            }
        elif indicator.aggregation not in aggregations and ref is not None:
            errors[name] = _("Chỉ dùng %(f)s khi cách tổng hợp là “%(a)s”.") % {
                "f": _label(name),
                "a": " / ".join(str(Aggregation(a).label) for a in aggregations),
            }
        elif ref is not None and ref.code == indicator.code:
            errors[name] = _("Chỉ tiêu không thể tham chiếu chính nó.")
    return errors


def _check_formula(indicator: Indicator) -> str | None:
    if indicator.aggregation != Aggregation.DERIVED:
        return _("Chỉ dùng công thức khi cách tổng hợp là “Tính theo công thức”.") if indicator.formula else None
    if not indicator.formula:
        return _("Chỉ tiêu tính theo công thức cần có công thức, ví dụ GRDP_CUR * 1000 / POPULATION.")
    try:
        expression = parse(indicator.formula)
    except ExpressionError as exc:
        return _("Công thức sai ở ký tự thứ %(p)s: %(m)s") % {"p": exc.position + 1, "m": exc.message}
    if expression.is_condition:
        return _("Công thức phải tính ra một số, không phải một điều kiện đúng/sai.")
    if indicator.code in expression.variables:
        return _("Công thức không thể dùng chính chỉ tiêu %(c)s.") % {"c": indicator.code}
    known = set(Indicator.objects.filter(code__in=expression.variables).values_list("code", flat=True))
    missing = sorted(expression.variables - known)
    if missing:
        return _("Công thức dùng mã chưa có trong danh mục: %(m)s.") % {"m": ", ".join(missing)}
    cycle = _formula_cycle(indicator.code, expression.variables)
    if cycle:
        return _("Công thức tạo vòng lặp: %(c)s.") % {"c": " → ".join(cycle)}
    return None


def _formula_cycle(code: str, variables: frozenset[str]) -> list[str] | None:
    """A path of derived formulas from ``variables`` back to ``code``, if there is one."""
    formulas = dict(
        Indicator.objects.filter(aggregation=Aggregation.DERIVED).exclude(code=code)
        .values_list("code", "formula")
    )
    stack: list[tuple[str, list[str]]] = [(v, [code, v]) for v in sorted(variables)]
    seen: set[str] = set()
    while stack:
        current, path = stack.pop()
        if current == code:
            return path
        if current in seen or current not in formulas:
            continue
        seen.add(current)
        names = _variables(formulas[current])
        stack.extend((name, [*path, name]) for name in sorted(names))
    return None


def indicator_validate(indicator: Indicator) -> None:
    """Raise ValidationError (by field, in Vietnamese) when ``indicator`` breaks a rule."""
    _check_code(indicator.code)
    errors: dict[str, Any] = dict(_check_references(indicator))
    formula_error = _check_formula(indicator)
    if formula_error:
        errors["formula"] = formula_error
    if indicator.decimals is not None and indicator.decimals > 6:
        errors["decimals"] = _("Số chữ số thập phân từ 0 đến 6.")
    if indicator.tolerance is not None and indicator.tolerance < 0:
        errors["tolerance"] = _("Sai số cho phép không được âm.")
    try:
        indicator.full_clean(exclude=list(errors))
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def indicator_create(*, actor: Any, code: str, name_vi: str, group: str, kind: str,
                     direction: str, aggregation: str, **fields: Any) -> Indicator:
    """Create an indicator; ``fields`` are the other model fields (``FIELDS``)."""
    data = _normalise({"code": code, "name_vi": name_vi, "group": group, "kind": kind,
                       "direction": direction, "aggregation": aggregation, **fields})
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    indicator = Indicator(**data)
    if Indicator.objects.filter(code=indicator.code).exists():
        raise ValidationError({"code": _("Đã có chỉ tiêu mã “%(c)s”.") % {"c": indicator.code}})
    indicator.name_ascii = ascii_fold(indicator.name_vi)
    indicator_validate(indicator)
    indicator.save()
    audit_record(actor=actor, action="indicator_create", obj=indicator, summary=str(indicator))
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, actor: Any,
                     data: IndicatorChanges) -> tuple[Indicator, bool]:
    """Change some fields; returns (indicator, whether anything changed)."""

    def validate(changes: Changes) -> None:
        if "code" in changes:
            _check_rename(indicator, old_code=changes["code"][0])
        indicator.name_ascii = ascii_fold(indicator.name_vi)
        indicator_validate(indicator)

    changes = model_update(instance=indicator, fields=FIELDS, data=_normalise(data), actor=actor,
                           validate=validate, also_save=("name_ascii",))
    return indicator, bool(changes)


def _check_rename(indicator: Indicator, *, old_code: str) -> None:
    if Indicator.objects.filter(code=indicator.code).exclude(pk=indicator.pk).exists():
        raise ValidationError({"code": _("Đã có chỉ tiêu mã “%(c)s”.") % {"c": indicator.code}})
    users = sorted(
        code for code, formula in Indicator.objects.filter(aggregation=Aggregation.DERIVED)
        .exclude(pk=indicator.pk).values_list("code", "formula")
        if old_code in _variables(formula)
    )
    if users:
        raise ValidationError({"code": _(
            "Không đổi được mã “%(o)s”: công thức của %(u)s đang dùng mã này; sửa các công thức đó "
            "trước.") % {"o": old_code, "u": ", ".join(users)}})


def _variables(formula: str) -> frozenset[str]:
    try:
        return parse(formula).variables
    except ExpressionError:
        return frozenset()
