"""``kehoach serve``: run kehoach as production runs it on one machine (``make serve``).

Migrates, creates the cache table, collects the static files, then runs and watches three
processes: gunicorn (workers from the core count, see ``kehoach.gunicorn_conf``), the task worker
(``db_worker``) and the daily jobs (``scheduler``), plus ``pdf_server`` (LibreOffice kept warm
for PDF conversion) where LibreOffice and python3-uno are installed. SIGTERM or Ctrl+C stops all three; if one of
them dies, the others are stopped too and the command exits non-zero (systemd or the operator
restarts it). Settings come from the environment (``DEBUG`` stays off).
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError


def pdf_server_possible() -> bool:
    """LibreOffice, its Python bridge (Debian python3-uno) and an address for the warm server."""
    bridge = Path(settings.KEHOACH_UNO_PATH) / "uno.py"
    return bool(settings.KEHOACH_UNOSERVER and bridge.is_file()
                and (shutil.which("soffice") or shutil.which("libreoffice")))


def processes(*, bind: str, workers: int | None) -> dict[str, list[str]]:
    """The command lines of the three processes, and a fourth that keeps LibreOffice warm for
    PDF conversion (``pdf_server``) where LibreOffice is installed."""
    manage = [sys.executable, "-m", "kehoach.manage"]
    web = [sys.executable, "-m", "gunicorn", "-c", "python:kehoach.gunicorn_conf", "--bind", bind]
    if workers:
        web += ["--workers", str(workers)]
    found = {
        "web": [*web, "kehoach.wsgi:application"],
        "worker": [*manage, "db_worker", "--no-reload", "--queue-name=*", "-v", "1"],
        "scheduler": [*manage, "scheduler"],
    }
    if pdf_server_possible():
        found["pdf"] = [*manage, "pdf_server"]
    return found


class Command(BaseCommand):
    help = "Migrate, collect static files, then run gunicorn, the task worker and the scheduler."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--workers", type=int, default=None, help="default: 2 per core + 1")
        parser.add_argument("--skip-prepare", action="store_true",
                            help="do not migrate or collect static files first")

    def handle(self, *args: Any, host: str, port: int, workers: int | None,
               skip_prepare: bool, **options: Any) -> None:
        if settings.DEBUG:
            raise CommandError("DEBUG is on: `kehoach serve` runs with DEBUG off (unset DEBUG).")
        if not skip_prepare:
            self.prepare()
        children = {
            name: subprocess.Popen(argv)
            for name, argv in processes(bind=f"{host}:{port}", workers=workers).items()
        }
        self.stdout.write(f"kehoach serving on http://{host}:{port}/ (Ctrl+C stops)")
        code = self.watch(children)
        if code:
            raise CommandError(f"a process stopped (exit {code}); all stopped", returncode=code)

    def prepare(self) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("createcachetable", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("recover_imports", stdout=self.stdout)  # left running before a crash

    def watch(self, children: dict[str, subprocess.Popen]) -> int:
        stopping = False

        def stop(signum: int, frame: Any) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not stopping and all(child.poll() is None for child in children.values()):
            time.sleep(0.5)
        failed = [child.returncode for child in children.values() if child.poll() is not None]
        for child in children.values():
            if child.poll() is None:
                child.terminate()
        for child in children.values():
            try:
                child.wait(timeout=40)
            except subprocess.TimeoutExpired:
                child.kill()
        return 0 if stopping else (next((c for c in failed if c), 1))
