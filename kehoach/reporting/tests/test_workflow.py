"""The workflow table: what each member of the cast may do to a submission in each status, and the
one service that moves a submission by it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from kehoach.reporting import services, workflow
from kehoach.reporting.errors import TransitionRefused
from kehoach.reporting.models import SubmissionEvent
from kehoach.reporting.selectors import submission_allowed_actions
from kehoach.reporting.tests.conftest import full_changes

pytestmark = pytest.mark.django_db


def test_table_invariants():
    for action in workflow.Action.values:
        roles = {t.role for t in workflow.TRANSITIONS if t.action == action}
        assert len(roles) == 1, action  # one role per action: 403 does not depend on the status
    pairs = [(t.source, t.action) for t in workflow.TRANSITIONS]
    assert len(pairs) == len(set(pairs))  # at most one move per status and action
    assert set(workflow.EDITABLE_STATUSES) == {"not_started", "draft", "returned"}
    assert workflow.action_for("submit", "returned") == "resubmit"
    assert workflow.action_for("submit", "draft") == "submit"
    assert workflow.action_for("accept", "draft") == "accept"


def _allowed(users, submission):
    submission.refresh_from_db()
    return {name: submission_allowed_actions(user=user, submission=submission)
            for name, user in users.items()}


def test_allowed_actions_for_the_cast(sub_a, reporter_a, reporter_b, leader, planner, admin_user):
    users = {"a": reporter_a, "b": reporter_b, "leader": leader, "planner": planner,
             "admin": admin_user}
    nobody: list[str] = []
    assert _allowed(users, sub_a) == {"a": ["edit", "submit"], "b": nobody, "leader": nobody,
                                      "planner": ["edit", "submit"], "admin": ["edit", "submit"]}
    services.cell_save(submission=sub_a, actor=reporter_a, changes=full_changes(sub_a))
    services.submission_transition(submission=sub_a, action="submit", actor=reporter_a)
    assert _allowed(users, sub_a) == {"a": nobody, "b": nobody, "leader": nobody,
                                      "planner": ["return", "accept"],
                                      "admin": ["return", "accept"]}
    services.submission_transition(submission=sub_a, action="return", actor=planner,
                                   comment="Xem lại")
    assert _allowed(users, sub_a)["a"] == ["edit", "resubmit"]
    services.submission_transition(submission=sub_a, action="resubmit", actor=reporter_a)
    services.submission_transition(submission=sub_a, action="accept", actor=planner)
    assert _allowed(users, sub_a) == {"a": nobody, "b": nobody, "leader": nobody,
                                      "planner": ["reopen"], "admin": ["reopen"]}
    moves = list(SubmissionEvent.objects.filter(submission=sub_a).order_by("id")
                 .values_list("from_status", "to_status"))
    assert moves == [("not_started", "draft"), ("draft", "submitted"), ("submitted", "returned"),
                     ("returned", "submitted"), ("submitted", "accepted")]


def test_closed_round_allows_no_filling(sub_a, round_, reporter_a, planner):
    services.round_close(round=round_, actor=planner)
    sub_a.refresh_from_db()
    assert submission_allowed_actions(user=reporter_a, submission=sub_a) == []
    with pytest.raises(TransitionRefused) as info:
        services.submission_transition(submission=sub_a, action="submit", actor=reporter_a)
    assert info.value.error_code == "closed"


def test_transition_refusals(sub_a, reporter_a, leader, planner):
    with pytest.raises(PermissionDenied):
        services.submission_transition(submission=sub_a, action="submit", actor=leader)
    with pytest.raises(PermissionDenied):
        services.submission_transition(submission=sub_a, action="accept", actor=reporter_a)
    with pytest.raises(TransitionRefused) as info:
        services.submission_transition(submission=sub_a, action="accept", actor=planner)
    assert info.value.error_code == "invalid_status"
    assert "tiếp nhận" in info.value.messages[0]
    with pytest.raises(ValueError):
        services.submission_transition(submission=sub_a, action="edit", actor=reporter_a)
    with pytest.raises(ValueError):
        services.submission_transition(submission=sub_a, action="publish", actor=planner)
    sub_a.refresh_from_db()
    assert sub_a.status == "not_started" and sub_a.version == 1
    assert not SubmissionEvent.objects.filter(submission=sub_a).exists()
