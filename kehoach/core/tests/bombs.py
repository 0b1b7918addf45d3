"""Hostile Office files built at test time: small on disk, huge once read.

``inflate(data, member, padding_mb)`` rewrites an .xlsx/.docx so that ``member`` holds
``padding_mb`` MB of whitespace more (valid XML), deflate-compressed to a few hundred KB: the
deflate stream of one compressed MB is repeated (each piece ends with a full flush, so pieces
can be concatenated), so building a 300 MB bomb takes a fraction of a second.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

CHUNK = b" " * (1024 * 1024)


def _deflate(data: bytes) -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FULL_FLUSH)


def _final_block() -> bytes:
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(b"") + c.flush(zlib.Z_FINISH)


def _padded_member(content: bytes, padding_mb: int) -> tuple[bytes, int, int]:
    """(compressed, crc, size) of ``content`` with the padding after its first ``>`` of the
    root element's first child (whitespace between elements)."""
    declaration = content.find(b"?>")
    cut = content.index(b">", declaration + 2 if declaration >= 0 else 0) + 1
    head, tail = content[:cut], content[cut:]
    piece = _deflate(CHUNK)
    crc = zlib.crc32(head)
    for _ in range(padding_mb):
        crc = zlib.crc32(CHUNK, crc)
    crc = zlib.crc32(tail, crc)
    compressed = _deflate(head) + piece * padding_mb + _deflate(tail) + _final_block()
    return compressed, crc, len(head) + len(CHUNK) * padding_mb + len(tail)


def write_zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of already deflated members: (name, compressed, crc, size)."""
    out, central = io.BytesIO(), io.BytesIO()
    for name, compressed, crc, size in members:
        offset = out.tell()
        raw = name.encode()
        out.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0x21,
                              crc, len(compressed), size, len(raw), 0) + raw + compressed)
        central.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0x21,
                                  crc, len(compressed), size, len(raw), 0, 0, 0, 0, 0, offset)
                      + raw)
    start, directory = out.tell(), central.getvalue()
    out.write(directory)
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members),
                          len(directory), start, 0))
    return out.getvalue()


def inflate(data: bytes, member: str, padding_mb: int) -> bytes:
    """``data`` (an .xlsx/.docx) whose ``member`` unpacks ``padding_mb`` MB larger."""
    source = zipfile.ZipFile(io.BytesIO(data))
    members = []
    for info in source.infolist():
        content = source.read(info)
        if info.filename == member:
            members.append((info.filename, *_padded_member(content, padding_mb)))
        else:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            members.append((info.filename, c.compress(content) + c.flush(), zlib.crc32(content),
                            len(content)))
    return write_zip(members)


def replace_member(data: bytes, member: str, content: bytes) -> bytes:
    """``data`` with one member's content replaced (e.g. by cut-off XML)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename,
                            content if info.filename == member else source.read(info))
    return out.getvalue()


def dimension_bomb(data: bytes, sheet: str = "xl/worksheets/sheet1.xml") -> bytes:
    """An .xlsx whose sheet declares ``A1:XFD1048576`` and has one cell at row 1,048,576."""
    content = zipfile.ZipFile(io.BytesIO(data)).read(sheet).decode()
    start = content.index("<dimension")
    content = content[:start] + '<dimension ref="A1:XFD1048576"/>' + content[
        content.index("/>", start) + 2:]
    last = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    content = content.replace("</sheetData>", last + "</sheetData>")
    return replace_member(data, sheet, content.encode())
