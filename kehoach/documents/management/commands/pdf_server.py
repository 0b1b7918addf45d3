"""``kehoach pdf_server``: keep one LibreOffice warm for PDF conversion (unoserver).

Runs in the foreground until stopped (``kehoach serve`` starts it beside gunicorn and the
worker). It listens on ``KEHOACH_UNOSERVER`` (``127.0.0.1:2003``); ``docx_to_pdf`` converts through
it and falls back to a cold LibreOffice when it does not answer.

Exit codes: 2 when LibreOffice or its Python bridge (Debian ``python3-uno``) is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.documents.reports.pdf import libreoffice_binary, missing_message, unoserver_address


def uno_available() -> bool:
    """Whether this Python can load LibreOffice's bridge from ``KEHOACH_UNO_PATH``."""
    probe = f"import sys; sys.path.append({settings.KEHOACH_UNO_PATH!r}); import uno"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, check=False)
    return done.returncode == 0


def server_command(*, host: str, port: int, binary: str) -> list[str]:
    """unoserver's server with the bridge appended to the path (the venv's packages first)."""
    start = (
        f"import sys; sys.path.append({settings.KEHOACH_UNO_PATH!r}); "
        "from unoserver.server import main; sys.exit(main())"
    )
    profile = Path(settings.KEHOACH_REPORT_DIR).parent / "libreoffice-profile"
    return [sys.executable, "-c", start, "--interface", host, "--port", str(port),
            "--uno-port", str(port + 1), "--executable", binary, "--quiet",
            "--user-installation", str(profile)]


def pdf_server_argv() -> list[str] | None:
    """The command line, or None when PDF cannot be kept warm here."""
    address, binary = unoserver_address(), libreoffice_binary()
    if address is None or binary is None or not uno_available():
        return None
    return server_command(host=address[0], port=address[1], binary=binary)


class Command(BaseCommand):
    help = "Keep LibreOffice warm for PDF conversion (unoserver on KEHOACH_UNOSERVER)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check", action="store_true", help="only say whether the server can run here"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if libreoffice_binary() is None:
            raise UsageError(missing_message())
        if unoserver_address() is None:
            raise UsageError("KEHOACH_UNOSERVER trống: chuyển PDF không dùng LibreOffice chạy sẵn.")
        if not uno_available():
            raise UsageError(
                f"Không nạp được cầu nối Python của LibreOffice (gói Debian python3-uno) "
                f"từ {settings.KEHOACH_UNO_PATH}."
            )
        argv = pdf_server_argv()
        assert argv is not None
        if options["check"]:
            self.stdout.write(f"pdf server can run: {' '.join(argv[3:])}")
            return
        self.stdout.write(f"pdf server on {settings.KEHOACH_UNOSERVER}")
        os.execv(argv[0], argv)
