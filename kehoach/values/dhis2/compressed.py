"""DHIS2 files as DHIS2 hands them out: gzip (``.json.gz``) or zip (``.json.zip``, one file in
it), unpacked as they are read. The unpacked size is capped (a small zip that unpacks to
terabytes is refused when it passes the cap), and a damaged archive is a file that cannot be read.
"""

from __future__ import annotations

import gzip
import io
import zipfile
import zlib
from typing import IO, Any

from django.conf import settings
from django.utils.translation import gettext as _

from kehoach.core.exchange.reader import ExchangeError, RowError

GZIP, ZIP = b"\x1f\x8b", b"PK\x03\x04"


def _fail(message: str) -> ExchangeError:
    return ExchangeError([RowError(0, "", message)])


def unpacked_limit() -> int:
    return 4 * int(settings.KEHOACH_MAX_STREAMED_UPLOAD_BYTES)


class _Prefixed(io.RawIOBase):
    """``head`` (already read) then the rest of ``stream``."""

    def __init__(self, head: bytes, stream: IO[bytes]) -> None:
        self.head, self.stream = head, stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self.head:
            size = min(len(buffer), len(self.head))
            buffer[:size], self.head = self.head[:size], self.head[size:]
            return size
        data = self.stream.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)


class _Unpacked(io.RawIOBase):
    """The unpacked bytes, counted; not seekable (a seek would unpack the file again)."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.count, self.limit = inner, 0, unpacked_limit()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        try:
            data = self.inner.read(len(buffer))
        except (OSError, EOFError, zlib.error, zipfile.BadZipFile) as exc:
            raise _fail(_("Tệp nén hỏng hoặc bị cắt cụt (%(e)s).") % {"e": exc}) from exc
        self.count += len(data)
        if self.count > self.limit:
            raise _fail(_("Tệp nén khi giải nén quá lớn (hơn %(n)s GB).")
                        % {"n": self.limit >> 30})
        buffer[:len(data)] = data
        return len(data)


def unpack(head: bytes, stream: IO[bytes], filename: str) -> tuple[IO[bytes], str] | None:
    """The unpacked stream and its file name, or None for a file that is not compressed."""
    if head.startswith(GZIP):
        inner = gzip.GzipFile(fileobj=io.BufferedReader(_Prefixed(head, stream)))
        name = filename[:-3] if filename.lower().endswith(".gz") else filename
        return io.BufferedReader(_Unpacked(inner), buffer_size=1 << 16), name
    if head.startswith(ZIP):
        return _zip_member(stream)
    return None


def _zip_member(stream: IO[bytes]) -> tuple[IO[bytes], str]:
    try:
        stream.seek(0)
        archive = zipfile.ZipFile(stream)
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        raise _fail(_("Tệp zip hỏng (%(e)s).") % {"e": exc}) from exc
    if len(members) != 1:
        raise _fail(_("Tệp zip phải chứa đúng một tệp dữ liệu DHIS2 (có %(n)s).")
                    % {"n": len(members)})
    if members[0].file_size > unpacked_limit():
        raise _fail(_("Tệp nén khi giải nén quá lớn (hơn %(n)s GB).")
                    % {"n": unpacked_limit() >> 30})
    inner = archive.open(members[0])
    return io.BufferedReader(_Unpacked(inner), buffer_size=1 << 16), members[0].filename
