"""``kehoach gen_scale --provinces 34 --communes 100 --indicators 100 --years 10
[--kinds actual,estimate]``: a synthetic dataset (``GEN-`` units, ``GEN_`` indicators)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kehoach.core.management.base import UsageError
from kehoach.evaluation.synthetic import scale_delete, scale_generate
from kehoach.values.models import ValueKind


def kinds_arg(text: str) -> list[str]:
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    bad = [k for k in kinds if k not in ValueKind.values]
    if bad or not kinds:
        raise UsageError(f"Loại số liệu không hợp lệ: {', '.join(bad) or text}.")
    return kinds


class Command(BaseCommand):
    help = "Generate (or --delete) the synthetic benchmark dataset and print its import rate."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--provinces", type=int, default=34)
        parser.add_argument("--communes", type=int, default=100, help="per province")
        parser.add_argument("--indicators", type=int, default=100)
        parser.add_argument("--years", type=int, default=10)
        parser.add_argument("--kinds", default="actual")
        parser.add_argument("--delete", action="store_true", help="remove the dataset only")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["delete"]:
            self.stdout.write(f"deleted {scale_delete()} values")
            return
        for name in ("provinces", "communes", "indicators", "years"):
            if options[name] < 1:
                raise UsageError(f"--{name} phải lớn hơn 0.")
        result = scale_generate(
            provinces=options["provinces"], communes=options["communes"],
            indicators=options["indicators"], years=options["years"],
            kinds=kinds_arg(options["kinds"]),
        )
        self.stdout.write(
            f"values {result.values} in {result.seconds:.2f} s: {result.rate:,.0f} values/s "
            f"({result.provinces} provinces, {result.communes} communes, "
            f"{result.indicators} indicators, {result.years} years)"
        )
