"""Writes of values. Every change leaves a ``ValueRevision``: nothing is replaced without a trace."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import DateTimeField
from django.utils import timezone
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


# --- the set-based path for big files -------------------------------------------------------

BATCH_SIZE = 5000
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


class BulkValueError(Exception):
    """Raised before anything is written; ``errors`` are (line, column, message)."""

    def __init__(self, errors: list[tuple[int, str, str]]):
        super().__init__("; ".join(m for _l, _c, m in errors))
        self.errors = errors


def value_normalise(value: Decimal) -> Decimal:
    """The number as the database keeps it (6 decimals); ValueError when it does not fit."""
    if not value.is_finite() or abs(value) >= _MAX_ABS:
        raise ValueError(_("Số quá lớn hoặc không hợp lệ: %(v)s.") % {"v": value})
    return value.quantize(_PLACES)


_parse_period_cached = functools.lru_cache(maxsize=4096)(parse_period)


def _bulk_validate(rows: Sequence[ValueInput]) -> list[tuple[Any, ValueInput, Any]]:
    """Check every row first; normalises ``row.value`` in place (6 decimals)."""
    errors: list[tuple[int, str, str]] = []
    seen: dict[tuple, int] = {}
    kinds = set(ValueKind.values)
    checked = []
    for row in rows:
        try:
            parsed = _parse_period_cached(row.period)
        except ValueError as exc:
            errors.append((row.line, "period", str(exc)))
            continue
        if row.kind not in kinds:
            errors.append((row.line, "kind", _("Loại số liệu không hợp lệ: %(k)s") % {"k": row.kind}))
            continue
        try:
            row.value = value_normalise(row.value)
        except ValueError as exc:
            errors.append((row.line, "value", str(exc)))
            continue
        key = (row.indicator.pk, row.unit.pk, parsed.code, row.kind)
        if key in seen:
            errors.append((row.line, "", _("trùng với dòng %(l)s.") % {"l": seen[key]}))
            continue
        seen[key] = row.line
        checked.append((key, row, parsed))
    if errors:
        raise BulkValueError(errors)
    return checked


_EXISTING_FIELDS = ("id", "indicator_id", "unit_id", "period", "kind", "value", "note", "source",
                    "reported_by_id", "entered_by_id")


def _existing(checked: list[tuple[Any, ValueInput, Any]]) -> dict[tuple, Value]:
    """The stored values for the keys (as light ``Value`` objects: the fields the bulk path uses)."""
    if not checked:
        return {}
    keys = {key for key, _row, _parsed in checked}
    qs = Value.objects.filter(
        indicator_id__in={k[0] for k in keys}, unit_id__in={k[1] for k in keys},
        period__in={k[2] for k in keys},
    ).values_list(*_EXISTING_FIELDS)
    found = {}
    for fields in qs.iterator(chunk_size=BATCH_SIZE):
        key = fields[1:5]
        if key in keys:
            found[key] = Value(**dict(zip(_EXISTING_FIELDS, fields, strict=True)))
    return found


_VALUE_COLUMNS = ("indicator_id", "unit_id", "period", "year", "end_year", "kind", "value", "note",
                  "reported_by_id", "source", "entered_by_id", "updated_at")
_REVISION_COLUMNS = ("value_id", "indicator_code", "unit_code", "period", "kind", "action",
                     "old_value", "new_value", "old_note", "new_note", "source", "comment",
                     "changed_by_id", "changed_at")


def _execute_many(sql: str, params: list[tuple]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(params), BATCH_SIZE):
            cursor.executemany(sql, params[start:start + BATCH_SIZE])


def _insert(model: Any, columns: tuple[str, ...], params: list[tuple]) -> None:
    """Parameterised INSERTs sent with ``executemany``: ``bulk_create`` is limited to ~66 rows a
    statement on SQLite (999 parameters) and builds a model object per row."""
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    _execute_many(sql, params)


def _actor_id(actor: Any) -> int | None:
    return actor.pk if getattr(actor, "is_authenticated", False) else None


def _revision_params(value_id: int, row: ValueInput, *, period: str, action: str,
                     old: Decimal | None, old_note: str, new: Decimal, source: str, at: Any,
                     actor_id: int | None) -> tuple:
    return (value_id, row.indicator.code, row.unit.code, period, row.kind, action, old, new,
            old_note, row.note, source, "", actor_id, at)


def _bulk_create(new: list[tuple[ValueInput, Any]], *, actor: Any, source: str) -> int:
    if not new:
        return 0
    now = DateTimeField().get_db_prep_save(timezone.now(), connection)
    actor_id = _actor_id(actor)
    _insert(Value, _VALUE_COLUMNS, [
        (row.indicator.pk, row.unit.pk, parsed.code, parsed.start_year, parsed.end_year, row.kind,
         row.value, row.note, getattr(row.reported_by, "pk", None), source,
         actor_id, now)
        for row, parsed in new
    ])
    ids = {key: v.pk for key, v in _existing([((row.indicator.pk, row.unit.pk, parsed.code,
                                                   row.kind), row, parsed)
                                                 for row, parsed in new]).items()}
    _insert(ValueRevision, _REVISION_COLUMNS, [
        _revision_params(ids[(row.indicator.pk, row.unit.pk, parsed.code, row.kind)], row,
                         period=parsed.code, action=ValueRevision.Action.CREATE, old=None,
                         old_note="", new=row.value, source=source, at=now,
                         actor_id=actor_id)
        for row, parsed in new
    ])
    return len(new)


def _bulk_update(changed: list[tuple[Value, ValueInput]], *, actor: Any, source: str) -> int:
    now = DateTimeField().get_db_prep_save(timezone.now(), connection)
    actor_id = _actor_id(actor)
    updates, revisions = [], []
    for current, row in changed:
        new_value, new_source = row.value, source or current.source
        reported_by_id = row.reported_by.pk if row.reported_by is not None else current.reported_by_id
        entered_by_id = actor_id or current.entered_by_id
        updates.append((new_value, row.note, new_source, reported_by_id, entered_by_id, now,
                        current.pk))
        revisions.append(_revision_params(
            current.pk, row, period=current.period, action=ValueRevision.Action.UPDATE,
            old=current.value, old_note=current.note, new=new_value, source=new_source, at=now,
            actor_id=actor_id,
        ))
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(c)} = %s" for c in
                            ("value", "note", "source", "reported_by_id", "entered_by_id",
                             "updated_at"))
    _execute_many(f"UPDATE {quote(Value._meta.db_table)} SET {assignments} WHERE id = %s", updates)
    _insert(ValueRevision, _REVISION_COLUMNS, revisions)
    return len(changed)


@transaction.atomic
def value_bulk_upsert(*, rows: Sequence[ValueInput], actor: Any = None, source: str = "") -> dict[str, int]:
    """Write many values at once, with the same outcome as ``value_set`` row by row.

    Everything is validated first (``BulkValueError``, nothing written); then new values and their
    CREATE revisions are inserted in batches, changed ones updated with UPDATE revisions. One audit
    row for the whole call. Returns the counts ``created``, ``updated``, ``unchanged``.
    """
    checked = _bulk_validate(rows)
    existing = _existing(checked)
    new, changed, unchanged = [], [], 0
    for key, row, parsed in checked:
        current = existing.get(key)
        if current is None:
            new.append((row, parsed))
        elif current.value == row.value and current.note == row.note:
            unchanged += 1
        else:
            changed.append((current, row))
    counts = {
        CREATED: _bulk_create(new, actor=actor, source=source),
        UPDATED: _bulk_update(changed, actor=actor, source=source) if changed else 0,
        UNCHANGED: unchanged,
    }
    audit_record(actor=actor, action="value_bulk_upsert", object_type="values.value",
                 summary=f"{source}: {counts}", data={**counts, "source": source})
    return counts
