"""``kehoach bench``: import rate, national consolidation of one year, one province's evaluation
for one year, and the memory of each (docs/performance.md)."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from kehoach.core.management.base import UsageError
from kehoach.evaluation.bench import run_bench
from kehoach.evaluation.management.commands.gen_scale import kinds_arg
from kehoach.evaluation.synthetic import scale_delete
from kehoach.values.bench import import_bench


class Command(BaseCommand):
    help = "Performance figures on the configured database (generates, then removes, GEN data)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--provinces", type=int, default=34)
        parser.add_argument("--communes", type=int, default=100)
        parser.add_argument("--indicators", type=int, default=100)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--kinds", default="actual")
        parser.add_argument("--runs", type=int, default=5,
                            help="timed runs of each measure (the fastest and the median)")
        parser.add_argument("--keep", action="store_true", help="keep the generated data")
        parser.add_argument("--json", action="store_true", help="print the figures as JSON")
        parser.add_argument("--no-migrate", action="store_true")
        parser.add_argument("--skip-import", action="store_true",
                            help="leave out the exchange-file and DHIS2 import measures")
        parser.add_argument("--reuse", action="store_true",
                            help="measure on the GEN data already there (no import); keeps it")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["runs"] < 1:
            raise UsageError("--runs phải lớn hơn 0.")
        if not options["no_migrate"]:
            call_command("migrate", verbosity=0, interactive=False)
        figures: dict[str, Any] = {}
        if not options["reuse"] and not options["skip_import"]:
            with tempfile.TemporaryDirectory() as folder:
                figures.update(import_bench(folder=Path(folder)))
        try:
            figures |= run_bench(
                provinces=options["provinces"], communes=options["communes"],
                indicators=options["indicators"], years=options["years"],
                kinds=kinds_arg(options["kinds"]), reuse=options["reuse"], runs=options["runs"],
            )
        finally:
            if not (options["keep"] or options["reuse"]):
                scale_delete()
        if options["json"]:
            self.stdout.write(json.dumps(figures, indent=1))
            return
        width = max(len(k) for k in figures)
        for key, value in figures.items():
            self.stdout.write(f"{key.ljust(width)}  {value}")
