"""Writes of plans and targets; each writes one audit row.

- ``plan_create`` / ``plan_update``: years in order, no parent cycle, targets stay inside the years.
- ``target_create`` / ``target_update`` / ``target_delete``: the period is parsed with
  ``parse_period`` and must lie within the plan's years; ``start_year``/``end_year`` follow from
  it; a ``between`` target needs ``value ≤ value_max``, other comparators no ``value_max``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Max, Q
from django.utils.translation import gettext as _

from kehoach.core.concurrency import version_check, version_claim
from kehoach.core.constants import YEAR_MAX, YEAR_MIN
from kehoach.core.periods import parse_period
from kehoach.core.services import audit_record, model_update
from kehoach.core.templatetags.kh import format_number
from kehoach.plans.models import Comparator, Plan, PlanRevision, Target

if TYPE_CHECKING:
    from kehoach.indicators.models import Indicator
    from kehoach.units.models import Unit


class PlanChanges(TypedDict, total=False):
    """The fields ``plan_update`` may change (any subset)."""

    code: str
    name: str
    kind: str
    start_year: int
    end_year: int
    unit: Unit
    parent: Plan | None
    document: str
    document_date: dt.date | None
    issuer: str
    status: str
    goal: str


class TargetChanges(TypedDict, total=False):
    """The fields ``target_update`` may change (any subset)."""

    indicator: Indicator
    unit: Unit
    period: str
    comparator: str
    value: Decimal
    value_max: Decimal | None
    target_type: str
    tolerance: Decimal | None
    wording: str
    phrasing: str
    note: str
    position: int
    responsible_unit: Unit | None
    effective_from: dt.date | None
    revision: PlanRevision | None


PLAN_FIELDS = tuple(PlanChanges.__annotations__)
TARGET_FIELDS = tuple(TargetChanges.__annotations__)
_PLAN_TEXT = ("code", "name", "document", "issuer", "goal")
_TARGET_TEXT = ("period", "wording", "note")


def _nfc(data: Any, names: tuple[str, ...]) -> dict[str, Any]:
    clean = dict(data)
    for name in names:
        if name in clean:
            clean[name] = unicodedata.normalize("NFC", clean[name] or "").strip()
    return clean


def _check_fields(allowed: tuple[str, ...], data: dict[str, Any]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")


def _full_clean(obj: Any, errors: dict[str, Any], exclude: tuple[str, ...] = ()) -> None:
    try:
        obj.full_clean(exclude=[*errors, *exclude], validate_unique=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)


# --- plans --------------------------------------------------------------------------------------


def _parent_cycle(plan: Plan) -> list[str] | None:
    """The chain of parents that leads back to ``plan``, if there is one."""
    chain = [plan.code]
    current = plan.parent
    seen: set[int] = set()
    while current is not None:
        chain.append(current.code)
        if (plan.pk is not None and current.pk == plan.pk) or current.code == plan.code:
            return chain
        if current.pk in seen:
            return None  # a cycle above, not through this plan (cannot be created here)
        seen.add(current.pk)
        current = current.parent
    return None


def plan_validate(plan: Plan) -> None:
    """Raise ValidationError (by field) when ``plan`` breaks a rule."""
    errors: dict[str, Any] = {}
    years_ok = isinstance(plan.start_year, int) and isinstance(plan.end_year, int)
    if years_ok and not YEAR_MIN <= plan.start_year <= plan.end_year <= YEAR_MAX:
        errors["end_year"] = _("Năm bắt đầu (%(a)s) phải không sau năm kết thúc (%(b)s), trong "
                               "khoảng 1900–2200.") % {"a": plan.start_year, "b": plan.end_year}
    cycle = _parent_cycle(plan) if plan.parent_id or plan.parent else None
    if cycle:
        errors["parent"] = _("Kế hoạch cấp trên tạo vòng lặp: %(c)s.") % {"c": " → ".join(cycle)}
    elif years_ok and plan.parent is not None and not (
            plan.parent.start_year <= plan.start_year <= plan.end_year <= plan.parent.end_year):
        errors["parent"] = _("Kế hoạch %(c)s (%(a)s-%(b)s) nằm ngoài các năm của kế hoạch cấp trên "
                             "%(p)s (%(x)s-%(y)s).") % {
            "c": plan.code, "a": plan.start_year, "b": plan.end_year, "p": plan.parent.code,
            "x": plan.parent.start_year, "y": plan.parent.end_year}
    if years_ok and plan.pk and "end_year" not in errors:
        outside = plan.targets.filter(Q(start_year__lt=plan.start_year) | Q(end_year__gt=plan.end_year))
        periods = sorted(set(outside.values_list("period", flat=True)))
        if periods:
            errors["start_year"] = _("Có chỉ tiêu kế hoạch ngoài các năm %(a)s-%(b)s (kỳ %(p)s): "
                                     "sửa hoặc xóa chúng trước.") % {
                "a": plan.start_year, "b": plan.end_year, "p": ", ".join(periods)}
    _full_clean(plan, errors)


def _plan_code_taken(plan: Plan) -> None:
    if Plan.objects.filter(code=plan.code).exclude(pk=plan.pk).exists():
        raise ValidationError({"code": _("Đã có kế hoạch mã “%(c)s”.") % {"c": plan.code}})


@transaction.atomic
def plan_create(*, actor: Any, code: str, name: str, kind: str, start_year: int, end_year: int,
                unit: Any, **fields: Any) -> Plan:
    """Create a plan; ``fields``: parent, document, document_date, issuer, status, goal."""
    data = _nfc({"code": code, "name": name, "kind": kind, "start_year": start_year,
                 "end_year": end_year, "unit": unit, **fields}, _PLAN_TEXT)
    _check_fields(PLAN_FIELDS, data)
    plan = Plan(**data)
    _plan_code_taken(plan)
    plan_validate(plan)
    plan.save()
    audit_record(actor=actor, action="plan_create", obj=plan, summary=plan.name)
    return plan


@transaction.atomic
def plan_update(*, plan: Plan, actor: Any, data: PlanChanges,
                version: int | None = None) -> tuple[Plan, bool]:
    """Change some fields of ``plan``; returns (plan, whether anything changed).

    ``version``: the one the editor loaded (``None``: the one ``plan`` was read with); someone
    else's save in between raises ``EditConflict`` and nothing is stored."""
    subject = _("Kế hoạch %(c)s") % {"c": plan.code}
    version_check(instance=plan, version=version, subject=subject)

    def validate(_changes: Any) -> None:
        _plan_code_taken(plan)
        plan_validate(plan)
        version_claim(instance=plan, version=version, subject=subject)

    changes = model_update(instance=plan, fields=PLAN_FIELDS, data=_nfc(data, _PLAN_TEXT),
                           actor=actor, validate=validate)
    return plan, bool(changes)


