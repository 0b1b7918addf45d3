"""Writes of values. Every change leaves a ``ValueRevision``: nothing is replaced without a trace."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.constants import NUMBER_LIMIT
from kehoach.core.periods import parse_period
from kehoach.core.services import audit_record
from kehoach.values.models import Value, ValueKind, ValueRevision
from kehoach.values.selectors import SUBMISSION_SOURCE, value_lock

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"


def _revision(value: Value, *, action: str, old: Decimal | None, old_note: str, actor: Any,
              comment: str) -> ValueRevision:
    return ValueRevision.objects.create(
        value=value if action != ValueRevision.Action.DELETE else None,
        indicator_code=value.indicator.code,
        unit_code=value.unit.code,
        period=value.period,
        kind=value.kind,
        action=action,
        old_value=old,
        new_value=value.value if action != ValueRevision.Action.DELETE else None,
        old_note=old_note,
        new_note=value.note if action != ValueRevision.Action.DELETE else "",
        source=value.source,
        comment=comment,
        changed_by=actor if actor is not None and actor.is_authenticated else None,
    )


@transaction.atomic
def value_set(
    *,
    indicator: Any,
    unit: Any,
    period: str,
    kind: str,
    value: Decimal,
    note: str = "",
    reported_by: Any = None,
    source: str = "",
    actor: Any = None,
    comment: str = "",
) -> tuple[Value, str]:
    """Create or change one value; returns (value, "created" | "updated" | "unchanged")."""
    parsed = parse_period(period)
    if kind not in ValueKind.values:
        raise ValueError(_("Loại số liệu không hợp lệ: %(k)s") % {"k": kind})
    current = (
        Value.objects.select_for_update(of=("self",))
        .select_related("indicator", "unit")
        .filter(indicator=indicator, unit=unit, period=parsed.code, kind=kind)
        .first()
    )
    if current is None:
        current = Value.objects.create(
            indicator=indicator, unit=unit, period=parsed.code, year=parsed.start_year,
            end_year=parsed.end_year, kind=kind, value=value, note=note, reported_by=reported_by,
            source=source, entered_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        _revision(current, action=ValueRevision.Action.CREATE, old=None, old_note="", actor=actor,
                  comment=comment)
        audit_record(actor=actor, action="value_create", obj=current, summary=str(current))
        return current, CREATED
    if current.value == value and current.note == note:
        return current, UNCHANGED
    locked = _check_lock(current, actor=actor, comment=comment, source=source)
    old, old_note = current.value, current.note
    current.value, current.note = value, note
    if not locked:  # a locked value keeps its source: it stays locked with its submission
        current.source = source or current.source
    current.reported_by = current.reported_by or reported_by  # never handed to another unit
    if getattr(actor, "is_authenticated", False):
        current.entered_by = actor
    current.save()
    _revision(current, action=ValueRevision.Action.UPDATE, old=old, old_note=old_note, actor=actor,
              comment=comment)
    audit_record(actor=actor, action="value_update", obj=current, summary=f"{old} → {value}")
    return current, UPDATED


def _check_lock(current: Value, *, actor: Any, comment: str, source: str) -> bool:
    """Whether ``current`` came from an accepted submission; ``ValidationError`` when ``actor``
    may not change it (``permissions.can_change_locked_value``)."""
    lock = value_lock(value=current)
    if lock is None:
        return False
    by_submission = source.startswith(SUBMISSION_SOURCE)
    if not permissions.can_change_locked_value(actor, reason=comment, by_submission=by_submission):
        raise ValidationError({"value": _(
            "Số liệu này lấy từ biểu đã được tiếp nhận (%(s)s) nên đã khoá: chỉ sửa được khi biểu "
            "được mở lại, hoặc do Sở Tài chính sửa kèm lý do.") % {"s": lock}})
    return True


@transaction.atomic
def value_delete(*, value: Value, actor: Any = None, comment: str = "") -> None:
    _revision(value, action=ValueRevision.Action.DELETE, old=value.value, old_note=value.note,
              actor=actor, comment=comment)
    audit_record(actor=actor, action="value_delete", obj=value, summary=str(value))
    value.delete()


# --- numbers and rows of the importers -----------------------------------------------------

_MAX_ABS = Decimal(NUMBER_LIMIT)  # what the value column holds
_PLACES = Decimal("0.000001")


@dataclass(slots=True)
class ValueInput:
    """One value to write; ``line`` is where it came from (for error messages)."""

    indicator: Any
    unit: Any
    period: str
    kind: str
    value: Decimal
    note: str = ""
    reported_by: Any = None
    line: int = 0


def value_normalise(value: Decimal) -> Decimal:
    """The number as the database keeps it (6 decimals); ValueError when it does not fit."""
    if not value.is_finite() or abs(value) >= _MAX_ABS:
        raise ValueError(_("Số quá lớn hoặc không hợp lệ: %(v)s.") % {"v": value})
    return value.quantize(_PLACES)
