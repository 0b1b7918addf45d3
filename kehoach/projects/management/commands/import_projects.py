"""``kehoach import_projects FILE --plan CODE [--dry-run] [--locale vi|en|auto]``."""

from __future__ import annotations

from kehoach.tasks.management.programme import ProgrammeImportCommand
from kehoach.tasks.programme import PROJECTS


class Command(ProgrammeImportCommand):
    help = "Load a plan's priority project list, all or nothing."
    table = PROJECTS
