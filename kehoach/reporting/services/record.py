"""The accept-side rule: which cells of an accepted form become values of record.

One function, ``accept_cell``, so the workflow (statuses, locks) and this rule change apart.
A cell becomes the value of record of the subject unit only when the reporting unit answers for
the indicator (it is the target's responsible unit, the subject itself, or the statistics office;
an indicator nobody was given is answered for by whoever reports it) and the value it would
replace does not come from a higher source (``kehoach.values.sources``). Otherwise the figure is
kept as a reported value beside the official one and shown to the planning office as a
discrepancy.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kehoach.core.periods import parse_period
from kehoach.plans.selectors import indicator_owners
from kehoach.values.models import Value
from kehoach.values.services import value_set
from kehoach.values.sources import record_refusal, reported_value_keep


class Owners:
    """``indicator_owners`` of the subject unit, one query per year. A year without a plan
    giving the indicator to a unit (the estimate of the current year in a round building next
    year's plan) falls back on ``plan_year``, the first year of the round's plan."""

    def __init__(self, unit_id: int, plan_year: int | None = None):
        self.unit_id = unit_id
        self.plan_year = plan_year
        self.by_year: dict[int, dict[int, Any]] = {}

    def _year(self, year: int) -> dict[int, Any]:
        if year not in self.by_year:
            self.by_year[year] = indicator_owners(unit_id=self.unit_id, year=year)
        return self.by_year[year]

    def get(self, indicator_id: int, year: int) -> Any:
        owner = self._year(year).get(indicator_id)
        if owner is None and self.plan_year is not None:
            owner = self._year(self.plan_year).get(indicator_id)
        return owner


def accept_cell(*, submission: Any, indicator: Any, period: str, kind: str, value: Decimal,
                note: str, actor: Any, owners: Owners) -> bool:
    """Write one accepted cell; True when it became the value of record, False when it was kept
    as a reported value (a discrepancy for the planning office)."""
    subject, reporter = submission.subject_unit, submission.unit
    code = parse_period(period).code
    owner = owners.get(indicator.pk, parse_period(period).start_year)
    current = Value.objects.select_related("reported_by").filter(
        indicator=indicator, unit=subject, period=code, kind=kind).first()
    source = f"submission:{submission.pk}"
    refusal = record_refusal(current=current, reporter=reporter, subject=subject, owner=owner)
    if refusal:
        if current is None or current.value != value:
            reported_value_keep(indicator=indicator, unit=subject, period=code, kind=kind,
                                value=value, reported_by=reporter, reason=refusal, note=note,
                                source=source, actor=actor)
        return False
    value_set(indicator=indicator, unit=subject, period=code, kind=kind, value=value, note=note,
              reported_by=reporter, source=source, actor=actor)
    return True
