"""Writes of the priority project list; each writes one audit row.

- ``project_create`` / ``project_update`` (optimistic: the ``version`` the editor saw) /
  ``project_delete``: the phase is a range of years (``2021-2025``) inside the plan's years + 5.
- ``capital_plan_set``: the capital planned for one year; ``disbursement_set``: what was disbursed
  in one month. Amounts are tỷ đồng, never negative; a year's disbursement above its plan is stored
  and returned as a warning (the plan may have been raised later).
- ``resource_need_set``: the capital the plan says it needs, for the totals.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Sum
from django.utils.translation import gettext as _

from kehoach.core.concurrency import EditConflict, version_claim
from kehoach.core.models import AnyUser
from kehoach.core.periods import parse_period
from kehoach.core.services import audit_record, fields_cleaned, fields_set, fields_validate
from kehoach.core.templatetags.kh import format_number
from kehoach.plans.models import Plan
from kehoach.projects.models import CapitalPlan, Disbursement, Project, ResourceNeed

PROJECT_FIELDS = ("number", "name", "sector", "location", "investor", "investor_unit",
                  "funding_source", "group", "total_investment", "phase", "status", "targets",
                  "tasks", "note", "position")
_TEXT = ("number", "name", "sector", "investor", "phase", "note")
_MANY = ("targets", "tasks")


class ProjectConflict(EditConflict):
    """Someone else saved the project after the editor loaded it."""


def _clean(data: dict[str, Any]) -> dict[str, Any]:
    clean = fields_cleaned(data, allowed=PROJECT_FIELDS, text=_TEXT)
    if clean.get("total_investment") not in (None, ""):
        clean["total_investment"] = Decimal(str(clean["total_investment"]))
    return clean


def phase_years(text: str) -> tuple[int, int]:
    """``2021-2025`` → (2021, 2025); ``ValueError`` in Vietnamese otherwise."""
    try:
        period = parse_period(text.replace(" ", ""))
    except ValueError:
        period = None
    if period is None or period.granularity not in ("range", "year"):
        raise ValueError(_("Giai đoạn viết như 2021-2025, không phải “%(p)s”.") % {"p": text})
    return period.start_year, period.end_year


def project_validate(project: Project) -> None:
    errors: dict[str, Any] = {}
    try:
        project.start_year, project.end_year = phase_years(project.phase)
        project.phase = (f"{project.start_year}-{project.end_year}"
                         if project.start_year != project.end_year else str(project.start_year))
    except ValueError as exc:
        errors["phase"] = str(exc)
    if project.total_investment is not None and project.total_investment < 0:
        errors["total_investment"] = _("Tổng mức đầu tư không được âm.")
    same = Project.objects.filter(plan_id=project.plan_id, name=project.name).exclude(pk=project.pk)
    if project.name and same.exists():
        errors["name"] = _("Danh mục đã có dự án “%(n)s”.") % {"n": project.name}
    fields_validate(project, errors, exclude=("plan", "start_year", "end_year"))


@transaction.atomic
def project_create(*, actor: AnyUser | None, plan: Plan, name: str, sector: str, funding_source: str,
                   phase: str, **fields: Any) -> Project:
    """Add a project to ``plan``'s list; ``fields``: number, location, investor, investor_unit,
    group, total_investment, status, targets, tasks, note, position."""
    data = _clean({"name": name, "sector": sector, "funding_source": funding_source,
                   "phase": phase, **fields})
    many = {name: list(data.pop(name, None) or []) for name in _MANY}
    if data.get("position") is None:
        last = plan.projects.aggregate(m=Max("position"))["m"]
        data["position"] = 1 if last is None else last + 1
    project = Project(plan=plan, start_year=0, end_year=0, **data)
    project_validate(project)
    project.save()
    for name, objects in many.items():
        getattr(project, name).set(objects)
    audit_record(actor=actor, action="project_create", obj=project,
                 summary=f"{plan.code}: {project.name}")
    return project


def _diff(project: Project, data: dict[str, Any], many: dict[str, list[Any]]) -> dict[str, Any]:
    diff = fields_set(project, data)
    for name, wanted in many.items():
        before = sorted(o.pk for o in getattr(project, name).all())
        if before != sorted(o.pk for o in wanted):
            diff[name] = [str(before), str(sorted(o.pk for o in wanted))]
    return diff


def _bump(project: Project, version: int | None) -> None:
    """Claim the next version; ``ProjectConflict`` (who changed what) when it is stale."""
    version_claim(instance=project, version=version, conflict=ProjectConflict,
                  subject=_("Dự án “%(n)s”") % {"n": project.name})


@transaction.atomic
def project_update(*, project: Project, actor: AnyUser | None, version: int | None = None,
                   **changes: Any) -> tuple[Project, bool]:
    data = _clean(changes)
    many = {name: list(data.pop(name)) for name in _MANY if name in data}
    if version is not None and version != project.version:
        _bump(project, version)
    diff = _diff(project, data, many)
    if not diff:
        return project, False
    project_validate(project)
    _bump(project, version)
    project.save()
    for name, objects in many.items():
        getattr(project, name).set(objects)
    audit_record(actor=actor, action="project_update", obj=project,
                 summary=f"{project.plan.code}: {project.name}: {', '.join(sorted(diff))}",
                 data=diff)
    return project, True


@transaction.atomic
def project_delete(*, project: Project, actor: AnyUser | None) -> None:
    audit_record(actor=actor, action="project_delete", obj=project, summary=project.name)
    project.delete()


def _amount(value: Any, field: str) -> Decimal:
    if value is None or value == "":
        raise ValidationError({field: _("Thiếu số tiền (tỷ đồng).")})
    amount = Decimal(value)
    if amount < 0:
        raise ValidationError({field: _("Số tiền không được âm (%(v)s tỷ đồng).") % {
            "v": format_number(amount)}})
    return amount


def _year(project: Project, year: int) -> None:
    if not project.plan.start_year - 1 <= year <= project.plan.end_year + 5:
        raise ValidationError({"year": _("Năm %(y)s nằm ngoài thời kỳ của kế hoạch.") % {"y": year}})


@transaction.atomic
def capital_plan_set(*, project: Project, actor: AnyUser | None, year: int, amount: Any) -> CapitalPlan:
    _year(project, year)
    value = _amount(amount, "amount")
    row, created = CapitalPlan.objects.get_or_create(project=project, year=year,
                                                     defaults={"amount": value})
    if not created and row.amount != value:
        row.amount = value
        row.save(update_fields=["amount"])
    elif not created:
        return row
    audit_record(actor=actor, action="capital_plan_set", obj=project,
                 summary=f"{project.name}: {year} = {value}", data={"year": year,
                                                                     "amount": str(value)})
    return row


def disbursement_warning(*, project: Project, year: int) -> str:
    """A warning when the year's disbursement exceeds its capital plan (else empty)."""
    planned = CapitalPlan.objects.filter(project=project, year=year).values_list("amount", flat=True)
    done = Disbursement.objects.filter(project=project, year=year).aggregate(s=Sum("amount"))["s"]
    plan_amount = next(iter(planned), None)
    if done is None or plan_amount is None or done <= plan_amount:
        return ""
    return _("Giải ngân năm %(y)s (%(d)s tỷ đồng) vượt kế hoạch vốn năm (%(p)s tỷ đồng).") % {
        "y": year, "d": format_number(done), "p": format_number(plan_amount)}


