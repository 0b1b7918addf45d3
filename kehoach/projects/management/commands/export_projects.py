"""``kehoach export_projects --plan CODE --out FILE.xlsx``: the plan's projects as the .xlsx table that
``import_projects --plan CODE`` reads back."""

from __future__ import annotations

from kehoach.tasks.management.programme import ProgrammeExportCommand
from kehoach.tasks.programme import PROJECTS


class Command(ProgrammeExportCommand):
    help = "Write a plan's projects as the .xlsx table that import_projects reads."
    table = PROJECTS
