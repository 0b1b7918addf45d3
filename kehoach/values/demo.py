"""Demo values: seed 002 and Bắc Kạn's published figures, each with its source in the note.

Loaded by ``kehoach load_demo`` after the plans (order and rules: ``kehoach.core.demo``) from
``demo_data/values.csv``, an ``import_values`` file.
"""

from __future__ import annotations

from pathlib import Path

from kehoach.core.demo import DemoFile, Writer, load_files
from kehoach.values.models import Value

DATA = Path(__file__).resolve().parent / "demo_data"
FILES: tuple[DemoFile, ...] = (
    ("values.csv", "import_values", lambda r: Value.objects.filter(
        unit__code=r["unit"], indicator__code=r["indicator"], period=r["period"],
        kind=r["kind"]).exists()),
)


def load(*, stdout: Writer, only_missing: bool) -> None:
    load_files(DATA, FILES, stdout=stdout, only_missing=only_missing)
