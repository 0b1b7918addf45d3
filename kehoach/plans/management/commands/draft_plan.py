"""``kehoach draft_plan PLAN --code NEW`` (next year's annual plan from this one: targets copied,
years rolled) or ``kehoach draft_plan PLAN --from-round ROUND`` (draft targets of the annual plan
from the round's KH N column). Exit 1 when refused (the reasons on standard error), 2 for an
unknown plan or round."""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.plans.models import Plan
from kehoach.plans.services import plan_draft_next_year


class Command(BaseCommand):
    help = "Draft next year's annual plan from PLAN (--code) or PLAN's targets from a round."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("plan", help="code of the annual plan")
        group = parser.add_mutually_exclusive_group(required=True)
        group.add_argument("--code", help="code of next year's draft plan")
        group.add_argument("--from-round", dest="round", help="code of the round (KH N column)")

    def handle(self, *args: Any, **options: Any) -> None:
        plan = Plan.objects.filter(code=options["plan"]).first()
        if plan is None:
            raise UsageError(f"Không có kế hoạch mã “{options['plan']}”.")
        try:
            if options["code"]:
                draft = plan_draft_next_year(actor=None, plan=plan, code=options["code"].strip())
                self.stdout.write(f"{draft.code}\t{draft.targets.count()} targets")
                return
            self.stdout.write(self._from_round(plan, options["round"]))
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            sys.exit(1)

    def _from_round(self, plan: Plan, code: str) -> str:
        from kehoach.reporting.models import Round
        from kehoach.reporting.services.drafting import plan_targets_from_round

        round = Round.objects.filter(code=code).first()
        if round is None:
            raise UsageError(f"Không có đợt báo cáo mã “{code}”.")
        counts = plan_targets_from_round(actor=None, plan=plan, round=round)
        return f"created {counts['created']}, kept {counts['skipped']}"