# --- targets ------------------------------------------------------------------------------------


def target_validate(target: Target) -> None:
    """Raise ValidationError (by field) when ``target`` breaks a rule; sets its years."""
    errors: dict[str, Any] = {}
    try:
        period = parse_period(target.period)
    except ValueError as exc:
        errors["period"] = str(exc)
    else:
        target.period, target.start_year, target.end_year = period.code, period.start_year, period.end_year
        if period.granularity not in ("year", "range"):
            errors["period"] = _("Kỳ của chỉ tiêu kế hoạch là một năm (2030) hoặc một giai đoạn "
                                 "(2021-2030), không phải “%(p)s”.") % {"p": target.period}
        elif not target.plan.start_year <= period.start_year <= period.end_year <= target.plan.end_year:
            errors["period"] = _("Kỳ %(p)s nằm ngoài các năm của kế hoạch (%(a)s-%(b)s).") % {
                "p": period.code, "a": target.plan.start_year, "b": target.plan.end_year}
    errors.update(_bounds_errors(target))
    if "period" not in errors:
        errors.update(_responsible_errors(target))
    if target.tolerance is not None and target.tolerance < 0:
        errors["tolerance"] = _("Sai số cho phép không được âm.")
    if "period" not in errors and _duplicate(target):
        errors["indicator"] = _("Kế hoạch đã có chỉ tiêu này cho đơn vị %(u)s, kỳ %(p)s.") % {
            "u": target.unit, "p": target.period}
    _full_clean(target, errors, exclude=("start_year", "end_year"))


