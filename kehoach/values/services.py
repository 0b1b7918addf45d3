"""Writes of values. Every change leaves a ``ValueRevision``: nothing is replaced without a trace."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from kehoach.core.periods import parse_period
from kehoach.core.services import audit_record
from kehoach.values.models import Value, ValueKind, ValueRevision

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
        raise ValueError(f"Loại số liệu không hợp lệ: {kind}")
    current = (
        Value.objects.select_for_update()
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
    old, old_note = current.value, current.note
    current.value, current.note = value, note
    current.source = source or current.source
    current.reported_by = reported_by or current.reported_by
    if getattr(actor, "is_authenticated", False):
        current.entered_by = actor
    current.save()
    _revision(current, action=ValueRevision.Action.UPDATE, old=old, old_note=old_note, actor=actor,
              comment=comment)
    audit_record(actor=actor, action="value_update", obj=current, summary=f"{old} → {value}")
    return current, UPDATED


@transaction.atomic
def value_delete(*, value: Value, actor: Any = None, comment: str = "") -> None:
    _revision(value, action=ValueRevision.Action.DELETE, old=value.value, old_note=value.note,
              actor=actor, comment=comment)
    audit_record(actor=actor, action="value_delete", obj=value, summary=str(value))
    value.delete()
