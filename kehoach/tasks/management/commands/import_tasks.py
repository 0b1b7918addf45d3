"""``kehoach import_tasks FILE --plan CODE [--dry-run] [--locale vi|en|auto]``."""

from __future__ import annotations

from kehoach.tasks.management.programme import ProgrammeImportCommand
from kehoach.tasks.programme import TASKS


class Command(ProgrammeImportCommand):
    help = ("Load an action programme's task table (STT, nhiệm vụ, chủ trì, phối hợp, thời hạn, "
            "sản phẩm) into a plan, all or nothing.")
    table = TASKS
