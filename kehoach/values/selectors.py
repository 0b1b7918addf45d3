"""Reads of values: only what the user may read (its unit or its reporting unit is in scope)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.models import AnyUser
from kehoach.core.periods import parse_period
from kehoach.indicators.models import Indicator
from kehoach.units.models import Unit
from kehoach.values.models import ImportJob, ReportedValue, Value, ValueKind, ValueRevision


def values_for_user(*, user: AnyUser) -> QuerySet[Value]:
    """Every value the user may read: its unit OR its reporting unit is in the user's scope."""
    if not permissions.is_authenticated(user):
        return Value.objects.none()
    qs = Value.objects.select_related("indicator", "unit", "reported_by", "entered_by")
    scope = permissions.unit_scope_ids(user)
    if scope is None:
        return qs
    return qs.filter(Q(unit_id__in=scope) | Q(reported_by_id__in=scope))


def value_can_write(*, user: AnyUser, value: Value) -> bool:
    """See ``permissions.can_write_value``: own units only for reporters; locked values not."""
    return permissions.can_write_value(user, value, locked=value_lock(value=value) is not None)


SUBMISSION_SOURCE = "submission:"


def value_lock(*, value: Value) -> Any | None:
    """The accepted submission a value of record came from (it locks the value), or ``None``.

    Accepting a submission writes its cells with the source ``submission:<id>``; reopening it
    unlocks them. The reporting app sits above this one, so its model is looked up by name."""
    if not value.source.startswith(SUBMISSION_SOURCE):
        return None
    pk = value.source[len(SUBMISSION_SOURCE):]
    if not pk.isdigit():
        return None
    submission = apps.get_model("reporting", "Submission")
    return submission.objects.filter(pk=int(pk), status="accepted").first()


def value_get_for_user(*, user: AnyUser, pk: Any, write: bool = False) -> Value:
    """The value ``pk`` if the user may read it, else 404; with ``write``, 403 unless it may change it."""
    try:
        value = values_for_user(user=user).get(pk=int(pk))
    except (Value.DoesNotExist, ValueError, TypeError):
        raise permissions.deny()
    if write and not value_can_write(user=user, value=value):
        raise permissions.refuse()
    return value


def value_history(*, value: Value) -> QuerySet[ValueRevision]:
    return value.revisions.select_related("changed_by").order_by("-changed_at", "-id")


def writable_units(*, user: AnyUser) -> QuerySet[Unit]:
    """Units for which the user may enter values."""
    if permissions.is_manager(user):
        return Unit.objects.all()
    scope = permissions.unit_scope_ids(user) if permissions.is_reporter(user) else set()
    return Unit.objects.filter(pk__in=scope or [])


def readable_units(*, user: AnyUser) -> QuerySet[Unit]:
    scope = permissions.unit_scope_ids(user)
    return Unit.objects.all() if scope is None else Unit.objects.filter(pk__in=scope)


@dataclass
class ValueFilters:
    unit: str = ""
    indicator: str = ""
    period: str = ""
    kind: str = ""
    year: str = ""
    q: str = ""


def _ref_filter(field: str, ref: str) -> Q:
    """A unit or indicator given by its id or its code."""
    if ref.isdigit():
        return Q(**{f"{field}_id": int(ref)}) | Q(**{f"{field}__code": ref})
    return Q(**{f"{field}__code": ref})


def value_list(*, user: AnyUser, filters: ValueFilters) -> QuerySet[Value]:
    """The user's readable values filtered; an invalid filter gives ValueError (Vietnamese)."""
    qs = values_for_user(user=user)
    if filters.unit:
        qs = qs.filter(_ref_filter("unit", filters.unit))
    if filters.indicator:
        qs = qs.filter(_ref_filter("indicator", filters.indicator))
    if filters.period:
        qs = qs.filter(period=parse_period(filters.period).code)
    if filters.kind:
        if filters.kind not in ValueKind.values:
            raise ValueError(_("Loại số liệu không hợp lệ: %(k)s") % {"k": filters.kind})
        qs = qs.filter(kind=filters.kind)
    if filters.year:
        if not filters.year.isdigit():
            raise ValueError(_("Năm không hợp lệ: %(y)s") % {"y": filters.year})
        qs = qs.filter(year=int(filters.year), end_year=int(filters.year))
    if filters.q:
        qs = qs.filter(
            Q(indicator__name_vi__icontains=filters.q) | Q(indicator__code__icontains=filters.q)
            | Q(unit__name__icontains=filters.q) | Q(note__icontains=filters.q)
        )
    return qs.order_by("indicator__code", "unit__code", "-year", "period", "kind")


