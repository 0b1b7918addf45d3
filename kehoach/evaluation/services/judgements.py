"""The responsible units' own judgement of the five-year and master-plan targets they answer
for (seed 004: "đánh giá khả năng hoàn thành các mục tiêu chủ yếu"), beside the computed class.

``judgement_set`` records one (a new one supersedes the one before; the history stays);
``judgement_rows`` lists the targets a unit answers for in a year with the computed class, the
unit's judgement and whether the two disagree; ``judgement_expected`` says which judgement the
computed class corresponds to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.constants import YEAR_MAX, YEAR_MIN
from kehoach.core.models import AnyUser
from kehoach.core.services import audit_record
from kehoach.core.text import clean_text
from kehoach.evaluation.models import JudgementOutlook, TargetJudgement
from kehoach.evaluation.selectors import (
    JUDGED_PLAN_KINDS,
    judgement_current_map,
    judgement_history_map,
)
from kehoach.evaluation.services.year import YearRow, year_evaluate
from kehoach.plans.models import Target

MAX_REASON = 2000
#: The computed class → the judgement it corresponds to (``None``: nothing to compare with).
_FROM_OUTLOOK = {"on_track": JudgementOutlook.LIKELY,
                 "acceleration_needed": JudgementOutlook.DIFFICULT,
                 "at_risk": JudgementOutlook.UNLIKELY}
_FROM_STATUS = {"exceeded": JudgementOutlook.LIKELY, "met": JudgementOutlook.LIKELY,
                "not_met": JudgementOutlook.UNLIKELY}


def judgement_expected(*, section: str, outlook: str = "", status: str = "") -> str | None:
    """What the computed class says, in the unit's words: a target still running by its
    outlook (đúng tiến độ → có khả năng đạt, cần tăng tốc → khó đạt, có nguy cơ → không đạt), a
    target due in the year by its status (đạt, vượt → có khả năng đạt; không đạt → không đạt)."""
    found = _FROM_OUTLOOK.get(outlook) if section == "progress" else _FROM_STATUS.get(status)
    return str(found) if found else None


def judgement_disagrees(judgement: TargetJudgement | None, expected: str | None) -> bool:
    return judgement is not None and expected is not None and judgement.outlook != expected


def _check(target: Target, year: Any, outlook: str, reason: str) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if outlook not in JudgementOutlook.values:
        errors["outlook"] = [_("Khả năng đạt không hợp lệ: chọn có khả năng đạt, khó đạt hoặc "
                               "không đạt.")]
    if not reason:
        errors["reason"] = [_("Hãy ghi lý do của đánh giá.")]
    elif len(reason) > MAX_REASON:
        errors["reason"] = [_("Lý do dài quá %(n)s ký tự.") % {"n": MAX_REASON}]
    if not isinstance(year, int) or not YEAR_MIN <= year <= YEAR_MAX:
        errors["year"] = [_("Năm đánh giá không hợp lệ.")]
    elif not min(target.plan.start_year, target.start_year) <= year <= target.end_year:
        errors["year"] = [_("Năm đánh giá phải trong thời kỳ của kế hoạch, đến năm của chỉ tiêu "
                            "(%(a)s-%(b)s).") % {"a": min(target.plan.start_year, target.start_year),
                                                  "b": target.end_year}]
    if target.plan.kind not in JUDGED_PLAN_KINDS:
        errors["target"] = [_("Chỉ đánh giá khả năng đạt của chỉ tiêu kế hoạch 5 năm và quy "
                              "hoạch.")]
    if target.responsible_unit_id is None:
        errors["target"] = [_("Chỉ tiêu này chưa giao đơn vị chịu trách nhiệm.")]
    return errors


@transaction.atomic
def judgement_set(*, target: Target, year: int, outlook: str, reason: str,
                  actor: AnyUser) -> TargetJudgement:
    """The responsible unit judges ``target`` for ``year``: likely, difficult or unlikely to be
    met, with a reason. The computed class is never changed; the judgement before is kept as
    history (``superseded_at``)."""
    reason = clean_text((reason or "").strip())
    errors = _check(target, year, outlook, reason)
    if errors:
        raise ValidationError(errors)
    if not permissions.can_judge_target(actor, target):
        raise permissions.refuse()
    previous = (TargetJudgement.objects.select_for_update()
                .filter(target=target, year=year, superseded_at__isnull=True).first())
    if previous is not None:
        previous.superseded_at = timezone.now()
        previous.save(update_fields=["superseded_at"])
    by = actor if permissions.is_authenticated(actor) else None
    judgement = TargetJudgement(target=target, year=year, unit=target.responsible_unit,
                                outlook=outlook, reason=reason, by=by)
    judgement.full_clean()
    judgement.save()
    audit_record(actor=by, action="target_judgement_set", obj=judgement,
                 summary=f"{target.indicator.code} {year}: {outlook}",
                 data={"target": target.pk, "year": year, "outlook": outlook, "reason": reason,
                       "previous": previous.outlook if previous else None})
    return judgement


@dataclass
class JudgementRow:
    """A target a unit answers for, in a year: the computed class and the unit's judgement."""

    row: YearRow
    judgement: TargetJudgement | None = None
    history: list[TargetJudgement] = field(default_factory=list)

    @property
    def target(self) -> Target:
        return self.row.target

    @property
    def expected(self) -> str | None:
        return judgement_expected(section=self.row.section, outlook=self.row.outlook,
                                  status=self.row.status)

    @property
    def disagrees(self) -> bool:
        return judgement_disagrees(self.judgement, self.expected)

    def as_json(self) -> dict[str, Any]:
        j = self.judgement
        return {
            "target": self.target.pk, "plan": self.target.plan.code,
            "indicator": self.target.indicator.code,
            "indicator_name": self.target.indicator.name_vi, "period": self.target.period,
            "responsible_unit": self.target.responsible_unit.code
            if self.target.responsible_unit else None,
            "section": self.row.section, "status": self.row.status,
            "outlook": self.row.outlook or None, "expected": self.expected,
            "judgement": judgement_json(j) if j else None, "disagrees": self.disagrees,
        }


def judgement_json(j: TargetJudgement) -> dict[str, Any]:
    return {"id": j.pk, "target": j.target_id, "year": j.year, "unit": j.unit.code,
            "outlook": j.outlook, "reason": j.reason, "by": j.by.username if j.by else None,
            "at": j.at.isoformat(), "current": j.superseded_at is None}


def judgement_rows(*, user: AnyUser | None, year: int,
                   unit_ids: set[int] | None = None) -> list[JudgementRow]:
    """The five-year and master-plan targets covering ``year`` that have a responsible unit the
    user may read (``None``: the command line, every one; ``unit_ids``: only those units), each
    with its computed class (progress, or status when due in the year) and the unit's current
    judgement and history."""
    evaluation = year_evaluate(year=year, user=None)
    rows = []
    for row in evaluation.rows:
        target = row.target
        if target.plan.kind not in JUDGED_PLAN_KINDS or target.responsible_unit_id is None:
            continue
        if unit_ids is not None and target.responsible_unit_id not in unit_ids:
            continue
        if user is not None and not (
                permissions.can_see_plan(user, target.plan)
                and permissions.can_read_unit_judgements(user, target.responsible_unit_id)):
            continue
        rows.append(JudgementRow(row))
    ids = [r.target.pk for r in rows]
    current = judgement_current_map(target_ids=ids, year=year)
    history = judgement_history_map(target_ids=ids, year=year)
    for r in rows:
        r.judgement = current.get(r.target.pk)
        r.history = history.get(r.target.pk, [])
    return rows
