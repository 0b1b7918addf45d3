"""Demo priority project list of plan 56/KH-UBND (KH-56-BK): ``demo_data/projects.csv`` in the
attachment layout (loaded through ``kehoach import_projects``), the plan's stated need of seed 003
("tổng nhu cầu vốn đầu tư từ NSNN trong giai đoạn 2021 - 2030 khoảng trên 105.000 tỷ đồng"), and
capital plans with monthly disbursement for 2024 and 2025. Project names follow the plan's
priorities; every amount is illustrative (demo), as the projects' notes say. Runs once."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.core.management import call_command

from kehoach.core.demo import Writer
from kehoach.plans.models import Plan
from kehoach.projects import services
from kehoach.projects.models import NeedScope, Project
from kehoach.units.models import Unit

DATA = Path(__file__).resolve().parent / "demo_data"
PLAN = "KH-56-BK"
# project number → (capital plan 2024, 2025) in tỷ đồng, share disbursed by the end of 2024, 2025
CAPITAL = {
    "1": ((Decimal(450), Decimal(520)), (Decimal("0.93"), Decimal("0.88"))),
    "2": ((Decimal(180), Decimal(210)), (Decimal("0.97"), Decimal("1.04"))),
    "5": ((Decimal(160), Decimal(40)), (Decimal("1.00"), Decimal("0.95"))),
    "6": ((Decimal(60), Decimal(75)), (Decimal("0.71"), Decimal("0.64"))),
    "7": ((Decimal(120), Decimal(150)), (Decimal("0.90"), Decimal("0.79"))),
}
# the usual shape of a year's disbursement: the share of the year's total made each month
MONTHLY = (Decimal("0.02"), Decimal("0.03"), Decimal("0.05"), Decimal("0.06"), Decimal("0.07"),
           Decimal("0.09"), Decimal("0.08"), Decimal("0.09"), Decimal("0.10"), Decimal("0.11"),
           Decimal("0.12"), Decimal("0.18"))
REPORTING_UNITS = {"6": "TN-SNNMT", "7": "TN-SYT", "8": "TN-SYT"}
TASK_LINKS = {"7": "6", "8": "6", "4": "9", "6": "7"}


def _money(project: Project, plans: tuple[Decimal, Decimal], shares: tuple[Decimal, Decimal]) -> None:
    for year, planned, share in zip((2024, 2025), plans, shares, strict=True):
        services.capital_plan_set(project=project, actor=None, year=year, amount=planned)
        total = planned * share
        for month, part in enumerate(MONTHLY, start=1):
            services.disbursement_set(project=project, actor=None, year=year, month=month,
                                      amount=(total * part).quantize(Decimal("0.1")))


def load(*, stdout: Writer) -> None:
    plan = Plan.objects.filter(code=PLAN).first()
    if plan is None or plan.projects.exists():
        stdout.write("projects: the list is already there (or plan KH-56-BK is missing)")
        return
    call_command("import_projects", str(DATA / "projects.csv"), "--plan", PLAN, stdout=stdout)
    services.resource_need_set(
        plan=plan, actor=None, scope=NeedScope.STATE_BUDGET, phase="2021-2030",
        amount=Decimal(105000),
        wording="khoảng trên 105.000 tỷ đồng (Kế hoạch 56/KH-UBND, mục III.4.a)")
    for number, (plans, shares) in CAPITAL.items():
        _money(plan.projects.get(number=number), plans, shares)
    for number, code in REPORTING_UNITS.items():
        project = plan.projects.get(number=number)
        services.project_update(project=project, actor=None,
                                investor_unit=Unit.objects.get(code=code))
    for number, task_number in TASK_LINKS.items():
        project = plan.projects.get(number=number)
        task = plan.tasks.filter(number=task_number).first()
        if task is not None:
            services.project_update(project=project, actor=None, tasks=[task])
    stdout.write(f"projects: {plan.projects.count()} projects with capital plans and "
                 "disbursement for 2024 and 2025")
