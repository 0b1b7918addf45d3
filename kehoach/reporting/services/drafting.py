"""Next year's annual plan from a round: the units' ``KH N+1`` proposals become draft targets.

All or nothing. A row two units answer with different figures, when neither is the unit the
indicator is given to, is refused with a message naming the row. Each draft target is given to
the unit that answers for it (the indicator's responsible unit, else the unit that proposed it).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.plans.models import Plan, PlanKind, Target
from kehoach.plans.selectors import indicator_owners
from kehoach.plans.services import target_create, unit_valid_in_years
from kehoach.reporting.models import ColumnSource, Round, SubmissionStatus
from kehoach.reporting.selectors import submission_grid

COMPARATOR_BY_DIRECTION = {"up": "at_least", "down": "at_most", "band": "about"}
TAKEN = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)
Proposals = dict[tuple[int, int], list[tuple[Any, Decimal, Any]]]


def _proposals(round: Round, year: int, refs: dict[int, str]) -> Proposals:
    """(indicator id, subject unit id) → [(proposing unit, value, row)] from the plan columns of
    the submitted and accepted forms; ``refs`` learns each row's reference ("II.1")."""
    found: dict[tuple[int, int], list[tuple[Any, Decimal, Any]]] = {}
    for submission in round.submissions.filter(status__in=TAKEN).select_related(
            "unit", "subject_unit", "template", "round"):
        grid = submission_grid(submission=submission)
        refs.update(grid.refs)
        columns = [gc for gc in grid.columns if gc.column.source == ColumnSource.ENTERED
                   and gc.column.value_kind == "plan" and gc.period == str(year)]
        for row in grid.rows:
            if row.is_heading or row.indicator is None:
                continue
            for gc in columns:
                value = grid.value(row, gc.column.key)
                if value is not None:
                    key = (row.indicator.pk, submission.subject_unit_id)
                    found.setdefault(key, []).append((submission.unit, value, row))
    return found


def _choose(proposals: list[tuple[Any, Decimal, Any]], owner: Any,
            refs: dict[int, str]) -> tuple[Any, Decimal] | str:
    """The figure that becomes the target, or why the row is refused."""
    if owner is not None:
        for unit, value, _row in proposals:
            if unit.pk == owner.pk:
                return unit, value
    values = {value for _u, value, _r in proposals}
    if len(values) == 1:
        return proposals[0][0], proposals[0][1]
    row = proposals[0][2]
    answers = ", ".join(f"{u} {v.normalize():f}" for u, v, _r in proposals)
    return _("Dòng %(n)s “%(i)s”: nhiều đơn vị trả lời khác nhau (%(a)s) và chỉ tiêu chưa giao "
             "cho đơn vị nào; hãy giao chỉ tiêu hoặc trả lại biểu.") % {
        "n": refs.get(row.pk) or row.number or row.position, "i": row.indicator.name_vi,
        "a": answers}


@transaction.atomic
def plan_targets_from_round(*, actor: Any, plan: Plan, round: Round) -> dict[str, int]:
    """Draft targets of annual ``plan`` from the ``KH N`` column of ``round``'s forms."""
    if plan.kind != PlanKind.ANNUAL:
        raise ValidationError(_("Chỉ lập chỉ tiêu từ đợt báo cáo cho kế hoạch năm."))
    year = plan.start_year
    problems: list[str] = []
    created = skipped = 0
    owners_by_unit: dict[int, dict[int, Any]] = {}
    refs: dict[int, str] = {}
    for (indicator_id, subject_id), proposals in sorted(_proposals(round, year, refs).items()):
        owners = owners_by_unit.setdefault(subject_id, indicator_owners(unit_id=subject_id,
                                                                         year=year))
        chosen = _choose(proposals, owners.get(indicator_id), refs)
        if isinstance(chosen, str):
            problems.append(chosen)
            continue
        unit, value = chosen
        row = proposals[0][2]
        subject = _subject(round, subject_id)
        if Target.objects.filter(plan=plan, indicator_id=indicator_id, unit_id=subject_id,
                                 period=str(year), superseded_from__isnull=True).exists():
            skipped += 1
            continue
        responsible = owners.get(indicator_id) or unit
        if not unit_valid_in_years(responsible, year, year):
            responsible = None
        target_create(actor=actor, plan=plan, indicator=row.indicator, unit=subject,
                      period=str(year), comparator=COMPARATOR_BY_DIRECTION.get(
                          row.indicator.direction, "exactly"), value=value,
                      responsible_unit=responsible,
                      note=_("Đề xuất của %(u)s (đợt %(r)s)") % {"u": unit, "r": round.code})
        created += 1
    if problems:
        raise ValidationError(problems)
    return {"created": created, "skipped": skipped}


def _subject(round: Round, subject_id: int) -> Any:
    return round.submissions.filter(subject_unit_id=subject_id).select_related(
        "subject_unit").first().subject_unit  # type: ignore[union-attr]
