"""Demo plans and targets: Bắc Kạn's master plan (Quy hoạch) and its implementation plan
KH-56-BK with the 41 targets of seed 003, the five-year plan 2021-2025 and its annual plans
2021-2024 (26 main targets each, given to Bắc Kạn's departments), and Thái Nguyên's 2026 plans.
Which figures are sourced and which are illustrative: ``demo_data/NOTES.md``.

Loaded by ``kehoach load_demo`` after the indicators (order and rules: ``kehoach.core.demo``) from
``demo_data/plans.csv`` and ``demo_data/targets.csv`` (``import_plans``, ``import_targets``).
``is_loaded`` (plan KH-56-BK exists) is the runner's "is the demo there?".
"""

from __future__ import annotations

from pathlib import Path

from kehoach.core.demo import DemoFile, Writer, load_files
from kehoach.plans.models import Plan, Target
from kehoach.plans.services import plan_update

DATA = Path(__file__).resolve().parent / "demo_data"
MARKER_PLAN = "KH-56-BK"
PLAN_ISSUERS = {"QH-BK-2030": "Thủ tướng Chính phủ", "KH-56-BK": "UBND tỉnh Bắc Kạn"}
FILES: tuple[DemoFile, ...] = (
    ("plans.csv", "import_plans", lambda r: Plan.objects.filter(code=r["code"]).exists()),
    ("targets.csv", "import_targets", lambda r: Target.objects.filter(
        plan__code=r["plan"], indicator__code=r["indicator"], unit__code=r["unit"],
        period=r["period"]).exists()),
)


def is_loaded() -> bool:
    return Plan.objects.filter(code=MARKER_PLAN).exists()


def _complete_issuers() -> None:
    """What the exchange file cannot carry: the plans' issuers. Only empty issuers are filled."""
    for plan in Plan.objects.filter(code__in=PLAN_ISSUERS, issuer=""):
        plan_update(plan=plan, actor=None, data={"issuer": PLAN_ISSUERS[plan.code]})


def load(*, stdout: Writer, only_missing: bool) -> None:
    load_files(DATA, FILES, stdout=stdout, only_missing=only_missing)
    _complete_issuers()
