"""Status overrides by the planning office: set beside the computed status, history kept."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.constants import YEAR_MAX, YEAR_MIN
from kehoach.core.services import audit_record
from kehoach.evaluation.models import OverrideStatus, StatusOverride
from kehoach.plans.models import Target


def _close_active(*, target: Target, year: int, actor: Any) -> StatusOverride | None:
    active = (
        StatusOverride.objects.select_for_update()
        .filter(target=target, year=year, cleared_at__isnull=True)
        .first()
    )
    if active is not None:
        active.cleared_at = timezone.now()
        active.cleared_by = actor if getattr(actor, "is_authenticated", False) else None
        active.save(update_fields=["cleared_at", "cleared_by"])
    return active


@transaction.atomic
def override_set(
    *, target: Target, year: int, status: str, reason: str, actor: Any
) -> StatusOverride:
    """Set the status of ``target`` for ``year`` by hand, with a written reason.

    The computed status is never changed; the previous override (if any) is closed, not deleted.
    """
    reason = (reason or "").strip()
    errors = {}
    if status not in OverrideStatus.values:
        errors["status"] = [_("Trạng thái không hợp lệ: chọn vượt, đạt, không đạt, chưa có số "
                              "liệu hoặc chưa đến kỳ.")]
    if not reason:
        errors["reason"] = [_("Hãy ghi lý do điều chỉnh trạng thái.")]
    if not YEAR_MIN <= int(year) <= YEAR_MAX:
        errors["year"] = [_("Năm đánh giá không hợp lệ.")]
    if errors:
        raise ValidationError(errors)
    previous = _close_active(target=target, year=year, actor=actor)
    override = StatusOverride(target=target, year=year, status=status, reason=reason,
                              by=actor if getattr(actor, "is_authenticated", False) else None)
    override.full_clean()
    override.save()
    audit_record(
        actor=actor, action="status_override_set", obj=override,
        summary=f"{target.indicator.code} {year}: {status}",
        data={"target": target.pk, "year": year, "status": status, "reason": reason,
              "previous": previous.status if previous else None},
    )
    return override


@transaction.atomic
def override_clear(*, target: Target, year: int, actor: Any) -> StatusOverride:
    """Stop using the override of ``target`` for ``year`` (it stays in the history)."""
    cleared = _close_active(target=target, year=year, actor=actor)
    if cleared is None:
        raise ValidationError({"year": [_("Chỉ tiêu này không có điều chỉnh trạng thái nào "
                                          "cho năm %(y)s.") % {"y": year}]})
    audit_record(actor=actor, action="status_override_clear", obj=cleared,
                 summary=f"{target.indicator.code} {year}", data={"target": target.pk, "year": year})
    return cleared