@transaction.atomic
def disbursement_set(*, project: Project, actor: AnyUser | None, year: int, month: int,
                     amount: Any) -> tuple[Disbursement, str]:
    """Store what was disbursed in ``month``/``year``; returns (row, warning or "")."""
    _year(project, year)
    if not 1 <= int(month) <= 12:
        raise ValidationError({"month": _("Tháng phải từ 1 đến 12.")})
    value = _amount(amount, "amount")
    row, created = Disbursement.objects.update_or_create(
        project=project, year=year, month=month, defaults={"amount": value})
    audit_record(actor=actor, action="disbursement_set", obj=project,
                 summary=f"{project.name}: {month:02d}/{year} = {value}",
                 data={"year": year, "month": month, "amount": str(value)})
    return row, disbursement_warning(project=project, year=year)


@transaction.atomic
def resource_need_set(*, plan: Plan, actor: AnyUser | None, scope: str, phase: str, amount: Any,
                      wording: str = "") -> ResourceNeed:
    try:
        first, last = phase_years(phase)
    except ValueError as exc:
        raise ValidationError({"phase": str(exc)})
    need, _created = ResourceNeed.objects.update_or_create(
        plan=plan, scope=scope, phase=f"{first}-{last}",
        defaults={"amount": _amount(amount, "amount"), "wording": wording})
    need.full_clean()
    audit_record(actor=actor, action="resource_need_set", obj=need,
                 summary=f"{plan.code}: {scope} {need.phase} = {need.amount}")
    return need
