"""Demo values: seed 002 and Bắc Kạn's published figures, each with its source in the note.

Loaded by ``kehoach load_demo`` after the plans (order and rules: ``kehoach.core.demo``) from
``demo_data/values.csv`` (the province) and ``demo_data/districts.csv`` (its 8 districts
2021-2024, adding up to the province: population, households, poor households, poverty rate,
new-rural communes, health insurance; ``scripts/demo_districts.py`` wrote it) and
``demo_data/estimates_2025.csv`` (the 2025 estimates, ƯTH, of the former Bắc Kạn for the main
indicators of its five-year plan 2021-2025, illustrative), all ``import_values`` files.
"""

from __future__ import annotations

from pathlib import Path

from kehoach.core.demo import DemoFile, Writer, load_files
from kehoach.values.models import Value

DATA = Path(__file__).resolve().parent / "demo_data"


def _stored(row: dict[str, str]) -> bool:
    return Value.objects.filter(unit__code=row["unit"], indicator__code=row["indicator"],
                                period=row["period"], kind=row["kind"]).exists()


FILES: tuple[DemoFile, ...] = (
    ("values.csv", "import_values", _stored),
    ("districts.csv", "import_values", _stored),
    ("estimates_2025.csv", "import_values", _stored),
)


def load(*, stdout: Writer, only_missing: bool) -> None:
    load_files(DATA, FILES, stdout=stdout, only_missing=only_missing)
