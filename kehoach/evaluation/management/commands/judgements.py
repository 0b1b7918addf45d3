"""``kehoach judgements [--year Y] [--unit CODE] [--disagree] [--format table|csv|json]``: the
responsible units' own judgement of the five-year and master-plan targets beside the computed
class; ``--disagree`` only where the two differ."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from kehoach.core.constants import YEAR_MAX, YEAR_MIN
from kehoach.core.management.base import ListingCommand
from kehoach.evaluation.services.judgements import judgement_rows
from kehoach.units.models import Unit


class Command(ListingCommand):
    help = ("The units' own judgements of the five-year and master-plan targets they answer "
            "for, beside the computed class.")
    fields = ("plan", "indicator", "period", "responsible_unit", "computed", "expected",
              "judgement", "reason", "by", "at", "disagrees")

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--year", type=int, help="year of assessment (default: last year, as the evaluation pages)")
        parser.add_argument("--unit", default="", help="code of the responsible unit")
        parser.add_argument("--disagree", action="store_true",
                            help="only the targets where the unit disagrees with the computation")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or timezone.localdate().year - 1
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise CommandError(f"year {year} is out of range ({YEAR_MIN}-{YEAR_MAX})")
        unit_ids = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise CommandError(f"unknown unit code: {options['unit']}")
            unit_ids = {unit.pk}
        rows = []
        for r in judgement_rows(user=None, year=year, unit_ids=unit_ids):
            if options["disagree"] and not r.disagrees:
                continue
            item, j = r.as_json(), r.judgement
            rows.append({
                "plan": item["plan"], "indicator": item["indicator"], "period": item["period"],
                "responsible_unit": item["responsible_unit"],
                "computed": item["outlook"] or item["status"], "expected": item["expected"],
                "judgement": j.outlook if j else None, "reason": j.reason if j else None,
                "by": item["judgement"]["by"] if j else None,
                "at": item["judgement"]["at"] if j else None, "disagrees": item["disagrees"],
            })
        self.emit(rows, options["format"])
