"""Demo units: Thái Nguyên today, Bắc Kạn and its districts before 1/7/2025, the successions.

Loaded first by ``kehoach load_demo`` (order and rules: ``kehoach.core.demo``) from
``demo_data/units.csv``, an ``import_units`` file.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from kehoach.core.demo import DemoFile, Writer, load_files
from kehoach.units.models import Unit
from kehoach.units.services import unit_update

DATA = Path(__file__).resolve().parent / "demo_data"
FILES: tuple[DemoFile, ...] = (
    ("units.csv", "import_units", lambda r: Unit.objects.filter(code=r["code"]).exists()),
)
_OFFICIAL_CODE = re.compile(r"^(\d{2,5})(-cu)?$")


def _complete_gso_codes() -> None:
    """What the exchange file cannot carry: the GSO code of an official unit (its code without
    ``-cu``). Only empty codes are filled (never overwrite what a user set)."""
    with open(DATA / "units.csv", encoding="utf-8") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    for unit in Unit.objects.filter(code__in=codes, gso_code=""):
        match = _OFFICIAL_CODE.match(unit.code)
        if match:
            unit_update(unit=unit, actor=None, data={"gso_code": match.group(1)})


def load(*, stdout: Writer, only_missing: bool) -> None:
    load_files(DATA, FILES, stdout=stdout, only_missing=only_missing)
    _complete_gso_codes()
