"""The guards every uploaded or read file passes before it is parsed (one place for all readers).

- ``read_upload`` / ``check_size`` / ``upload_size_validator``: the upload size limit
  (``settings.KEHOACH_MAX_UPLOAD_BYTES``), the same for pages, the API and the commands;
  ``streamed_upload_size_validator``: the larger limit of a file the page imports in the background
  as a stream (``settings.KEHOACH_MAX_STREAMED_UPLOAD_BYTES``);
- ``check_ooxml``: an .xlsx/.docx is a zip; its member count and its declared uncompressed sizes
  are checked before any XML is parsed (zip bombs). Python's ``zipfile`` never inflates a member
  past its declared size (it fails the CRC instead), so the declared sizes bound the work;
- ``MAX_ROWS`` / ``MAX_COLUMNS``: the largest table a reader accepts, whatever a sheet declares.

Every refusal is a ``FileRefused`` (a ``ValueError``) whose message says what is wrong, in Vietnamese.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_MEMBERS = 2_000


class FileRefused(ValueError):
    """A file the system will not read; ``str(exc)`` is the message for the person."""


def upload_limit() -> int:
    return int(settings.KEHOACH_MAX_UPLOAD_BYTES)


def unpacked_limit() -> int:
    return int(getattr(settings, "KEHOACH_MAX_UNPACKED_BYTES", 50 * 1024 * 1024))


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".").replace(".", ",")


def too_large_message(limit: int | None = None) -> str:
    return _("Tệp quá lớn: tối đa %(n)s MB.") % {"n": _mb(limit or upload_limit())}


def check_size(size: int, limit: int | None = None) -> None:
    if size > (limit or upload_limit()):
        raise FileRefused(too_large_message(limit))


def read_upload(upload: Any, limit: int | None = None) -> bytes:
    """The bytes of an uploaded file, reading at most one byte past the limit."""
    limit = limit or upload_limit()
    size = getattr(upload, "size", None)
    if size is not None:
        check_size(int(size), limit)
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(limit + 1)
    check_size(len(data), limit)
    return bytes(data)


def streamed_upload_size_validator(upload: Any) -> None:
    """For the uploads imported in the background and read as a stream (a DHIS2 data value set):
    they may be as large as ``settings.KEHOACH_MAX_STREAMED_UPLOAD_BYTES`` (1 GB)."""
    limit = int(settings.KEHOACH_MAX_STREAMED_UPLOAD_BYTES)
    try:
        check_size(int(upload.size), limit)
    except FileRefused as exc:
        raise ValidationError(str(exc), code="file_too_large") from exc


def upload_size_validator(upload: Any) -> None:
    """For ``forms.FileField(validators=[...])`` and DRF's ``FileField``: refuse a too-large file."""
    try:
        check_size(int(upload.size))
    except FileRefused as exc:
        raise ValidationError(str(exc), code="file_too_large") from exc


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def check_ooxml(data: bytes, *, kind: str = "", max_unpacked: int | None = None,
                damaged: str = "") -> None:
    """Refuse an .xlsx/.docx that is not a readable zip, has too many members or unpacks too big.

    ``damaged`` is the reader's own message for a file that is not a zip at all."""
    kind = kind or _("Office")
    damaged = damaged or _("Tệp %(k)s bị hỏng hoặc không đọc được.") % {"k": kind}
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise FileRefused(damaged) from exc
    if len(members) > MAX_MEMBERS:
        raise FileRefused(_("Tệp %(k)s có quá nhiều thành phần (%(n)s; tối đa %(m)s).") % {
            "k": kind, "n": len(members), "m": MAX_MEMBERS})
    limit = max_unpacked or unpacked_limit()
    total = sum(max(m.file_size, 0) for m in members)
    if total > limit:
        raise FileRefused(_("Tệp %(k)s khi giải nén quá lớn (%(n)s MB; tối đa %(m)s MB): hãy "
                            "chia nhỏ tệp.") % {"k": kind, "n": _mb(total), "m": _mb(limit)})


def too_many_rows_message() -> str:
    return _("Tệp có dữ liệu quá dòng %(r)s hoặc quá cột %(c)s: hãy chia nhỏ tệp.") % {
        "r": f"{MAX_ROWS:,}".replace(",", "."), "c": MAX_COLUMNS}
