"""``kehoach export_tasks --plan CODE --out FILE.xlsx``: the plan's tasks as the .xlsx table that
``import_tasks --plan CODE`` reads back."""

from __future__ import annotations

from kehoach.tasks.management.programme import ProgrammeExportCommand
from kehoach.tasks.programme import TASKS


class Command(ProgrammeExportCommand):
    help = "Write a plan's tasks as the .xlsx table that import_tasks reads."
    table = TASKS
