"""A .docx converted to PDF with LibreOffice (``libreoffice --headless --convert-to pdf``)."""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 120


class ConversionError(Exception):
    """LibreOffice is missing, failed or took too long; the message says which."""


def libreoffice_binary() -> str | None:
    configured = getattr(settings, "KEHOACH_LIBREOFFICE", "")
    return configured or shutil.which("libreoffice") or shutil.which("soffice")


def docx_to_pdf(data: bytes, *, timeout: int | None = None) -> bytes:
    """Convert in a temporary directory with its own LibreOffice profile (so that conversions
    running at the same time do not share one), within ``timeout`` seconds."""
    binary = libreoffice_binary()
    if binary is None:
        logger.error("PDF conversion impossible: no libreoffice binary")
        raise ConversionError(_("Không tạo được PDF: máy chủ chưa cài LibreOffice (cần lệnh "
                                "libreoffice). Hãy tải bản Word (.docx) hoặc báo quản trị hệ "
                                "thống cài LibreOffice."))
    timeout = timeout or getattr(settings, "KEHOACH_PDF_TIMEOUT", DEFAULT_TIMEOUT)
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "bao-cao.docx"
        source.write_bytes(data)
        command = [binary, f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
                   str(source)]
        started = time.monotonic()
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            logger.error("PDF conversion timed out after %s s", timeout)
            raise ConversionError(_("Không tạo được PDF: LibreOffice chạy quá %(s)s giây.") % {
                "s": timeout}) from exc
        except OSError as exc:
            logger.error("PDF conversion could not start %s: %s", binary, exc)
            raise ConversionError(_("Không chạy được LibreOffice: %(e)s") % {"e": exc}) from exc
        target = folder / "bao-cao.pdf"
        if done.returncode != 0 or not target.is_file():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[:300]
            logger.error("PDF conversion failed (exit %s): %s", done.returncode, detail)
            raise ConversionError(_("LibreOffice không chuyển được tệp sang PDF (mã %(c)s): "
                                    "%(d)s") % {"c": done.returncode, "d": detail})
        logger.info("PDF converted: %s bytes of .docx in %.1f s", len(data),
                    time.monotonic() - started)
        return target.read_bytes()