def _bounds_errors(target: Target) -> dict[str, str]:
    if target.comparator == Comparator.BETWEEN:
        if target.value_max is None:
            return {"value_max": _("Chỉ tiêu “từ … đến …” cần giá trị tối đa (value_max).")}
        if target.value is not None and Decimal(target.value) > Decimal(target.value_max):
            return {"value_max": _("Khoảng bị ngược: “từ %(a)s đến %(b)s”; giá trị đầu phải không lớn "
                                   "hơn giá trị cuối.") % {"a": format_number(target.value),
                                                          "b": format_number(target.value_max)}}
    elif target.value_max is not None:
        return {"value_max": _("Chỉ dùng giá trị tối đa cho chỉ tiêu “từ … đến …” (between).")}
    return {}


def unit_valid_in_years(unit: Any, start_year: int, end_year: int) -> bool:
    """Whether ``unit`` exists on at least one day of the years ``start_year``–``end_year``."""
    first, last = dt.date(start_year, 1, 1), dt.date(end_year, 12, 31)
    return (unit.valid_from is None or unit.valid_from <= last) and (
        unit.valid_to is None or unit.valid_to >= first)


def _responsible_errors(target: Target) -> dict[str, str]:
    unit = target.responsible_unit
    if unit is None or unit_valid_in_years(unit, target.start_year, target.end_year):
        return {}
    return {"responsible_unit": _(
        "Đơn vị chịu trách nhiệm “%(u)s” không tồn tại trong kỳ %(p)s của chỉ tiêu (hiệu lực "
        "%(a)s – %(b)s).") % {"u": unit, "p": target.period,
                            "a": unit.valid_from.strftime("%d/%m/%Y") if unit.valid_from else "…",
                            "b": unit.valid_to.strftime("%d/%m/%Y") if unit.valid_to else "…"}}


def _duplicate(target: Target) -> bool:
    if not (target.plan_id and target.indicator_id and target.unit_id):
        return False
    same = Target.objects.filter(plan_id=target.plan_id, indicator_id=target.indicator_id,
                                 unit_id=target.unit_id, period=target.period,
                                 superseded_from__isnull=True)
    return same.exclude(pk=target.pk).exists()


@transaction.atomic
def target_create(*, actor: Any, plan: Plan, indicator: Any, unit: Any, period: str,
                  comparator: str, value: Decimal, **fields: Any) -> Target:
    """Add a target to ``plan``; ``fields``: value_max, target_type, tolerance, wording, note,
    position (default: after the plan's last target)."""
    data = _nfc({"indicator": indicator, "unit": unit, "period": period, "comparator": comparator,
                 "value": value, **fields}, _TARGET_TEXT)
    _check_fields(TARGET_FIELDS, data)
    if data.get("position") is None:
        last = plan.targets.aggregate(m=Max("position"))["m"]
        data["position"] = 1 if last is None else last + 1
    target = Target(plan=plan, start_year=0, end_year=0, **data)
    target_validate(target)
    target.save()
    audit_record(actor=actor, action="target_create", obj=target,
                 summary=f"{plan.code}: {target}")
    return target


@transaction.atomic
def target_update(*, target: Target, actor: Any, data: TargetChanges,
                  version: int | None = None) -> tuple[Target, bool]:
    """Change some fields of ``target``; returns (target, whether anything changed).

    ``version`` as for ``plan_update``."""
    subject = _("Chỉ tiêu %(t)s của kế hoạch %(p)s") % {"t": target, "p": target.plan.code}
    version_check(instance=target, version=version, subject=subject)

    def validate(_changes: Any) -> None:
        target_validate(target)
        version_claim(instance=target, version=version, subject=subject)

    clean = _nfc(data, _TARGET_TEXT)
    _check_fields(TARGET_FIELDS, clean)
    if "period" in clean:
        try:
            clean["period"] = parse_period(clean["period"]).code
        except ValueError as exc:
            raise ValidationError({"period": str(exc)})
    changes = model_update(instance=target, fields=TARGET_FIELDS, data=clean, actor=actor,
                           validate=validate, also_save=("start_year", "end_year"),
                           subject=target.plan.code)
    return target, bool(changes)


