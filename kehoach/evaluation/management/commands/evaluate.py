"""``kehoach evaluate --plan CODE [--year Y] [--unit CODE] [--format table|json|csv]``."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from kehoach.core.management.base import ListingCommand, UsageError
from kehoach.evaluation.services import plan_evaluate
from kehoach.plans.models import Plan
from kehoach.units.models import Unit

FIELDS = (
    "plan", "indicator", "unit", "period", "comparator", "target", "target_type", "value",
    "value_kind", "value_period", "status", "percent_of_target", "previous_value",
    "change_vs_previous", "progress_class", "required_rate", "override",
)


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
        parser.add_argument("--plan", required=True)
        parser.add_argument("--year", type=int, default=None)
        parser.add_argument("--unit", default=None)

    def handle(self, *args: Any, **options: Any) -> None:
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
