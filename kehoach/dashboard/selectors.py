"""What the start page shows a given user: each role's first work, gathered from the domain
apps' selectors (this app sits above them; no domain app imports it)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Subquery
from django.utils import timezone

from kehoach.consultation.selectors import consultation_open_list
from kehoach.core import permissions
from kehoach.core.models import AnyUser
from kehoach.evaluation.consolidation.service import consolidate
from kehoach.plans.selectors import plan_list_for_user
from kehoach.reporting import selectors as reporting
from kehoach.reporting.models import (
    RoundStatus,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
)

LIST_LIMIT = 10
WAITING = (SubmissionStatus.NOT_STARTED, SubmissionStatus.DRAFT)


def _open_submissions(user: AnyUser, today: dt.date) -> Any:
    late = ExpressionWrapper(reporting.submission_late_q(on=today), output_field=BooleanField())
    return (
        reporting.submission_list_for_user(user=user)
        .filter(round__status=RoundStatus.OPEN)
        .annotate(late=late)
    )


def _last_return_comment() -> Subquery:
    events = SubmissionEvent.objects.filter(
        submission=OuterRef("pk"), to_status=SubmissionStatus.RETURNED
    ).order_by("-at", "-id")
    return Subquery(events.values("comment")[:1])


def reporter_todo(*, user: AnyUser, today: dt.date | None = None) -> dict[str, Any]:
    """A reporter's forms to do: to fill (deadline first), and returned with the office's
    comment (the unit's tasks due are the tasks app's card, ``my_tasks_card``)."""
    today = today or timezone.localdate()
    scope = permissions.unit_scope_ids(user) or set()
    mine = _open_submissions(user, today).filter(unit_id__in=scope)
    to_fill = list(mine.filter(status__in=WAITING).order_by("deadline", "template__code"))
    returned = list(
        mine.filter(status=SubmissionStatus.RETURNED)
        .annotate(return_comment=_last_return_comment())
        .order_by("deadline")
    )
    return {"to_fill": to_fill, "returned": returned}


def office_waiting(*, user: AnyUser, today: dt.date | None = None) -> dict[str, Any]:
    """What waits for the planning office: forms submitted to review, units late with their
    forms (per open round), and the figures whose units' sum differs from the parent's own."""
    today = today or timezone.localdate()
    open_subs = _open_submissions(user, today)
    last_sent = SubmissionEvent.objects.filter(
        submission=OuterRef("pk"), to_status=SubmissionStatus.SUBMITTED
    ).order_by("-at", "-id")
    submitted = (
        open_subs.filter(status=SubmissionStatus.SUBMITTED)
        .annotate(last_sent=Subquery(last_sent.values("at")[:1]))
        .order_by("submitted_at")
    )
    late = open_subs.filter(
        status__in=(*WAITING, SubmissionStatus.RETURNED), deadline__lt=today
    ).order_by("round__code", "deadline", "unit__name")
    late_rounds: dict[Any, list[Submission]] = {}
    for submission in late:
        late_rounds.setdefault(submission.round, []).append(submission)
    return {
        "submitted": list(submitted[:LIST_LIMIT]),
        "submitted_count": submitted.count(),
        "late_rounds": [
            {"round": r, "submissions": subs[:LIST_LIMIT], "count": len(subs)}
            for r, subs in late_rounds.items()
        ],
        "discrepancies": _discrepancies(today.year - 1),
    }


def _discrepancies(year: int) -> dict[str, Any]:
    result = consolidate(year=year)
    return {"year": year, "count": len(result.discrepancies)}


def home_summary(*, user: AnyUser) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "plans": list(plan_list_for_user(user=user)[:8]),
        "signed_in": permissions.is_authenticated(user),
        "role": getattr(user, "get_role_display", lambda: "")(),
        "unit": getattr(user, "unit", None),
        "consultations": list(consultation_open_list().order_by("closes_at")[:LIST_LIMIT]),
    }
    if permissions.is_reporter(user):
        summary["todo"] = reporter_todo(user=user)
    elif permissions.is_province_wide(user):
        summary["waiting"] = office_waiting(user=user)
    return summary