@transaction.atomic
def target_delete(*, target: Target, actor: Any) -> None:
    audit_record(actor=actor, action="target_delete", obj=target,
                 summary=f"{target.plan.code}: {target}",
                 data={"period": target.period, "value": str(target.value)})
    target.delete()



@transaction.atomic
def targets_assign_responsible(*, actor: Any, plan: Plan,
                               assignments: dict[int, Any]) -> int:
    """Give targets of ``plan`` to units (``assignments``: target id → unit or None); all or
    nothing: a unit that does not exist in a target's period refuses the whole set, naming the
    rows. Returns how many targets changed."""
    targets = {t.pk: t for t in plan.targets.select_related("indicator", "responsible_unit")
               .filter(pk__in=list(assignments))}
    problems: list[str] = []
    changed: list[tuple[Target, Any]] = []
    for pk, unit in assignments.items():
        target = targets.get(pk)
        if target is None:
            problems.append(_("Chỉ tiêu #%(id)s không thuộc kế hoạch %(p)s.") % {"id": pk, "p": plan.code})
            continue
        if target.responsible_unit_id == (unit.pk if unit else None):
            continue
        before = target.responsible_unit
        target.responsible_unit = unit
        error = _responsible_errors(target).get("responsible_unit")
        if error:
            problems.append(f"{target.indicator.code} ({target.period}): {error}")
        changed.append((target, before))
    if problems:
        raise ValidationError(problems)
    for target, before in changed:
        target.version = F("version") + 1  # an editor who loaded it before gets a conflict
        target.save(update_fields=["responsible_unit", "version"])
        audit_record(actor=actor, action="target_assign", obj=target,
                     summary=f"{plan.code}: {target} → {target.responsible_unit or '—'}",
                     data={"responsible_unit": [str(before or ""), str(target.responsible_unit or "")]})
    return len(changed)


def _rolled(period: str, years: int) -> str:
    parsed = parse_period(period)
    start, end = parsed.start_year + years, parsed.end_year + years
    return str(start) if start == end else f"{start}-{end}"


@transaction.atomic
def plan_draft_next_year(*, actor: Any, plan: Plan, code: str) -> Plan:
    """Next year's annual plan drafted from ``plan``: same parent and unit, status draft, name
    and targets rolled one year (a responsible unit that no longer exists is left blank)."""
    if plan.kind != "annual":
        raise ValidationError({"code": _("Chỉ lập kế hoạch năm sau từ một kế hoạch năm.")})
    year = plan.end_year + 1
    parent = plan.parent
    if parent is not None and not parent.start_year <= year <= parent.end_year:
        parent = None
    draft = plan_create(actor=actor, code=code, name=plan.name.replace(str(plan.end_year), str(year)),
                        kind="annual", start_year=year, end_year=year, unit=plan.unit,
                        parent=parent, status="draft", goal=plan.goal)
    for target in plan.targets.filter(superseded_from__isnull=True).select_related(
            "responsible_unit").order_by("position", "id"):
        responsible = target.responsible_unit
        if responsible is not None and not unit_valid_in_years(responsible, year, year):
            responsible = None
        target_create(actor=actor, plan=draft, indicator=target.indicator, unit=target.unit,
                      period=_rolled(target.period, 1), comparator=target.comparator,
                      value=target.value, value_max=target.value_max,
                      target_type=target.target_type, tolerance=target.tolerance,
                      position=target.position,
                      responsible_unit=responsible,
                      note=_("Dự thảo từ %(c)s") % {"c": plan.code})
    return draft



# --- lifecycle: draft → submitted → adopted → revised ----------------------------------------


@transaction.atomic
def plan_submit(*, actor: Any, plan: Plan) -> Plan:
    """The planning office submits a draft plan (đã trình) to the People's Committee/Council."""
    if plan.status != "draft":
        raise ValidationError({"status": _(
            "Chỉ trình được kế hoạch đang là dự thảo; kế hoạch %(c)s đang ở trạng thái “%(s)s”.")
            % {"c": plan.code, "s": plan.get_status_display()}})
    plan, _changed = plan_update(plan=plan, actor=actor, data={"status": "submitted"})
    return plan


