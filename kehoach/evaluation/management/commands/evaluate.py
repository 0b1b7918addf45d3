"""``kehoach evaluate --plan CODE [--year Y] [--unit CODE] [--format table|json|csv]``; without
``--plan``, year Y judged against its annual plans with the five-year and master plans' progress
(``--not-met``, ``--at-risk``, ``--responsible CODE``, ``--group G`` filter it)."""

from __future__ import annotations

import json
from typing import Any

from django.utils import timezone

from kehoach.core.management.base import ListingCommand, UsageError
from kehoach.evaluation.services import plan_evaluate, year_evaluate, year_rows_filtered
from kehoach.plans.models import Plan
from kehoach.units.models import Unit

FIELDS = (
    "plan", "indicator", "unit", "period", "responsible_unit", "comparator", "target",
    "target_type", "value",
    "value_kind", "value_period", "status", "percent_of_target", "previous_value",
    "change_vs_previous", "progress_class", "required_rate", "override",
)

YEAR_FIELDS = ("section", "plan", "indicator", "unit", "period", "responsible_unit", "comparator",
               "target", "value", "value_kind", "status", "percent_of_target", "outlook",
               "progress_class", "required_rate")


def flat(item: dict[str, Any]) -> dict[str, Any]:
    """A table/CSV row: the item with the progress class and required rate beside it."""
    row = {k: v for k, v in item.items() if k != "progress"}
    row["progress_class"] = item["progress"]["progress_class"]
    row["required_rate"] = item["progress"]["required_rate"]
    row["override"] = item["override"]["status"] if "override" in item else None
    return row


class Command(ListingCommand):
    help = "The evaluation of every target of a plan (docs/evaluation.md)."
    fields = FIELDS

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument("--plan", default=None)
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--unit", default=None)
        parser.add_argument("--not-met", action="store_true", dest="not_met")
        parser.add_argument("--at-risk", action="store_true", dest="at_risk")
        parser.add_argument("--responsible", default="")
        parser.add_argument("--group", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["plan"]:
            self._year(options)
            return
        plan = Plan.objects.select_related("unit").filter(code=options["plan"]).first()
        if plan is None:
            raise UsageError(f"Không có kế hoạch mã {options['plan']}.")
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise UsageError(f"Không có đơn vị mã {options['unit']}.")
        year = options["year"] or min(timezone.localdate().year - 1, plan.end_year)
        result = plan_evaluate(plan=plan, year=year, unit=unit, user=None)
        if options["format"] == "json":
            self.emit(result.items, "json")
        else:
            self.emit([flat(item) for item in result.items], options["format"])

    def _year(self, options: dict[str, Any]) -> None:
        if options["year"] is None:
            raise UsageError("Cần --plan CODE, hoặc --year Y để đánh giá cả năm.")
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(code=options["unit"]).first()
            if unit is None:
                raise UsageError(f"Không có đơn vị mã {options['unit']}.")
        evaluation = year_evaluate(year=options["year"], unit=unit, user=None)
        rows = year_rows_filtered(evaluation, not_met=options["not_met"],
                                  at_risk=options["at_risk"], responsible=options["responsible"],
                                  group=options["group"])
        if options["format"] == "json":
            self.stdout.write(json.dumps(evaluation.as_json(rows), ensure_ascii=False, indent=1,
                                         default=str))
            return
        if options["format"] == "table":
            self.stdout.write(evaluation.summary())
        self.emit([{**flat(r.as_json()), "section": r.section, "outlook": r.outlook or None,
                    "responsible_unit": r.as_json()["responsible_unit"]} for r in rows],
                  options["format"], YEAR_FIELDS)
