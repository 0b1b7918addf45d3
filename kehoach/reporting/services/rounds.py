"""Rounds: create, change, open, close, copy from an earlier round, assign forms to units."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypedDict

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.services import audit_record, model_update
from kehoach.reporting import patterns
from kehoach.reporting import templates_builtin as builtin
from kehoach.reporting.models import (
    FormTemplate,
    Milestone,
    MilestoneActor,
    Round,
    RoundSection,
    RoundStatus,
    Submission,
)
from kehoach.reporting.responsibility import round_twice_given
from kehoach.reporting.services.texts import round_sections_set
from kehoach.units.models import GEOGRAPHIC_TYPES, Unit


class RoundChanges(TypedDict, total=False):
    """The fields ``round_update`` may change (any subset)."""

    code: str
    title: str
    kind: str
    legal_number: str
    legal_date: dt.date | None
    legal_issuer: str
    base_year: int
    period_start: int
    period_end: int
    row_scope: str
    reminder_offsets: list[int]


ROUND_FIELDS = tuple(RoundChanges.__annotations__)


def _check_offsets(offsets: Any) -> None:
    if not isinstance(offsets, list) or not all(
            isinstance(o, int) and not isinstance(o, bool) and -60 <= o <= 60 for o in offsets):
        raise ValidationError({"reminder_offsets": _(
            "Nhắc hạn là danh sách số ngày so với hạn nộp, từ -60 đến 60, ví dụ [-3, 1, 3].")})


def _clean_round(round: Round) -> None:
    _check_offsets(round.reminder_offsets)
    if round.period_start and round.period_end and round.period_start > round.period_end:
        raise ValidationError({"period_end": _("Năm kết thúc phải không nhỏ hơn năm bắt đầu.")})
    round.full_clean(exclude=["copied_from"])


def _set_milestones(round: Round, milestones: list[dict[str, Any]]) -> None:
    round.milestones.all().delete()
    for position, item in enumerate(milestones, start=1):
        date: Any = item.get("date")
        milestone = Milestone(round=round, position=position, name=item.get("name", ""),
                              date=date, actor=item.get("actor", ""))
        try:
            milestone.full_clean(exclude=["round"])
        except ValidationError as exc:
            raise ValidationError({"milestones": _("Mốc %(n)s: %(e)s") % {
                "n": position, "e": "; ".join(exc.messages)}})
        milestone.save()


@transaction.atomic
def round_create(*, actor: Any, milestones: list[dict[str, Any]] | None = None,
                 **fields: Any) -> Round:
    """A new round in draft. ``fields``: those of ``ROUND_FIELDS``."""
    unknown = set(fields) - set(ROUND_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    fields.setdefault("reminder_offsets", [-3, 1, 3])
    round = Round(**fields)
    _clean_round(round)
    round.save()
    _set_milestones(round, milestones or [])
    audit_record(actor=actor, action="round_create", obj=round, summary=round.title)
    return round


@transaction.atomic
def round_update(*, round: Round, actor: Any, data: RoundChanges,
                 milestones: list[dict[str, Any]] | None = None) -> Round:
    """Change a round; a closed round is frozen. Milestones, when given, replace the old ones."""
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.status == RoundStatus.CLOSED:
        raise ValidationError(_("Đợt đã kết thúc, không sửa được. Hãy mở lại hoặc sao chép đợt."))
    if round.status != RoundStatus.DRAFT and {"base_year", "period_start", "period_end"} & {
            k for k, v in data.items() if getattr(round, k, v) != v}:
        raise ValidationError(_("Đợt đã mở: không đổi được năm của đợt (các biểu đã dùng)."))
    related = {}
    if milestones is not None:
        before = _milestone_list(round)
        _set_milestones(round, milestones)
        if before != _milestone_list(round):
            related["milestones"] = [before, _milestone_list(round)]
    model_update(instance=round, fields=ROUND_FIELDS, data=data, actor=actor,
                 validate=lambda _changes: _clean_round(round), related=related,
                 subject=round.title)
    if "row_scope" in data:
        _refuse_rows_given_twice(round)
    return round


def _refuse_rows_given_twice(round: Round) -> None:
    """Forms that follow responsibility need one unit per row: name the rows given to two."""
    problems = round_twice_given(round)
    if problems:
        raise ValidationError({"row_scope": problems})


def _milestone_list(round: Round) -> list[str]:
    return [f"{m.date.isoformat() if m.date else ''} {m.name} ({m.actor})".strip()
            for m in round.milestones.order_by("position")]


@transaction.atomic
def round_open(*, round: Round, actor: Any) -> Round:
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.status == RoundStatus.OPEN:
        raise ValidationError(_("Đợt đã mở rồi."))
    if not round.submissions.exists():
        raise ValidationError(_("Chưa giao biểu cho đơn vị nào: hãy giao biểu trước khi mở đợt."))
    _refuse_rows_given_twice(round)
    round.status, round.opened_at = RoundStatus.OPEN, timezone.now()
    round.save(update_fields=["status", "opened_at"])
    audit_record(actor=actor, action="round_open", obj=round, summary=round.title)
    return round


@transaction.atomic
def round_close(*, round: Round, actor: Any) -> Round:
    round = Round.objects.select_for_update().get(pk=round.pk)
    if round.status != RoundStatus.OPEN:
        raise ValidationError(_("Chỉ đóng được đợt đang mở."))
    round.status, round.closed_at = RoundStatus.CLOSED, timezone.now()
    round.save(update_fields=["status", "closed_at"])
    audit_record(actor=actor, action="round_close", obj=round, summary=round.title)
    return round


def _shift(day: dt.date | None, years: int) -> dt.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def roll_years(text: str, years: int) -> str:
    """Every year written in ``text`` moved ``years`` on: "KH năm 2026 (ƯTH 2025)" → "KH năm 2027
    (ƯTH 2026)", "giai đoạn 2021-2025" → "giai đoạn 2026-2030" with ``years=5``."""
    return _YEAR.sub(lambda m: str(int(m.group(0)) + years), text)


