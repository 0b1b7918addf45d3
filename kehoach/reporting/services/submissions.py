"""Moving a submission through draft → submitted → returned / accepted, and Phụ lục III lines.

``submission_transition`` is the one service that moves a submission, by the rows of
``kehoach.reporting.workflow.TRANSITIONS``. Every move writes a ``SubmissionEvent`` and an audit
row, bumps ``version`` (callers may send the version they saw: a stale one is refused), and is
refused from a status it does not start from. Accepting writes the entered cells through
``submission_accept_values`` → ``record.accept_cell``: values of record for what the unit answers
for, reported values (discrepancies) for the rest.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.services import audit_record
from kehoach.reporting import workflow
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
from kehoach.reporting.selectors import submission_grid
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


def _check(submission: Submission, action: str, actor: Any) -> workflow.Transition:
    """The table's row for ``action`` from the submission's status, or why not (role: 403; round
    closed, wrong status: ``TransitionRefused``)."""
    if action not in workflow.Action.values or action == workflow.Action.EDIT:
        raise ValueError(f"unknown submission action {action!r}")
    if not workflow.has_role(actor, submission, action):
        raise permissions.refuse()
    if workflow.needs_open_round(action) and submission.round.status != RoundStatus.OPEN:
        raise TransitionRefused(_("Đợt báo cáo không mở: không gửi được."), code="closed")
    row = workflow.transition_for(submission.status, action)
    if row is None:
        raise TransitionRefused(
            _("Không thể %(a)s biểu đang ở trạng thái “%(s)s”.") % {
                "a": workflow.Action(action).label, "s": submission.get_status_display()},
            code="invalid_status")
    return row


@transaction.atomic
def submission_transition(*, submission: Submission, action: str, actor: Any, comment: str = "",
                          cell_comments: list[dict[str, Any]] | None = None,
                          expected_version: int | None = None) -> Submission:
    """Move ``submission`` by ``action`` (a row of ``workflow.TRANSITIONS``).

    ``submit``/``resubmit``: refused with the list of errors while the checks find any;
    ``return``: an overall comment and/or per-cell ones (``{"row": id, "column": key, "text"}``)
    and per-section ones (``{"section": key, "text"}``: the written part);
    ``accept``: the entered cells become values of record (``submission_accept_values``);
    ``reopen``: a reason is required; the form goes back as returned."""
    submission = _lock(submission, expected_version)
    row = _check(submission, action, actor)
    comment = comment.strip()
    fields: dict[str, Any] = {}
    if row.target == S.SUBMITTED:
        _check_valid(submission)
        fields["submitted_at"] = submission.submitted_at or timezone.now()
    elif action == workflow.Action.RETURN:
        _add_comments(submission, actor, comment, cell_comments or [])
    elif action == workflow.Action.ACCEPT:
        submission_accept_values(submission=submission, actor=actor)
        fields["accepted_at"] = timezone.now()
    elif action == workflow.Action.REOPEN:
        if not comment:
            raise ValidationError({"comment": _("Hãy ghi lý do mở lại.")})
        Comment.objects.create(submission=submission, text=comment, author=actor)
        fields["accepted_at"] = None
    _move(submission, row.target, actor, comment=comment, **fields)
    return submission


def _check_valid(submission: Submission) -> None:
    result = submission_validate(submission=submission)
    if result["errors"]:
        raise TransitionRefused(
            _("Biểu còn %(n)s lỗi, hãy sửa trước khi gửi.") % {"n": len(result["errors"])},
            issues=[i.as_dict() for i in result["errors"]], code="validation")


def _add_comments(submission: Submission, actor: Any, comment: str,
                  cell_comments: list[dict[str, Any]]) -> None:
    if not comment and not cell_comments:
        raise ValidationError({"comment": _("Hãy ghi lý do trả lại (chung hoặc cho từng ô).")})
    rows = {r.pk: r for r in submission.template.rows.all()}
    columns = {c.key: c for c in submission.template.columns.all()}
    sections = {s.key: s for s in submission.round.sections.all()}
    if comment:
        Comment.objects.create(submission=submission, text=comment, author=actor)
    for item in cell_comments:
        if "section" in item:
            _add_section_comment(submission, actor, sections, item)
            continue
        row, column = rows.get(_int(item.get("row")) or 0), columns.get(str(item.get("column") or ""))
        text = str(item.get("text") or "").strip()
        if row is None or (item.get("column") and column is None) or not text:
            raise ValidationError({"cell_comments": _(
                "Ý kiến theo ô cần dòng, cột có trong biểu và nội dung.")})
        Comment.objects.create(submission=submission, row=row, column=column, text=text,
                               author=actor)


def _add_section_comment(submission: Submission, actor: Any, sections: dict[str, Any],
                         item: dict[str, Any]) -> None:
    section, text = sections.get(str(item.get("section") or "")), str(item.get("text") or "").strip()
    if section is None or not text:
        raise ValidationError({"cell_comments": _(
            "Ý kiến theo mục cần một mục viết của đợt và nội dung.")})
    Comment.objects.create(submission=submission, section=section, text=text, author=actor)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def submission_accept_values(*, submission: Submission, actor: Any) -> int:
    """What accepting writes: every entered cell through ``accept_cell`` (values of record only
    for what the unit answers for); one audit row. Returns how many became values of record."""
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
    audit_record(actor=actor, action="submission_values", obj=submission,
                 summary=_("%(n)s số liệu") % {"n": written})
    return written


# The named moves, for code that knows which one it wants (demo, tests, the Excel importer).


def submission_submit(*, submission: Submission, actor: Any,
                      expected_version: int | None = None) -> Submission:
    """Send a draft to the planning office; refused with the list of errors if any."""
    return submission_transition(submission=submission, action="submit", actor=actor,
                                 expected_version=expected_version)


def submission_resubmit(*, submission: Submission, actor: Any,
                        expected_version: int | None = None) -> Submission:
    """Send again what was returned (same checks as the first time)."""
    return submission_transition(submission=submission, action="resubmit", actor=actor,
                                 expected_version=expected_version)


def submission_return(*, submission: Submission, actor: Any, comment: str = "",
                      cell_comments: list[dict[str, Any]] | None = None,
                      expected_version: int | None = None) -> Submission:
    """Send a submission back for correction, with an overall comment and/or per-cell ones."""
    return submission_transition(submission=submission, action="return", actor=actor,
                                 comment=comment, cell_comments=cell_comments,
                                 expected_version=expected_version)


def submission_accept(*, submission: Submission, actor: Any, comment: str = "",
                      expected_version: int | None = None) -> Submission:
    """Accept and lock; every entered cell becomes a value of record of the subject unit."""
    return submission_transition(submission=submission, action="accept", actor=actor,
                                 comment=comment, expected_version=expected_version)


def submission_reopen(*, submission: Submission, actor: Any, comment: str = "",
                      expected_version: int | None = None) -> Submission:
    """Unlock an accepted submission so the unit can correct it (it goes back as returned)."""
    return submission_transition(submission=submission, action="reopen", actor=actor,
                                 comment=comment, expected_version=expected_version)


def _proposal_check(proposal: ProposalItem) -> None:
    """The fields of a Phụ lục III line, without a query: its units arrive resolved (Unit
    objects), its position is new and the kind is checked against its choices; the database
    keeps the constraints all the same."""
    proposal.full_clean(exclude=["submission", "lead_unit"], validate_unique=False,
                        validate_constraints=False)
    if proposal.cost is not None and proposal.cost < 0:
        raise ValidationError({"cost": _("Kinh phí không được là số âm.")})


@transaction.atomic
def proposal_save(*, submission: Submission, items: list[dict[str, Any]], actor: Any) -> list:
    """Replace the Phụ lục III lines of a submission (tasks and projects it proposes)."""
    submission = _lock(submission, None)
    check_editable(submission, actor)
    if not submission.template.is_proposals:
        raise ValidationError(_("Biểu này không phải biểu đề xuất nhiệm vụ, dự án."))
    submission.proposals.all().delete()
    created, links, problems = [], [], []
    for position, item in enumerate(items, start=1):
        coordinating = {unit.pk for unit in item.pop("coordinating_units", [])}
        proposal = ProposalItem(submission=submission, position=position, **item)
        try:
            _proposal_check(proposal)
        except ValidationError as exc:
            problems.append(_("Dòng %(n)s: %(e)s") % {"n": position, "e": "; ".join(exc.messages)})
            continue
        created.append(proposal)
        links.append(coordinating)
    if not problems:  # one insert for the lines, one for their coordinating units
        ProposalItem.objects.bulk_create(created)
        through = ProposalItem.coordinating_units.through
        through.objects.bulk_create([through(proposalitem_id=proposal.pk, unit_id=unit_id)
                                     for proposal, unit_ids in zip(created, links, strict=True)
                                     for unit_id in sorted(unit_ids)])
    if problems:
        raise ValidationError(problems)
    row = workflow.transition_for(submission.status, workflow.Action.EDIT)
    if created and row is not None and row.target != submission.status:
        _move(submission, row.target, actor)
    audit_record(actor=actor, action="proposal_save", obj=submission,
                 summary=_("%(n)s đề xuất") % {"n": len(created)})
    return created
