"""Reads of the documents app: which plan reports a user may download (rules in
``kehoach.core.permissions``, through the plans and evaluation selectors)."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.models import AnyUser
from kehoach.documents.models import DocumentTemplate, ReportJob
from kehoach.evaluation.selectors import evaluation_plans_for_user, evaluation_unit_get_for_user
from kehoach.evaluation.services import PlanEvaluation, plan_evaluate
from kehoach.plans.models import Plan
from kehoach.plans.selectors import plan_get_for_user
from kehoach.units.models import Unit


def report_plans_for_user(*, user: AnyUser) -> QuerySet[Plan]:
    """Plans a logged-in user may report on (reporters: plans with a target in their scope)."""
    return evaluation_plans_for_user(user=user)


def report_plan_get_for_user(*, user: AnyUser, code: str) -> Plan:
    """The plan if the user is logged in and may see it (drafts: province-wide roles), else 404."""
    if not permissions.is_authenticated(user):
        raise permissions.deny()
    return plan_get_for_user(user=user, code=code)


def report_unit_get_for_user(*, user: AnyUser, code: str) -> Unit | None:
    """The unit whose figures the user may read (404 otherwise); None for no code."""
    return evaluation_unit_get_for_user(user=user, code=code) if code else None


def report_default_year(plan: Plan) -> int:
    """Last year, within the plan's period."""
    return max(plan.start_year, min(timezone.localdate().year - 1, plan.end_year))


def report_evaluation(*, plan: Plan, year: int, unit: Unit | None,
                      user: AnyUser | None) -> PlanEvaluation:
    """The evaluation the report is written from. ``user`` None: the command line (everything).

    A year outside the plan's period, or a plan without targets, is a ``ValidationError``; a
    reporter with no target of the plan in scope gets 404 (nothing to hint that it exists)."""
    if not plan.start_year <= year <= plan.end_year:
        raise ValidationError(
            _("Năm %(y)s nằm ngoài kỳ của kế hoạch (%(a)s-%(b)s); hãy chọn một năm trong kỳ.")
            % {"y": year, "a": plan.start_year, "b": plan.end_year}, code="year")
    evaluation = plan_evaluate(plan=plan, year=year, unit=unit, user=user)
    if not evaluation.results:
        if user is not None and permissions.unit_scope_ids(user) is not None:
            raise permissions.deny()
        raise ValidationError(_("Kế hoạch %(p)s chưa có chỉ tiêu nào để báo cáo%(u)s.") % {
            "p": plan.code, "u": _(" cho đơn vị %(u)s") % {"u": unit.code} if unit else ""},
            code="empty")
    return evaluation


def report_job_get_for_user(*, user: AnyUser, job_id: Any) -> ReportJob:
    """The background report ``job_id`` if the user started it (or administers); else Http404."""
    try:
        key = uuid.UUID(str(job_id))
    except ValueError:
        raise permissions.deny() from None
    job = ReportJob.objects.select_related("plan", "unit").filter(pk=key).first()
    if job is None or not permissions.can_see_import_job(user, job):
        raise permissions.deny()
    return job


def report_jobs_for_user(*, user: AnyUser, limit: int = 10) -> list[ReportJob]:
    """The user's latest background reports (newest first)."""
    if not permissions.is_authenticated(user):
        return []
    return list(ReportJob.objects.filter(user=user).select_related("plan")[:limit])


def document_template_stored(*, kind: str) -> bytes | None:
    """The province's own template of a document kind (None: the built-in one is used)."""
    stored = DocumentTemplate.objects.filter(kind=kind).values_list("content", flat=True).first()
    return bytes(stored) if stored else None