def round_copy_proposal(*, source: Round, years: int = 1) -> dict[str, str]:
    """The code and title a copy of ``source`` ``years`` later would have: the years rolled and,
    when that code is taken (or has no year to roll), the next free ``-2``, ``-3`` …"""
    code = roll_years(source.code, years)
    base, n = code, 2
    while Round.objects.filter(code=code).exists():
        code, n = f"{base}-{n}"[:64], n + 1
    return {"code": code, "title": roll_years(source.title, years)}


@transaction.atomic
def round_copy(*, source: Round, actor: Any, code: str = "", title: str = "",
               years: int = 1) -> Round:
    """A new draft round like ``source``, ``years`` later: same forms, units, row scope and text
    sections (forms not started), every year in its title and milestones rolled, milestones and deadlines moved
    by the same number of years (the columns follow the round's years by themselves). Without a
    ``code`` or ``title``, those of ``round_copy_proposal``."""
    if not isinstance(years, int) or isinstance(years, bool) or not 1 <= years <= 10:
        raise ValidationError({"years": _("Số năm lùi sau phải từ 1 đến 10.")})
    proposal = round_copy_proposal(source=source, years=years)
    code, title = (code or "").strip() or proposal["code"], (title or "").strip() or proposal["title"]
    if Round.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Mã đợt “%(c)s” đã tồn tại; gợi ý mã khác: %(p)s.") % {
            "c": code, "p": proposal["code"]}})
    round = round_create(
        actor=actor, code=code, title=title, kind=source.kind,
        legal_number="", legal_date=None, legal_issuer=source.legal_issuer,
        base_year=source.base_year + years, period_start=source.period_start + years,
        period_end=source.period_end + years, reminder_offsets=list(source.reminder_offsets),
        row_scope=source.row_scope,
        milestones=[{"name": roll_years(m.name, years), "date": _shift(m.date, years),
                     "actor": m.actor} for m in source.milestones.all()],
    )
    round.copied_from = source
    round.save(update_fields=["copied_from"])
    for s in source.submissions.all():
        Submission.objects.create(round=round, unit_id=s.unit_id, subject_unit_id=s.subject_unit_id,
                                  template_id=s.template_id,
                                  deadline=_shift(s.deadline, years) or s.deadline)
    for section in source.sections.all():  # the written part asked for, years rolled
        RoundSection.objects.create(round=round, key=section.key, position=section.position,
                                    title=roll_years(section.title, years)[:200],
                                    guidance=roll_years(section.guidance, years),
                                    max_words=section.max_words)
    audit_record(actor=actor, action="round_copy", obj=round,
                 summary=f"{source.code} → {round.code}", data={"years": years})
    return round


