"""Forms follow responsibility: which rows of a unit's form the unit answers for, and the
references that name a row without ambiguity (``II.1``, not "Dòng 1", which every section has).

A unit answers for a row when it is the responsible unit of the indicator's target in the
round's plan (``kehoach.plans.selectors.indicator_owner_sets`` for the subject unit, the plan's
first year, then the round's base year); a commune reporting its own territory and the
statistics office answer for every row, and an indicator nobody was given is answered for by
whoever reports it. The round's ``row_scope`` says what the other rows are: editable as before
(``all``), read-only context (``context``) or not shown (``own``). A row given to two units at
once cannot be typed by anyone until the planning office gives it to one of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from kehoach.plans.selectors import indicator_owner_sets
from kehoach.reporting.models import RowScope
from kehoach.values.sources import is_statistics_office


def row_references(rows: list[Any]) -> dict[int, str]:
    """Row id → its reference in the form: the group's number before the row's own (``II.1``,
    ``I.4.1``); a group heading is its own number (``II``); a row without a number its label."""
    refs: dict[int, str] = {}
    group = ""
    for row in rows:
        number = (row.number or "").strip()
        if row.indicator_id is None and row.indent == 0:
            group = number
            refs[row.pk] = number or row.label
        elif number:
            refs[row.pk] = f"{group}.{number}" if group else number
        else:
            refs[row.pk] = row.label
    return refs


@dataclass
class RowDuty:
    """What ``unit`` answers for on its form (``owners``: indicator id → the units given it)."""

    scope: str
    unit: Any
    everything: bool
    owners: dict[int, list[Any]] = field(default_factory=dict)

    @property
    def restricted(self) -> bool:
        return self.scope != RowScope.ALL and not self.everything

    def owners_of(self, row: Any) -> list[Any]:
        return self.owners.get(row.indicator_id or 0, [])

    def answers(self, row: Any) -> bool:
        """May the unit type this row? (Headings: nothing to type, True.)"""
        if row.indicator_id is None or not self.restricted:
            return True
        owners = self.owners_of(row)
        if not owners:
            return True
        return len(owners) == 1 and owners[0].pk == self.unit.pk

    def shows(self, row: Any) -> bool:
        return self.scope != RowScope.OWN or self.answers(row)

    def refusal(self, row: Any, reference: str) -> str:
        """Why the unit may not type ``row`` ("" when it may)."""
        if self.answers(row):
            return ""
        owners = self.owners_of(row)
        names = ", ".join(str(u) for u in owners)
        if len(owners) > 1:
            return twice_message(reference, row.label, names)
        return _("Dòng %(r)s “%(l)s”: chỉ tiêu giao cho %(o)s, %(u)s không nhập được dòng "
                 "này.") % {"r": reference, "l": row.label, "o": names, "u": self.unit}


def twice_message(reference: str, label: str, names: str) -> str:
    return _("Dòng %(r)s “%(l)s”: chỉ tiêu được giao cho nhiều đơn vị (%(o)s); cơ quan kế "
             "hoạch cần giao cho một đơn vị trước khi nhập.") % {
        "r": reference, "l": label, "o": names}


def owner_years(round: Any) -> list[int]:
    """The years whose plans say who answers: the round's plan, then its base year."""
    years = [round.period_start]
    if round.base_year not in years:
        years.append(round.base_year)
    return years


def row_duty(submission: Any) -> RowDuty:
    """The duty of ``submission``'s unit; no query when the round does not restrict rows or the
    unit answers for everything, one otherwise."""
    unit, subject = submission.unit, submission.subject_unit
    everything = unit.pk == subject.pk or is_statistics_office(unit)
    duty = RowDuty(scope=submission.round.row_scope, unit=unit, everything=everything)
    if duty.restricted:
        duty.owners = indicator_owner_sets(unit_id=subject.pk,
                                           years=owner_years(submission.round))
    return duty


def visible_rows(rows: list[Any], duty: RowDuty) -> list[Any]:
    """``rows`` without those the unit does not see (scope ``own``); a heading stays when a row
    below it (before the next heading of its level or above) is shown."""
    if duty.scope != RowScope.OWN or not duty.restricted:
        return rows
    shown: list[Any] = []
    pending: list[Any] = []  # headings waiting for a row below them
    for row in rows:
        if row.indicator_id is None:
            pending = [h for h in pending if h.indent < row.indent] + [row]
            continue
        if duty.shows(row):
            shown.extend(pending)
            pending = []
            shown.append(row)
    return shown


def round_twice_given(round: Any) -> list[str]:
    """Messages for the rows of ``round``'s forms given to two units at once (nothing when the
    round does not restrict rows): one query per subject unit."""
    if round.row_scope == RowScope.ALL:
        return []
    problems: list[str] = []
    seen: set[tuple[int, int]] = set()
    submissions = round.submissions.select_related("subject_unit", "template")
    by_subject: dict[int, dict[int, list[Any]]] = {}
    by_template: dict[int, list[Any]] = {}
    for submission in submissions:
        subject = submission.subject_unit_id
        if subject not in by_subject:
            by_subject[subject] = indicator_owner_sets(unit_id=subject, years=owner_years(round))
        owners = by_subject[subject]
        if submission.template_id not in by_template:
            by_template[submission.template_id] = list(
                submission.template.rows.order_by("position"))
        rows = by_template[submission.template_id]
        refs = row_references(rows)
        for row in rows:
            units = owners.get(row.indicator_id or 0, [])
            if len(units) > 1 and (subject, row.pk) not in seen:
                seen.add((subject, row.pk))
                problems.append(twice_message(refs[row.pk], row.label,
                                              ", ".join(str(u) for u in units)))
    return problems
