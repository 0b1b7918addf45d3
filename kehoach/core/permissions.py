"""Every access rule of kehoach, in one place.

Roles (``core.Role``):
- administrator: everything, including the Django admin;
- planning office: reads and writes everything of the province;
- leader: reads everything of the province, writes nothing but comments;
- reporter: reads and writes the data of its own unit and the units below it;
- anonymous: published material only (published plans and their targets, open consultations).

Scoped objects are fetched only through the ``*_get_for_user`` helpers of each app's selectors,
which call these functions; an object a user may not see is reported as not found (404,
``deny()``), an action not allowed on an object the user sees as forbidden (403, ``refuse()``).
Pages and endpoints apply the role rules at the door with ``kehoach.core.gate``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeGuard

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext, gettext_lazy

from kehoach.core.middleware import request_memo
from kehoach.core.models import AnyUser, Role, User

PROVINCE_WIDE_ROLES = {Role.ADMIN, Role.PLANNING, Role.LEADER}
MANAGER_ROLES = {Role.ADMIN, Role.PLANNING}


REFUSED = gettext_lazy("Bạn không có quyền thực hiện thao tác này.")


def anyone(user: AnyUser) -> bool:
    """Public: every visitor, logged in or not."""
    return True


def is_authenticated(user: AnyUser | None) -> TypeGuard[User]:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_admin(user: AnyUser | None) -> TypeGuard[User]:
    return is_authenticated(user) and (user.is_superuser or user.role == Role.ADMIN)


def is_manager(user: AnyUser | None) -> TypeGuard[User]:
    """Planning office or administrator: may change anything of the province."""
    return is_authenticated(user) and (user.is_superuser or user.role in MANAGER_ROLES)


def is_province_wide(user: AnyUser | None) -> TypeGuard[User]:
    """May read every unit's data (planning office, leader, administrator)."""
    return is_authenticated(user) and (user.is_superuser or user.role in PROVINCE_WIDE_ROLES)


def is_reporter(user: AnyUser | None) -> TypeGuard[User]:
    return is_authenticated(user) and user.role == Role.REPORTER and user.unit_id is not None


def is_leader(user: AnyUser | None) -> TypeGuard[User]:
    """The province's leaders: their start page is the leaders' dashboard."""
    return is_authenticated(user) and user.role == Role.LEADER


def can_see_leader_dashboard(user: AnyUser | None) -> bool:
    """The leaders' dashboard: leaders, the planning office and administrators (the province's
    whole picture); not reporters, not the public (who have the public dashboard)."""
    return is_province_wide(user)


def unit_scope_ids(user: AnyUser) -> set[int] | None:
    """Ids of the units whose data the user may read; ``None`` means every unit. Computed once
    per request (``core.middleware.request_memo``): one recursive query."""
    if is_province_wide(user):
        return None
    unit_id = user.unit_id if is_reporter(user) else None
    if unit_id is None:
        return set()
    key = ("unit_scope", user.pk, unit_id)
    return set(request_memo(key, lambda: frozenset({unit_id, *_units_below(unit_id)})))


def _units_below(unit_id: int) -> set[int]:
    # The units app's model through the user's foreign key: core imports no domain app.
    unit_model: Any = User._meta.get_field("unit").related_model
    return unit_model.objects.descendant_ids(unit_id)


def can_read_unit_data(user: AnyUser, unit_id: int | None) -> bool:
    scope = unit_scope_ids(user)
    return scope is None or (unit_id is not None and unit_id in scope)


def can_write_unit_data(user: AnyUser, unit_id: int | None) -> bool:
    if is_manager(user):
        return True
    if not is_reporter(user) or unit_id is None:
        return False
    scope = unit_scope_ids(user)
    return scope is not None and unit_id in scope


def can_enter_values(user: AnyUser) -> bool:
    """Enter or import values at all: the planning office, or a reporter (for its units)."""
    return is_manager(user) or is_reporter(user)


def can_read_any_of(user: AnyUser, unit_ids: Iterable[int | None]) -> bool:
    scope = unit_scope_ids(user)
    return scope is None or any(u in scope for u in unit_ids if u is not None)


def can_see_reference_data(user: AnyUser) -> bool:
    """Units, the indicator catalogue: any logged-in user."""
    return is_authenticated(user)


def can_see_plan(user: AnyUser, plan: Any) -> bool:
    """Published plans are public; drafts are seen by the province-wide roles only."""
    return bool(plan.is_published) or is_province_wide(user)


def can_edit_plans(user: AnyUser) -> bool:
    return is_manager(user)


def can_edit_reference_data(user: AnyUser) -> bool:
    return is_manager(user)


# Values (số liệu)


def can_read_value(user: AnyUser, value: Any) -> bool:
    """A value is readable when its unit or its reporting unit is in the user's scope."""
    return can_read_any_of(user, [value.unit_id, value.reported_by_id])


def can_write_value(user: AnyUser, value: Any, *, locked: bool = False) -> bool:
    """The planning office changes any value (a ``locked`` one — it came from an accepted
    submission — only with a reason, see ``can_change_locked_value``). A reporter changes only the
    values of its own units (never through ``reported_by``: a department does not write the
    province's values of record), and never a locked one: the submission is reopened instead."""
    if is_manager(user):
        return True
    return not locked and is_reporter(user) and can_write_unit_data(user, value.unit_id)


def can_change_locked_value(user: AnyUser, *, reason: str, by_submission: bool = False) -> bool:
    """A value from an accepted submission changes only by the planning office, with a reason
    (or by its accepting another submission); people without an account (commands) are trusted."""
    if not is_authenticated(user):
        return True
    return is_manager(user) and (bool(reason.strip()) or by_submission)


