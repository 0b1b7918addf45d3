"""The files a unit may attach as evidence of progress: allowed types and the size limit."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

# extension → the first bytes a file of that type starts with
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",), ".xlsx": (b"PK\x03\x04",), ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",), ".ods": (b"PK\x03\x04",), ".zip": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",), ".xls": (b"\xd0\xcf\x11\xe0",),
    ".png": (b"\x89PNG",), ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
}


def max_bytes() -> int:
    return int(getattr(settings, "KEHOACH_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


def evidence_check(upload: Any) -> str | None:
    """``None`` when ``upload`` may be kept; otherwise what is wrong, in Vietnamese."""
    name = getattr(upload, "name", "") or ""
    ext = PurePath(name).suffix.lower()
    if ext not in SIGNATURES:
        return _("Tệp “%(f)s” không được nhận: chỉ nhận %(t)s.") % {
            "f": name, "t": ", ".join(sorted(e.lstrip(".") for e in SIGNATURES))}
    limit = max_bytes()
    if upload.size > limit:
        return _("Tệp “%(f)s” quá lớn (%(s)s MB); tối đa %(m)s MB.") % {
            "f": name, "s": f"{upload.size / 1048576:.1f}".replace(".", ","),
            "m": limit // 1048576}
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not head.startswith(SIGNATURES[ext]):
        return _("Tệp “%(f)s” không đúng định dạng %(e)s (nội dung không khớp phần mở rộng).") % {
            "f": name, "e": ext.lstrip(".")}
    return None
