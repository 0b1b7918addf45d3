"""Where a value of record comes from, and the rule that protects it.

Sources rank: the statistics office (3) > the unit that answers for the indicator (2) > any
other reporter (1). A value of record entered by the planning office or imported (no reporting
unit) counts as official (3). A figure is written as the value of record only when its reporter
answers for the indicator (or is the statistics office) and ranks at least as high as the
source of the value it would replace; otherwise it is kept as a ``ReportedValue`` beside the
official one and listed as a discrepancy. Replacing a higher source needs
``reported_value_adopt``: an explicit decision, with its reason, in the value's history.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.core.periods import parse_period
from kehoach.core.services import audit_record
from kehoach.values.models import ReportedValue, Value
from kehoach.values.services import value_set

STATISTICS, RESPONSIBLE, OTHER = 3, 2, 1


def is_statistics_office(unit: Any) -> bool:
    return unit is not None and "thống kê" in unit.name.lower()


def reporter_rank(*, reporter: Any, subject: Any, owner: Any) -> int:
    """The rank of a figure ``reporter`` gives for ``subject`` on an indicator ``owner`` answers
    for (None: nobody was given it, so the reporter answers for what it reports)."""
    if is_statistics_office(reporter):
        return STATISTICS
    if reporter is None or owner is None or reporter.pk in (subject.pk, owner.pk):
        return RESPONSIBLE
    return OTHER


def value_rank(value: Value, *, owner: Any) -> int:
    if value.reported_by_id is None:
        return STATISTICS  # imported or entered by the planning office: official
    return reporter_rank(reporter=value.reported_by, subject=value.unit, owner=owner)


def record_refusal(*, current: Value | None, reporter: Any, subject: Any,
                   owner: Any) -> str:
    """Why a reported figure must not become the value of record ("" when it may)."""
    rank = reporter_rank(reporter=reporter, subject=subject, owner=owner)
    if rank < RESPONSIBLE:
        return _("%(r)s không chịu trách nhiệm chỉ tiêu này (đơn vị chịu trách nhiệm: %(o)s)") % {
            "r": reporter, "o": owner}
    if current is not None and current.value is not None and value_rank(current, owner=owner) > rank:
        return _("số liệu chính thức có nguồn cao hơn (%(s)s)") % {
            "s": current.reported_by or current.source or _("cơ quan kế hoạch")}
    return ""


@transaction.atomic
def reported_value_keep(*, indicator: Any, unit: Any, period: str, kind: str, value: Decimal,
                        reported_by: Any, reason: str, note: str = "", source: str = "",
                        actor: Any = None) -> ReportedValue:
    """Keep a figure beside the value of record (one per reporter; a new report replaces it)."""
    parsed = parse_period(period)
    reported, _created = ReportedValue.objects.update_or_create(
        indicator=indicator, unit=unit, period=parsed.code, kind=kind, reported_by=reported_by,
        defaults={"year": parsed.start_year, "value": value, "note": note, "source": source,
                  "reason": reason[:255],
                  "entered_by": actor if getattr(actor, "is_authenticated", False) else None})
    audit_record(actor=actor, action="reported_value_keep", obj=reported,
                 summary=f"{reported} ({reported_by}): {reason}"[:255])
    return reported


@transaction.atomic
def reported_value_adopt(*, reported: ReportedValue, actor: Any, reason: str) -> Value:
    """Make a reported figure the value of record: an explicit decision, its reason kept in the
    value's history; the reported row is removed."""
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Hãy ghi lý do dùng số này thay số chính thức.")})
    value, _state = value_set(
        indicator=reported.indicator, unit=reported.unit, period=reported.period,
        kind=reported.kind, value=reported.value, note=reported.note,
        reported_by=reported.reported_by, source=reported.source, actor=actor,
        comment=_("Quyết định dùng số của %(u)s: %(r)s") % {"u": reported.reported_by,
                                                          "r": reason.strip()})
    audit_record(actor=actor, action="reported_value_adopt", obj=value,
                 summary=f"{reported.reported_by}: {reason.strip()}"[:255])
    reported.delete()
    return value