def can_review_discrepancies(user: AnyUser) -> bool:
    """Reported figures kept beside the values of record: seen and adopted by the planning
    office (and administrators)."""
    return is_manager(user)


# Evaluation


def can_override_status(user: AnyUser) -> bool:
    """Only the planning office (and administrators) override a computed status."""
    return is_manager(user)


def can_judge_target(user: AnyUser, target: Any) -> bool:
    """The unit's own judgement of a five-year or master-plan target ("có khả năng đạt / khó
    đạt / không đạt"): a reporter of the target's responsible unit, no one else (the planning
    office has its overrides; leaders read)."""
    return (is_reporter(user) and target.responsible_unit_id is not None
            and can_write_unit_data(user, target.responsible_unit_id))


def can_read_unit_judgements(user: AnyUser, unit_id: int | None) -> bool:
    """A unit's judgements and task evaluations: the province-wide roles, and the unit itself."""
    return is_province_wide(user) or (is_authenticated(user) and can_read_unit_data(user, unit_id))


# Reporting rounds


def can_see_round(user: AnyUser, round: Any) -> bool:
    """Province-wide roles see every round; a reporter sees open/closed rounds its units are in."""
    if is_province_wide(user):
        return True
    if round.status == "draft" or not is_authenticated(user):
        return False
    scope = unit_scope_ids(user) or set()
    return round.submissions.filter(unit_id__in=scope).exists()


def can_manage_rounds(user: AnyUser) -> bool:
    """Create, open, close rounds; return, accept and reopen submissions."""
    return is_manager(user)


def can_read_submission(user: AnyUser, submission: Any) -> bool:
    if is_province_wide(user):
        return True
    return submission.round.status != "draft" and can_read_unit_data(user, submission.unit_id)


def can_fill_submission(user: AnyUser, submission: Any) -> bool:
    """Type cells and submit: the unit's reporters, or the planning office on its behalf."""
    return can_read_submission(user, submission) and can_write_unit_data(user, submission.unit_id)


def can_read_round_texts(user: AnyUser) -> bool:
    """Read every unit's written part of a round side by side, the compiled drafts and their
    export: the province-wide roles (planning office, leaders, administrators)."""
    return is_province_wide(user)


def can_compile_texts(user: AnyUser) -> bool:
    """Pick, merge and edit the units' passages into the province's drafts: the planning
    office."""
    return is_manager(user)


# Consultation (lấy ý kiến)


def can_manage_consultations(user: AnyUser) -> bool:
    """Create, edit, moderate, answer, export consultations: the planning office."""
    return is_manager(user)


def can_see_consultation(user: AnyUser, consultation: Any) -> bool:
    """Open and closed published consultations are public; drafts: province-wide roles only."""
    return consultation.status != "draft" or is_province_wide(user)


def can_comment_publicly(consultation: Any) -> bool:
    """Anyone (no login) may comment when the audience is the public."""
    return consultation.audience == "public"


def can_comment_for_unit(user: AnyUser, consultation: Any) -> bool:
    """A logged-in user whose unit is invited comments on behalf of that unit."""
    if not is_authenticated(user) or not user.unit_id:
        return False
    return consultation.invited_units.filter(pk=user.unit_id).exists()


def can_see_contact(user: AnyUser | None) -> bool:
    """Commenters' e-mail or phone: the planning office only, never public."""
    return is_manager(user)


# Action programme (nhiệm vụ) and investment projects (dự án)


def task_unit_ids(task: Any) -> list[int | None]:
    return [task.lead_unit_id, *(u.pk for u in task.coordinating_units.all())]


def can_see_task(user: AnyUser, task: Any) -> bool:
    """Province-wide roles see every task; a reporter the tasks its units lead or coordinate."""
    if not is_authenticated(user):
        return False
    return is_province_wide(user) or can_read_any_of(user, task_unit_ids(task))


def can_edit_tasks(user: AnyUser) -> bool:
    """Create, change, import tasks; decide on proposals: the planning office."""
    return is_manager(user)


def can_report_task(user: AnyUser, task: Any) -> bool:
    """Progress is reported by the lead unit (or the planning office on its behalf); a yearly
    duty is also reported by each coordinating unit that owes it."""
    if can_write_unit_data(user, task.lead_unit_id):
        return True
    if task.deadline_kind != "recurring":
        return False
    return any(can_write_unit_data(user, uid) for uid in task_unit_ids(task)[1:])


def can_assess_task(user: AnyUser, task: Any) -> bool:
    """The unit's own evaluation of a task it leads (hoàn thành / đúng tiến độ / chậm tiến
    độ): a reporter of the lead unit only."""
    return is_reporter(user) and can_write_unit_data(user, task.lead_unit_id)


def can_see_projects(user: AnyUser) -> bool:
    """The priority project list is read by every logged-in user."""
    return is_authenticated(user)


def can_edit_projects(user: AnyUser) -> bool:
    return is_manager(user)


def can_report_disbursement(user: AnyUser, project: Any) -> bool:
    """Monthly disbursement: the planning office, or the unit that reports for the project."""
    return is_manager(user) or (
        project.investor_unit_id is not None
        and can_write_unit_data(user, project.investor_unit_id))


def can_see_import_job(user: AnyUser, job: Any) -> bool:
    """A background import is seen by whoever started it (and administrators)."""
    return is_authenticated(user) and (job.user_id == user.pk or is_admin(user))


def deny() -> Http404:
    """What every helper raises for an object the user may not see: no hint that it exists."""
    return Http404(gettext("Không tìm thấy."))


def refuse() -> PermissionDenied:
    """What to raise for an action not allowed on an object the user may see (403)."""
    return PermissionDenied(str(REFUSED))
