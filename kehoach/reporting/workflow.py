"""The submission workflow, as one table: who may do what to a submission in which status.

Every rule about moving a submission lives in ``TRANSITIONS``; the service
(``services.submission_transition``), the selector (``selectors.submission_allowed_actions``),
the cell editability check, the page's buttons and the API all read it.

- ``role``: ``filler`` (the unit's reporters, or the planning office on their behalf:
  ``permissions.can_fill_submission``) or ``reviewer`` (the planning office:
  ``permissions.can_manage_rounds``);
- ``open_round``: the round must be open;
- ``verb``: what pages and the API call the action (a returned form is sent again with "submit");
- ``edit`` is not a move: it says in which statuses the cells may be typed (the first change of a
  form not started makes it a draft).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

from kehoach.core import permissions
from kehoach.core.models import AnyUser
from kehoach.reporting.models import RoundStatus, Submission, SubmissionStatus

S = SubmissionStatus


class Action(models.TextChoices):
    EDIT = "edit", _("nhập")
    SUBMIT = "submit", _("gửi")
    RESUBMIT = "resubmit", _("gửi")
    RETURN = "return", _("trả lại")
    ACCEPT = "accept", _("tiếp nhận")
    REOPEN = "reopen", _("mở lại")


FILLER, REVIEWER = "filler", "reviewer"
ROLES = {
    FILLER: lambda user, submission: permissions.can_fill_submission(user, submission),
    REVIEWER: lambda user, submission: permissions.can_manage_rounds(user),
}


@dataclass(frozen=True)
class Transition:
    source: str
    action: str
    role: str
    target: str
    open_round: bool = False
    verb: str = ""


TRANSITIONS: tuple[Transition, ...] = (
    Transition(S.NOT_STARTED, Action.EDIT, FILLER, S.DRAFT, open_round=True),
    Transition(S.DRAFT, Action.EDIT, FILLER, S.DRAFT, open_round=True),
    Transition(S.RETURNED, Action.EDIT, FILLER, S.RETURNED, open_round=True),
    Transition(S.NOT_STARTED, Action.SUBMIT, FILLER, S.SUBMITTED, open_round=True),
    Transition(S.DRAFT, Action.SUBMIT, FILLER, S.SUBMITTED, open_round=True),
    Transition(S.RETURNED, Action.RESUBMIT, FILLER, S.SUBMITTED, open_round=True,
               verb=Action.SUBMIT),
    Transition(S.SUBMITTED, Action.RETURN, REVIEWER, S.RETURNED),
    Transition(S.SUBMITTED, Action.ACCEPT, REVIEWER, S.ACCEPTED),
    Transition(S.ACCEPTED, Action.REOPEN, REVIEWER, S.RETURNED),
)

#: The statuses in which cells may be typed.
EDITABLE_STATUSES = tuple(t.source for t in TRANSITIONS if t.action == Action.EDIT)


def transition_for(status: str, action: str) -> Transition | None:
    """The row for ``action`` from ``status``, or ``None`` (not allowed from there)."""
    return next((t for t in TRANSITIONS if t.source == status and t.action == action), None)


def action_for(verb: str, status: str) -> str:
    """The action a page's or the API's ``verb`` means in ``status`` ("submit" a returned form
    is "resubmit"); unknown verbs are returned as they are (the service refuses them)."""
    row = next((t for t in TRANSITIONS if t.source == status and (t.verb or t.action) == verb),
               None)
    return row.action if row else verb


def has_role(user: AnyUser, submission: Submission, action: str) -> bool:
    """Whether the user holds the role of ``action`` (in any status) on this submission."""
    return any(ROLES[t.role](user, submission) for t in TRANSITIONS if t.action == action)


def needs_open_round(action: str) -> bool:
    return any(t.open_round for t in TRANSITIONS if t.action == action)


def allowed(user: AnyUser, submission: Submission) -> list[str]:
    """The actions the user may take on the submission now, in table order."""
    is_open = submission.round.status == RoundStatus.OPEN
    return [t.action for t in TRANSITIONS
            if t.source == submission.status and (is_open or not t.open_round)
            and ROLES[t.role](user, submission)]
