"""The units' Phụ lục III proposals turned into the programme by the planning office.

- ``proposal_accept``: a proposed task becomes a task of the plan; a proposed project a project of
  the plan's list (its sector and funding source given by the planning office).
- ``proposal_merge``: several proposals go into one task or project already in the programme;
  their lead units become coordinating units of the task.
- ``proposal_refuse``: not taken, with a reason the unit sees.

Only proposals of submitted or accepted forms are decided, each once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.models import AnyUser, User
from kehoach.core.services import audit_record
from kehoach.plans.models import Plan
from kehoach.tasks.models import Decision, ProposalDecision, Task

DECIDABLE = ("submitted", "accepted")


def proposals_for_user(*, user: AnyUser, plan: Plan | None = None, pending: bool | None = None) -> QuerySet[Any]:
    """Phụ lục III lines ``user`` may see: all for province-wide roles, the unit's own for a
    reporter (with the decision, so the unit sees why a line was refused)."""
    from kehoach.reporting.models import ProposalItem

    qs = ProposalItem.objects.filter(submission__status__in=DECIDABLE)
    scope = permissions.unit_scope_ids(user)
    if not permissions.is_authenticated(user):
        return qs.none()
    if scope is not None:
        qs = qs.filter(submission__unit_id__in=scope)
    if pending is not None:
        qs = qs.filter(decision__isnull=pending)
    return (qs.select_related("submission__unit", "submission__round", "lead_unit",
                              "decision__task", "decision__project")
            .prefetch_related("coordinating_units").order_by("submission__unit__name", "position"))


def proposal_get_for_manager(*, user: AnyUser, pk: int) -> Any:
    if not permissions.can_edit_tasks(user):
        raise permissions.deny()
    found = proposals_for_user(user=user).filter(pk=pk).first()
    if found is None:
        raise permissions.deny()
    return found


def _undecided(proposal: Any) -> None:
    if ProposalDecision.objects.filter(proposal=proposal).exists():
        raise ValidationError(_("Đề xuất “%(t)s” đã được xử lý.") % {"t": proposal.text[:60]})
    current = type(proposal.submission).objects.filter(pk=proposal.submission_id)
    if not current.filter(status__in=DECIDABLE).exists():
        raise ValidationError(_("Chỉ xử lý đề xuất của biểu đã gửi."))


def _decide(proposal: Any, actor: AnyUser | None, decision: str, **links: Any) -> ProposalDecision:
    made = ProposalDecision.objects.create(proposal=proposal, decision=decision,
                                           decided_by=actor if isinstance(actor, User) else None,
                                           **links)
    audit_record(actor=actor, action=f"proposal_{decision}", obj=proposal,
                 summary=f"{proposal.submission.unit.code}: {proposal.text[:120]}",
                 data={"task": getattr(made.task, "pk", None),
                       "project": getattr(made.project, "pk", None), "reason": made.reason})
    return made


@transaction.atomic
def proposal_accept(*, proposal: Any, actor: AnyUser | None, plan: Plan, number: str = "",
                    deadline_text: str = "", group: str = "", sector: str = "",
                    funding_source: str = "", phase: str = "") -> ProposalDecision:
    """Turn a proposal into a task (kind ``task``) or a project (kind ``project``) of ``plan``."""
    from kehoach.projects.services import project_create
    from kehoach.tasks.services import task_create

    _undecided(proposal)
    if proposal.kind == "project":
        project = project_create(
            actor=actor, plan=plan, name=proposal.text[:500], sector=sector,
            funding_source=funding_source, phase=phase or proposal.period,
            location=proposal.lead_unit, total_investment=proposal.cost,
            note=_("Đề xuất của %(u)s") % {"u": proposal.submission.unit.name})
        return _decide(proposal, actor, Decision.ACCEPTED, project=project)
    if proposal.lead_unit is None:
        raise ValidationError({"lead_unit": _("Đề xuất chưa có cơ quan chủ trì.")})
    task = task_create(
        actor=actor, plan=plan, number=number or _next_number(plan), text=proposal.text,
        lead_unit=proposal.lead_unit, deadline_text=deadline_text or proposal.period,
        coordinating_units=[u for u in proposal.coordinating_units.all()
                            if u.pk != proposal.lead_unit_id],
        product=proposal.product, **({"group": group} if group else {}))
    return _decide(proposal, actor, Decision.ACCEPTED, task=task)


def _next_number(plan: Plan) -> str:
    numbers = [int(n) for n in plan.tasks.values_list("number", flat=True) if n.isdigit()]
    return str(max(numbers, default=0) + 1)


@transaction.atomic
def proposal_merge(*, proposals: Sequence[Any], actor: AnyUser | None, task: Task | None = None,
                   project: Any = None) -> list[ProposalDecision]:
    """Merge ``proposals`` into ``task`` (or ``project``); their lead units join the task's
    coordinating units."""
    if (task is None) == (project is None):
        raise ValidationError(_("Chọn một nhiệm vụ hoặc một dự án để gộp đề xuất vào."))
    decisions = []
    for proposal in proposals:
        _undecided(proposal)
        if task is not None and proposal.lead_unit_id and proposal.lead_unit_id != task.lead_unit_id:
            task.coordinating_units.add(proposal.lead_unit)
        decisions.append(_decide(proposal, actor, Decision.MERGED, task=task, project=project))
    if not decisions:
        raise ValidationError(_("Chọn ít nhất một đề xuất để gộp."))
    return decisions


@transaction.atomic
def proposal_refuse(*, proposal: Any, actor: AnyUser | None, reason: str) -> ProposalDecision:
    _undecided(proposal)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do không đưa đề xuất vào chương trình "
                                           "(đơn vị đề xuất sẽ thấy lý do này).")})
    made = ProposalDecision(proposal=proposal, decision=Decision.REFUSED, reason=reason)
    made.decided_by = actor if isinstance(actor, User) else None
    made.save()
    audit_record(actor=actor, action="proposal_refused", obj=proposal,
                 summary=f"{proposal.submission.unit.code}: {proposal.text[:120]}",
                 data={"reason": reason})
    return made