@transaction.atomic
def plan_adopt(*, actor: Any, plan: Plan, document: str, document_date: dt.date) -> Plan:
    """The People's Council adopted the plan: its document number and date are required."""
    errors = {}
    if not (document or "").strip():
        errors["document"] = _("Cần số, ký hiệu của văn bản thông qua kế hoạch.")
    if document_date is None:
        errors["document_date"] = _("Cần ngày ban hành văn bản thông qua kế hoạch.")
    if errors:
        raise ValidationError(errors)
    plan, _changed = plan_update(plan=plan, actor=actor, data={
        "status": "approved", "document": document.strip(), "document_date": document_date})
    return plan


def _revision_errors(plan: Plan, effective_from: dt.date) -> dict[str, str]:
    if plan.status != "approved" or plan.document_date is None:
        return {"plan": _("Chỉ điều chỉnh kế hoạch đã ban hành (có số và ngày văn bản); kế hoạch "
                          "%(c)s chưa ban hành.") % {"c": plan.code}}
    if effective_from < plan.document_date:
        return {"effective_from": _(
            "Ngày áp dụng điều chỉnh %(a)s trước ngày ban hành kế hoạch %(b)s.") % {
            "a": effective_from.strftime("%d/%m/%Y"), "b": plan.document_date.strftime("%d/%m/%Y")}}
    if not plan.start_year <= effective_from.year <= plan.end_year:
        return {"effective_from": _("Ngày áp dụng %(a)s nằm ngoài các năm của kế hoạch "
                                    "(%(s)s-%(e)s).") % {
            "a": effective_from.strftime("%d/%m/%Y"), "s": plan.start_year, "e": plan.end_year}}
    return {}


@transaction.atomic
def plan_revise(*, actor: Any, plan: Plan, document: str, document_date: dt.date,
                effective_from: dt.date, changes: dict[int, dict[str, Any]],
                note: str = "") -> PlanRevision:
    """Revise targets of an adopted plan from ``effective_from`` (``changes``: target id →
    new comparator/value/value_max/target_type). The earlier targets stay, marked superseded,
    and are still used for the years before. All or nothing; problems name the rows."""
    errors = _revision_errors(plan, effective_from)
    if errors:
        raise ValidationError(errors)
    revision = PlanRevision.objects.create(plan=plan, document=document.strip(),
                                           document_date=document_date,
                                           effective_from=effective_from, note=note)
    current = {t.pk: t for t in plan.targets.select_related("indicator").filter(
        pk__in=list(changes), superseded_from__isnull=True)}
    problems = []
    for pk, change in changes.items():
        old = current.get(pk)
        if old is None:
            problems.append(_("Chỉ tiêu #%(id)s không phải chỉ tiêu đang áp dụng của kế hoạch "
                              "%(p)s.") % {"id": pk, "p": plan.code})
            continue
        if old.end_year < effective_from.year:
            problems.append(_("%(i)s (%(p)s): kỳ của chỉ tiêu đã qua trước ngày áp dụng điều "
                              "chỉnh.") % {"i": old.indicator.code, "p": old.period})
            continue
        old.superseded_from = effective_from
        old.version = F("version") + 1
        old.save(update_fields=["superseded_from", "version"])
        fields = {name: getattr(old, name) for name in (
            "comparator", "value", "value_max", "target_type", "tolerance", "responsible_unit")}
        fields.update(change)
        try:
            target_create(actor=actor, plan=plan, indicator=old.indicator, unit=old.unit,
                          period=old.period, position=old.position, effective_from=effective_from,
                          revision=revision, note=_("Điều chỉnh theo %(d)s") % {"d": revision.document},
                          **fields)
        except ValidationError as exc:
            problems.append(f"{old.indicator.code} ({old.period}): {'; '.join(exc.messages)}")
    if problems:
        raise ValidationError(problems)
    audit_record(actor=actor, action="plan_revise", obj=plan,
                 summary=f"{revision.document}: {len(changes)}")
    return revision


def target_applies_in(target: Target, year: int) -> bool:
    """Whether ``target`` is the one in force for ``year`` (revisions: the earlier target for the
    years before the revision's date, the revised one from its year)."""
    if target.superseded_from is not None and target.superseded_from.year <= year:
        return False
    return target.effective_from is None or target.effective_from.year <= year
