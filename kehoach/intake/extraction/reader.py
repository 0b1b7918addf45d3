"""Read an uploaded plan document (``.txt`` or ``.docx``) into NFC text.

``.txt`` must be UTF-8 (with or without BOM) or UTF-16 with a BOM; anything else is refused with
a message in Vietnamese rather than guessed.  ``.docx`` gives its paragraphs and table cells in
document order, one per line.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from kehoach.core import files
from kehoach.core.text import clean_text

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_ALLOWED = (".txt", ".docx")


def read_text_file(
    path_or_bytes: str | Path | bytes | IO[bytes], filename: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> str:
    """The NFC text of a ``.txt`` or ``.docx`` document given as a path, bytes or a binary file.

    Raises ``ValueError`` (message in Vietnamese) for an empty or too large file, an unsupported
    extension, a text file that is not UTF-8/UTF-16 or a damaged ``.docx``.
    """
    name = filename or (str(path_or_bytes) if isinstance(path_or_bytes, str | Path) else "")
    suffix = Path(name).suffix.lower()
    if suffix not in _ALLOWED:
        raise ValueError(f"Chỉ nhận tệp .txt hoặc .docx (tệp đã gửi: {name or 'không tên'}).")
    data = _read_bytes(path_or_bytes, max_bytes)
    if not data.strip():
        raise ValueError("Tệp rỗng: không có nội dung để đọc.")
    text = _decode_text(data) if suffix == ".txt" else _docx_text(data)
    return clean_text(text)  # NFC, \n line ends, no control characters but tab and newline


def _read_bytes(source: str | Path | bytes | IO[bytes], max_bytes: int) -> bytes:
    if isinstance(source, bytes | bytearray):
        data = bytes(source)
    elif isinstance(source, str | Path):
        path = Path(source)
        if not path.is_file():
            raise ValueError(f"Không tìm thấy tệp: {path}")
        if path.stat().st_size > max_bytes:
            raise ValueError(_too_large(max_bytes))
        data = path.read_bytes()
    else:
        data = source.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(_too_large(max_bytes))
    return data


def _too_large(max_bytes: int) -> str:
    return f"Tệp quá lớn: giới hạn là {max_bytes / (1024 * 1024):g} MB."


def _decode_text(data: bytes) -> str:
    if data.startswith(codecs.BOM_UTF8):
        text = _decode(data[len(codecs.BOM_UTF8):], "utf-8")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode(data, "utf-16")
    else:
        text = _decode(data, "utf-8")
    if _looks_binary(text):
        raise ValueError(
            "Tệp không phải văn bản: có dữ liệu nhị phân. Hãy gửi tệp .txt (UTF-8) hoặc .docx."
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"Tệp không phải văn bản {encoding.upper()} (byte lỗi ở vị trí {exc.start}). "
            "Hãy lưu lại tệp với mã hóa UTF-8 rồi gửi lại."
        ) from exc


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f\v")
    return controls > max(2, len(text[:4096]) // 100)


def _docx_text(data: bytes) -> str:
    from docx import Document  # python-docx, imported only when a .docx arrives

    damaged = "Tệp .docx bị hỏng hoặc không đúng định dạng Word (.docx)."
    files.check_ooxml(data, kind=".docx", damaged=damaged)  # zip bombs: refused before parsing
    try:
        document = Document(io.BytesIO(data))
        return "\n".join(_blocks(document.element.body))
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many kinds for a damaged file
        raise ValueError(damaged) from exc


def _blocks(container: Any) -> Iterator[str]:
    """Paragraph texts and table cell texts under ``container`` in document order."""
    for child in container.iterchildren():
        tag = _tag(child)
        if tag == "p":
            yield _paragraph_text(child)
        elif tag == "tbl":
            yield from _table_blocks(child)


def _table_blocks(table: Any) -> Iterator[str]:
    for row in table.iterchildren():
        if _tag(row) != "tr":
            continue
        for cell in row.iterchildren():
            if _tag(cell) == "tc":
                yield from _blocks(cell)


def _paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    for node in paragraph.iter():
        tag = _tag(node)
        if tag == "t" and node.text:
            parts.append(node.text)
        elif tag == "tab" and _tag(node.getparent()) == "r":
            parts.append("\t")
        elif tag in ("br", "cr"):
            parts.append("\n")
    return "".join(parts)


def _tag(node: Any) -> str:
    tag = node.tag if isinstance(node.tag, str) else ""
    return tag.rsplit("}", 1)[-1]