def indicator_choices() -> QuerySet[Indicator]:
    return Indicator.objects.filter(is_active=True).order_by("code")


VALUE_EXPORT_FIELDS = ("unit__code", "indicator__code", "period", "kind", "value", "note")


def value_export_rows(qs: QuerySet[Value] | None = None) -> Iterator[dict[str, Any]]:
    """Values (all, or those of ``qs``) as rows of the values exchange file, streamed."""
    qs = Value.objects.all() if qs is None else qs
    rows = qs.order_by("indicator__code", "unit__code", "year", "period", "kind").values_list(
        *VALUE_EXPORT_FIELDS)
    for unit, indicator, period, kind, value, note in rows.iterator(chunk_size=5000):
        yield {"unit": unit, "indicator": indicator, "period": period, "kind": kind,
               "value": value, "note": note}


def values_for_dhis2(*, user: AnyUser, kind: str, year: int | None = None, unit: str = ""
                     ) -> QuerySet[Value]:
    """The values the user may read, of ``kind``, narrowed to a year (its periods starting in
    it) and a unit code, for a DHIS2 export."""
    qs = (Value.objects.all() if user is None else values_for_user(user=user)).filter(kind=kind)
    if year:
        qs = qs.filter(year=year)
    if unit:
        qs = qs.filter(unit__code=unit)
    return qs


def reported_discrepancies(*, user: AnyUser, year: int | None = None) -> list[dict[str, Any]]:
    """Reported figures kept beside the values of record (planning office only), each with the
    official value it differs from (None when there is none yet)."""
    if not permissions.can_review_discrepancies(user):
        raise permissions.deny()
    reported = ReportedValue.objects.select_related("indicator", "unit", "reported_by")
    if year is not None:
        reported = reported.filter(year=year)
    rows = []
    for item in reported.order_by("-year", "indicator__code", "unit__code", "reported_by__code"):
        official = Value.objects.select_related("reported_by").filter(
            indicator=item.indicator, unit=item.unit, period=item.period, kind=item.kind).first()
        rows.append({"reported": item, "official": official,
                     "difference": None if official is None else item.value - official.value})
    return rows


def reported_value_get_for_user(*, user: AnyUser, pk: int) -> ReportedValue:
    if not permissions.can_review_discrepancies(user):
        raise permissions.deny()
    item = ReportedValue.objects.select_related("indicator", "unit", "reported_by").filter(
        pk=pk).first()
    if item is None:
        raise permissions.deny()
    return item


def import_job_get_for_user(*, user: AnyUser, job_id: Any) -> ImportJob:
    """The background import ``job_id`` if the user may see it; else Http404."""
    job = ImportJob.objects.filter(pk=job_id).first() if _is_uuid(job_id) else None
    if job is None or not permissions.can_see_import_job(user, job):
        raise permissions.deny()
    return job


def import_job_list_for_user(*, user: AnyUser, limit: int = 50) -> list[ImportJob]:
    """The user's own background imports, the latest first (administrators see only theirs here:
    the list is "my imports", a job page of someone else's is reached by its link)."""
    if not permissions.is_authenticated(user):
        return []
    return list(ImportJob.objects.filter(user_id=user.pk).order_by("-created_at")[:limit])


def _is_uuid(text: Any) -> bool:
    import uuid

    try:
        uuid.UUID(str(text))
    except ValueError:
        return False
    return True
