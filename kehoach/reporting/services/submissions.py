"""Moving a submission through draft → submitted → returned / accepted, and Phụ lục III lines.

Every transition writes a ``SubmissionEvent`` and an audit row, bumps ``version`` (callers may send
the version they saw: a stale one is refused), and is refused from a status it does not start from.
Accepting writes the entered cells through ``record.accept_cell``: values of record for what the
unit answers for, reported values (discrepancies) for the rest.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.services import audit_record
from kehoach.reporting.errors import TransitionRefused, VersionConflict
from kehoach.reporting.models import (
    ColumnSource,
    Comment,
    ProposalItem,
    RoundStatus,
    Submission,
    SubmissionEvent,
    SubmissionStatus,
)
from kehoach.reporting.selectors import can_fill_submission, can_manage_rounds, submission_grid
from kehoach.reporting.services.cells import check_editable
from kehoach.reporting.services.record import Owners, accept_cell
from kehoach.reporting.validation import submission_validate

S = SubmissionStatus


def _lock(submission: Submission, expected_version: int | None) -> Submission:
    locked = Submission.objects.select_for_update(of=("self",)).select_related(
        "round", "template", "unit", "subject_unit").get(pk=submission.pk)
    if expected_version is not None and int(expected_version) != locked.version:
        raise VersionConflict(_("Biểu đã được thay đổi bởi người khác (phiên bản %(v)s). "
                                "Hãy tải lại trước khi thao tác.") % {"v": locked.version})
    return locked


def _require(submission: Submission, allowed: tuple[str, ...], action: str) -> None:
    if submission.status not in allowed:
        raise TransitionRefused(
            _("Không thể %(a)s biểu đang ở trạng thái “%(s)s”.") % {
                "a": action, "s": submission.get_status_display()}, code="invalid_status")


def _move(submission: Submission, to: str, actor: Any, comment: str = "", **fields: Any) -> None:
    SubmissionEvent.objects.create(submission=submission, actor=actor,
                                   from_status=submission.status, to_status=to, comment=comment)
    submission.status = to
    for name, value in fields.items():
        setattr(submission, name, value)
    submission.version += 1
    submission.save()
    audit_record(actor=actor, action=f"submission_{to}", obj=submission,
                 summary=str(submission), data={"comment": comment[:500]})


def _submit(submission: Submission, actor: Any, allowed: tuple[str, ...],
            expected_version: int | None) -> Submission:
    submission = _lock(submission, expected_version)
    if not can_fill_submission(actor, submission):
        raise PermissionDenied
    if submission.round.status != RoundStatus.OPEN:
        raise TransitionRefused(_("Đợt báo cáo không mở: không gửi được."), code="closed")
    _require(submission, allowed, _("gửi"))
    result = submission_validate(submission=submission)
    if result["errors"]:
        raise TransitionRefused(
            _("Biểu còn %(n)s lỗi, hãy sửa trước khi gửi.") % {"n": len(result["errors"])},
            issues=[i.as_dict() for i in result["errors"]], code="validation")
    first = submission.submitted_at or timezone.now()
    _move(submission, S.SUBMITTED, actor, submitted_at=first)
    return submission


@transaction.atomic
def submission_submit(*, submission: Submission, actor: Any,
                      expected_version: int | None = None) -> Submission:
    """Send a draft to the planning office; refused with the list of errors if any."""
    return _submit(submission, actor, (S.NOT_STARTED, S.DRAFT), expected_version)


@transaction.atomic
def submission_resubmit(*, submission: Submission, actor: Any,
                        expected_version: int | None = None) -> Submission:
    """Send again what was returned (same checks as the first time)."""
    return _submit(submission, actor, (S.RETURNED,), expected_version)


def _reviewer(submission: Submission, actor: Any, expected_version: int | None) -> Submission:
    if not can_manage_rounds(actor):
        raise PermissionDenied
    return _lock(submission, expected_version)


@transaction.atomic
def submission_return(*, submission: Submission, actor: Any, comment: str = "",
                      cell_comments: list[dict[str, Any]] | None = None,
                      expected_version: int | None = None) -> Submission:
    """Send a submission back for correction, with an overall comment and/or per-cell ones
    (``{"row": id, "column": key, "text": …}``)."""
    submission = _reviewer(submission, actor, expected_version)
    _require(submission, (S.SUBMITTED,), _("trả lại"))
    cell_comments = cell_comments or []
    if not comment.strip() and not cell_comments:
        raise ValidationError({"comment": _("Hãy ghi lý do trả lại (chung hoặc cho từng ô).")})
    rows = {r.pk: r for r in submission.template.rows.all()}
    columns = {c.key: c for c in submission.template.columns.all()}
    if comment.strip():
        Comment.objects.create(submission=submission, text=comment.strip(), author=actor)
    for item in cell_comments:
        row, column = rows.get(_int(item.get("row")) or 0), columns.get(str(item.get("column") or ""))
        text = str(item.get("text") or "").strip()
        if row is None or (item.get("column") and column is None) or not text:
            raise ValidationError({"cell_comments": _(
                "Ý kiến theo ô cần dòng, cột có trong biểu và nội dung.")})
        Comment.objects.create(submission=submission, row=row, column=column, text=text,
                               author=actor)
    _move(submission, S.RETURNED, actor, comment=comment.strip())
    return submission


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _write_values(submission: Submission, actor: Any) -> int:
    """Every entered cell through ``accept_cell`` (values of record only for what the unit
    answers for); returns how many became values of record."""
    grid = submission_grid(submission=submission)
    owners = Owners(submission.subject_unit_id, plan_year=submission.round.period_start)
    written = 0
    for row in grid.rows:
        if row.is_heading:
            continue
        for gc in grid.columns:
            cell = grid.get(row, gc.column.key)
            if gc.column.source != ColumnSource.ENTERED or cell is None or cell.value is None:
                continue
            written += accept_cell(submission=submission, indicator=row.indicator,
                                   period=gc.period, kind=gc.column.value_kind, value=cell.value,
                                   note=cell.note, actor=actor, owners=owners)
    return written


@transaction.atomic
def submission_accept(*, submission: Submission, actor: Any, comment: str = "",
                      expected_version: int | None = None) -> Submission:
    """Accept and lock; every entered cell becomes a value of record of the subject unit."""
    submission = _reviewer(submission, actor, expected_version)
    _require(submission, (S.SUBMITTED,), _("tiếp nhận"))
    written = _write_values(submission, actor)
    _move(submission, S.ACCEPTED, actor, comment=comment, accepted_at=timezone.now())
    audit_record(actor=actor, action="submission_values", obj=submission,
                 summary=_("%(n)s số liệu") % {"n": written})
    return submission


@transaction.atomic
def submission_reopen(*, submission: Submission, actor: Any, comment: str = "",
                      expected_version: int | None = None) -> Submission:
    """Unlock an accepted submission so the unit can correct it (it goes back as returned)."""
    submission = _reviewer(submission, actor, expected_version)
    _require(submission, (S.ACCEPTED,), _("mở lại"))
    if not comment.strip():
        raise ValidationError({"comment": _("Hãy ghi lý do mở lại.")})
    Comment.objects.create(submission=submission, text=comment.strip(), author=actor)
    _move(submission, S.RETURNED, actor, comment=comment.strip(), accepted_at=None)
    return submission


@transaction.atomic
def proposal_save(*, submission: Submission, items: list[dict[str, Any]], actor: Any) -> list:
    """Replace the Phụ lục III lines of a submission (tasks and projects it proposes)."""
    submission = _lock(submission, None)
    check_editable(submission, actor)
    if not submission.template.is_proposals:
        raise ValidationError(_("Biểu này không phải biểu đề xuất nhiệm vụ, dự án."))
    submission.proposals.all().delete()
    created, problems = [], []
    for position, item in enumerate(items, start=1):
        coordinating = item.pop("coordinating_units", [])
        proposal = ProposalItem(submission=submission, position=position, **item)
        try:
            proposal.full_clean(exclude=["submission"])
        except ValidationError as exc:
            problems.append(_("Dòng %(n)s: %(e)s") % {"n": position, "e": "; ".join(exc.messages)})
            continue
        proposal.save()
        proposal.coordinating_units.set(coordinating)
        created.append(proposal)
    if problems:
        raise ValidationError(problems)
    if submission.status == S.NOT_STARTED and created:
        _move(submission, S.DRAFT, actor)
    audit_record(actor=actor, action="proposal_save", obj=submission,
                 summary=_("%(n)s đề xuất") % {"n": len(created)})
    return created