def default_subject_unit(unit: Unit) -> Unit:
    """Departments report for the province (the nearest geographic unit above them); a commune
    or district reports its own territory."""
    current: Unit | None = unit
    while current is not None and current.type not in GEOGRAPHIC_TYPES:
        current = current.parent
    return current or unit


def units_deadline(round: Round) -> dt.date | None:
    milestone = round.milestones.filter(actor=MilestoneActor.UNITS).order_by("date").first()
    return milestone.date if milestone else None


def template_proposed_sections(*, template: FormTemplate, round: Round) -> list[dict[str, Any]]:
    """The text sections a built-in form proposes (the mid-year review's), years rendered."""
    return [{**item, "title": patterns.render(item["title"], round=round),
             "guidance": patterns.render(item["guidance"], round=round)}
            for item in builtin.PROPOSED_SECTIONS.get(template.code, [])]


def _propose_sections(round: Round, templates: list[FormTemplate], actor: Any) -> None:
    """A round without text sections takes those its forms propose; sections the planning
    office has chosen are never changed."""
    if round.sections.exists():
        return
    for template in templates:
        proposed = template_proposed_sections(template=template, round=round)
        if proposed:
            round_sections_set(round=round, sections=proposed, actor=actor)
            return


@transaction.atomic
def round_assign(*, round: Round, units: list[Unit], templates: list[FormTemplate], actor: Any,
                 deadline: dt.date | None = None,
                 subject_units: dict[int, Unit] | None = None) -> list[Submission]:
    """Give each unit each form (units × templates). The deadline defaults to the units'
    milestone; an existing assignment keeps its data (only its deadline changes when given)."""
    if round.status == RoundStatus.CLOSED:
        raise ValidationError(_("Đợt đã kết thúc, không giao thêm biểu được."))
    explicit = deadline is not None
    deadline = deadline or units_deadline(round)
    if deadline is None:
        raise ValidationError({"deadline": _(
            "Chưa có hạn nộp: nhập hạn nộp hoặc thêm mốc “Các đơn vị” vào đợt.")})
    bad = [t.code for t in templates for c in t.columns.all()
           if not patterns.is_valid(c.label_pattern) or not patterns.is_valid(c.period_pattern)]
    if bad:
        raise ValidationError(_("Biểu %(c)s có cột với mẫu năm không hợp lệ.") % {"c": bad[0]})
    result = []
    for unit in units:
        subject = (subject_units or {}).get(unit.pk) or default_subject_unit(unit)
        for template in templates:
            submission, created = Submission.objects.get_or_create(
                round=round, unit=unit, template=template,
                defaults={"deadline": deadline, "subject_unit": subject})
            if not created and explicit and submission.deadline != deadline:
                submission.deadline = deadline
                submission.save(update_fields=["deadline", "updated_at"])
            result.append(submission)
    _propose_sections(round, templates, actor)
    audit_record(actor=actor, action="round_assign", obj=round,
                 summary=f"{len(units)} đơn vị × {len(templates)} biểu",
                 data={"units": [u.code for u in units], "templates": [t.code for t in templates],
                       "deadline": deadline.isoformat()})
    return result
