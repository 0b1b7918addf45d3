"""override_set / override_clear: beside the computed status, history kept, audited."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kehoach.core.models import AuditEntry
from kehoach.evaluation.models import StatusOverride
from kehoach.evaluation.services import override_clear, override_set


def test_set_replace_and_clear_keep_the_history(cast_plan, planner):
    target = cast_plan["t_prov"]
    first = override_set(target=target, year=2024, status="met", reason="Lý do 1", actor=planner)
    second = override_set(target=target, year=2024, status="not_met", reason="Lý do 2",
                          actor=planner)
    first.refresh_from_db()
    assert first.cleared_at is not None and second.cleared_at is None
    cleared = override_clear(target=target, year=2024, actor=planner)
    assert cleared.pk == second.pk and cleared.cleared_by == planner
    assert StatusOverride.objects.filter(target=target).count() == 2
    assert not StatusOverride.objects.filter(target=target, cleared_at__isnull=True).exists()
    actions = list(AuditEntry.objects.filter(action__startswith="status_override").values_list(
        "action", flat=True))
    assert sorted(actions) == ["status_override_clear", "status_override_set",
                               "status_override_set"]


@pytest.mark.parametrize(("status", "reason", "field"), [
    ("bogus", "Lý do", "status"), ("met", "   ", "reason"),
])
def test_bad_override_is_refused_and_nothing_stored(cast_plan, planner, status, reason, field):
    with pytest.raises(ValidationError) as info:
        override_set(target=cast_plan["t_prov"], year=2024, status=status, reason=reason,
                     actor=planner)
    assert field in info.value.message_dict
    assert StatusOverride.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="status_override").exists()


def test_clearing_nothing_is_an_error(cast_plan, planner):
    with pytest.raises(ValidationError, match="không có điều chỉnh"):
        override_clear(target=cast_plan["t_prov"], year=2024, actor=planner)
