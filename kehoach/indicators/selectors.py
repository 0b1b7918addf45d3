"""Reads of the indicator catalogue (reference data: any logged-in user)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.models import AnyUser
from kehoach.core.text import ascii_fold
from kehoach.indicators.models import Group, Indicator

REFERENCE_FIELDS = ("weight", "numerator", "denominator")


def indicator_list(*, group: str = "", query: str = "") -> QuerySet[Indicator]:
    """Indicators of ``group`` whose code, name or English name contain every word of ``query``
    (accents ignored: ``ty le ho ngheo`` finds ``Tỷ lệ hộ nghèo``)."""
    qs = Indicator.objects.select_related("weight", "numerator", "denominator", "responsible_unit")
    if group in Group.values:
        qs = qs.filter(group=group)
    for word in ascii_fold(query).split():
        qs = qs.filter(
            Q(name_ascii__icontains=word) | Q(code__icontains=word) | Q(name_en__icontains=word)
        )
    return qs


def indicator_list_for_user(*, user: AnyUser, group: str = "", query: str = "") -> QuerySet[Indicator]:
    if not permissions.can_see_reference_data(user):
        return Indicator.objects.none()
    return indicator_list(group=group, query=query)


def indicator_get_for_user(*, user: AnyUser, code: str, write: bool = False) -> Indicator:
    """The indicator ``code`` for a logged-in user (with ``write``: the planning office)."""
    if not permissions.can_see_reference_data(user):
        raise permissions.deny()
    indicator = indicator_list().filter(code=code).first()
    if indicator is None:
        raise permissions.deny()
    if write and not permissions.can_edit_reference_data(user):
        raise permissions.refuse()
    return indicator


def indicators_by_code(codes: Iterable[str]) -> dict[str, Indicator]:
    return {i.code: i for i in Indicator.objects.filter(code__in=[c for c in codes if c])}


def indicator_references(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with the codes in weight/numerator/denominator replaced by indicators;
    ValidationError naming the field for an unknown code."""
    resolved = dict(data)
    codes = {f: (data.get(f) or "").strip() for f in REFERENCE_FIELDS if f in data}
    found = indicators_by_code(codes.values())
    errors = {}
    for name, code in codes.items():
        resolved[name] = found.get(code) if code else None
        if code and code not in found:
            errors[name] = _("Không có chỉ tiêu mã “%(c)s”.") % {"c": code}
    if errors:
        raise ValidationError(errors)
    return resolved


def indicator_targets(*, indicator: Indicator, user: AnyUser) -> list[Any]:
    """The targets that use ``indicator``, in the plans the user may see."""
    from kehoach.plans.selectors import plan_list_for_user

    plans = plan_list_for_user(user=user)
    return list(
        indicator.targets.filter(plan__in=plans)
        .select_related("plan", "unit", "indicator")
        .order_by("-plan__start_year", "plan__code", "period")
    )


def indicator_export_rows(*, indicators: QuerySet[Indicator] | None = None) -> list[dict[str, Any]]:
    """Every indicator (or those of ``indicators``) as a row of the exchange file (interfaces.md
    §1)."""
    rows = []
    qs = Indicator.objects.all() if indicators is None else indicators
    for i in qs.select_related("weight", "numerator", "denominator"):
        rows.append({
            "code": i.code, "name_vi": i.name_vi, "name_en": i.name_en, "group": i.group,
            "unit": i.unit, "kind": i.kind, "direction": i.direction, "aggregation": i.aggregation,
            "weight": i.weight.code if i.weight else "",
            "numerator": i.numerator.code if i.numerator else "",
            "denominator": i.denominator.code if i.denominator else "",
            "formula": i.formula, "decimals": i.decimals,
            "tolerance": i.tolerance.normalize() if i.tolerance is not None else None,
        })
    return rows
