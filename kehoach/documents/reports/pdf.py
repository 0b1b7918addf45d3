"""A .docx converted to PDF with LibreOffice.

LibreOffice is kept warm by ``kehoach pdf_server`` (started by ``kehoach serve``): unoserver
(PyPI) runs one LibreOffice with Debian's ``python3-uno`` bridge and converts each document in a
fraction of a second over XML-RPC on ``KEHOACH_UNOSERVER`` (``127.0.0.1:2003``). When that
server does not answer, a cold ``libreoffice --headless --convert-to pdf`` is started for the
document (a few seconds). Without LibreOffice at all (Debian package ``libreoffice-writer-nogui``
or ``libreoffice-core-nogui``), :class:`LibreOfficeMissing` says so."""

from __future__ import annotations

import logging
import shutil
import socket
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


class LibreOfficeMissing(ConversionError):
    """No LibreOffice on this server: PDF cannot be made at all (the command exits 2)."""


def missing_message() -> str:
    return _(
        "Không tạo được PDF: máy chủ chưa cài LibreOffice (gói Debian "
        "libreoffice-writer-nogui, lệnh libreoffice). Hãy tải bản Word (.docx) hoặc báo quản "
        "trị hệ thống cài LibreOffice."
    )


def unoserver_address() -> tuple[str, int] | None:
    """(host, port) of the warm LibreOffice, None when switched off (``KEHOACH_UNOSERVER=``)."""
    text = getattr(settings, "KEHOACH_UNOSERVER", "")
    if not text:
        return None
    host, _sep, port = text.rpartition(":")
    return (host or "127.0.0.1"), int(port)


def _warm(data: bytes, timeout: int) -> bytes | None:
    """The PDF from the warm LibreOffice, or None when it is not running."""
    address = unoserver_address()
    if address is None:
        return None
    host, port = address
    try:
        with socket.create_connection(address, timeout=0.5):
            pass
    except OSError:
        return None
    from unoserver.client import UnoClient

    started = time.monotonic()
    previous = socket.getdefaulttimeout()
    socket.setdefaulttimeout(timeout)
    try:
        result = UnoClient(server=host, port=str(port)).convert(indata=data, convert_to="pdf")
    except Exception as exc:  # noqa: BLE001 - XML-RPC faults, timeouts: fall back to a cold start
        logger.warning("warm PDF conversion failed (%s); starting LibreOffice", exc)
        return None
    finally:
        socket.setdefaulttimeout(previous)
    logger.info(
        "PDF converted by the warm LibreOffice: %s bytes in %.2f s",
        len(data),
        time.monotonic() - started,
    )
    return bytes(result) if result else None


def libreoffice_binary() -> str | None:
    configured = getattr(settings, "KEHOACH_LIBREOFFICE", "")
    return configured or shutil.which("libreoffice") or shutil.which("soffice")


def docx_to_pdf(data: bytes, *, timeout: int | None = None) -> bytes:
    """Convert in a temporary directory with its own LibreOffice profile (so that conversions
    running at the same time do not share one), within ``timeout`` seconds."""
    binary = libreoffice_binary()
    if binary is None:
        logger.error("PDF conversion impossible: no libreoffice binary")
        raise LibreOfficeMissing(missing_message())
    timeout = int(timeout or getattr(settings, "KEHOACH_PDF_TIMEOUT", None) or DEFAULT_TIMEOUT)
    warm = _warm(data, timeout)
    if warm is not None:
        return warm
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "bao-cao.docx"
        source.write_bytes(data)
        command = [
            binary,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        started = time.monotonic()
        try:
            done = subprocess.run(command, capture_output=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            logger.error("PDF conversion timed out after %s s", timeout)
            raise ConversionError(
                _("Không tạo được PDF: LibreOffice chạy quá %(s)s giây.") % {"s": timeout}
            ) from exc
        except OSError as exc:
            logger.error("PDF conversion could not start %s: %s", binary, exc)
            raise ConversionError(_("Không chạy được LibreOffice: %(e)s") % {"e": exc}) from exc
        target = folder / "bao-cao.pdf"
        if done.returncode != 0 or not target.is_file():
            detail = (done.stderr or done.stdout).decode("utf-8", "replace").strip()[:300]
            logger.error("PDF conversion failed (exit %s): %s", done.returncode, detail)
            raise ConversionError(
                _("LibreOffice không chuyển được tệp sang PDF (mã %(c)s): %(d)s")
                % {"c": done.returncode, "d": detail}
            )
        logger.info(
            "PDF converted: %s bytes of .docx in %.1f s", len(data), time.monotonic() - started
        )
        return target.read_bytes()
