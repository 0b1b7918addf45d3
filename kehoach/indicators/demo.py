"""Demo indicators: the catalogue the demo plans and values use.

Loaded by ``kehoach load_demo`` after the units (order and rules: ``kehoach.core.demo``) from
``demo_data/indicators.csv``, an ``import_indicators`` file.
"""

from __future__ import annotations

from pathlib import Path

from kehoach.core.demo import DemoFile, Writer, load_files
from kehoach.indicators.models import Indicator

DATA = Path(__file__).resolve().parent / "demo_data"
FILES: tuple[DemoFile, ...] = (
    ("indicators.csv", "import_indicators",
     lambda r: Indicator.objects.filter(code=r["code"]).exists()),
)


def load(*, stdout: Writer, only_missing: bool) -> None:
    load_files(DATA, FILES, stdout=stdout, only_missing=only_missing)
