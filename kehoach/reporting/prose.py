"""The written part of a submission as text: cleaning what is pasted from Word, paragraphs,
word counts, and reading a .docx whose headings name the round's sections.

Text is stored plain: one paragraph per line, list items starting with ``- `` (or ``+ `` for a
second level, as Vietnamese documents write them).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kehoach.core import files
from kehoach.core.text import ascii_fold, clean_text

# Spaces Word pastes (no-break, narrow, figure, thin, en/em …) become a plain space.
_SPACES = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t]")
# Invisible characters: zero-width, soft hyphen, direction marks, BOM, Symbol-font private use.
_INVISIBLE = re.compile(
    "[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ue000-\uf8ff]"
)
# A line starting with a bullet glyph (Word's "•", "", "o", "▪", "–" …) is a list item.
_BULLET = re.compile(
    "^(?:[\u2022\u00b7\u25aa\u25ab\u25e6\u25cf\u25cb\u25a0\u25a1\u25ba\u25b6"
    "\u27a2\u2713\u2714\u2013\u2014\u2212*\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8]"
    "|-(?=\\s))\\s*"
)
_WORD = re.compile(r"[^\W_]+(?:[.,'’/-][^\W_]+)*%?")
MAX_CHARS = 100_000


def clean_prose(text: str | None) -> str:
    """What a reader sees of pasted text, without Word's formatting junk: control and invisible
    characters dropped, odd spaces made plain, bullet glyphs turned into ``- ``, spaces and
    blank lines collapsed (at most one blank line between paragraphs)."""
    text = clean_text(text or "").replace("\u2028", "\n").replace("\u2029", "\n")
    bullets = {i for i, line in enumerate(text.split("\n")) if _BULLET.match(line.strip())}
    text = _INVISIBLE.sub("", text)
    lines: list[str] = []
    for index, raw in enumerate(text.split("\n")):
        line = " ".join(_SPACES.sub(" ", raw).split())
        if index in bullets:
            line = _BULLET.sub("", line)
            line = f"- {line}" if line else ""
        if line or (lines and lines[-1]):
            lines.append(line)
    return "\n".join(lines).strip()


def prose_paragraphs(text: str | None) -> list[str]:
    """The non-empty lines of a text: its paragraphs and list items."""
    return [line.strip() for line in (text or "").split("\n") if line.strip()]


def word_count(text: str | None) -> int:
    """Words as a reader counts them (``7,5%`` is one; a list's ``-`` is none)."""
    return len(_WORD.findall(text or ""))


# --- matching headings to sections ---------------------------------------------------------

ALIASES: dict[str, tuple[str, ...]] = {
    "results": (
        "ket qua dat duoc",
        "ket qua thuc hien",
        "ket qua",
        "tinh hinh thuc hien",
        "danh gia ket qua thuc hien",
        "nhung ket qua dat duoc",
    ),
    "shortcomings": (
        "ton tai han che",
        "ton tai",
        "han che",
        "han che yeu kem",
        "nhung ton tai han che",
        "khuyet diem han che",
    ),
    "causes": ("nguyen nhan", "nguyen nhan khach quan chu quan", "nguyen nhan cua ton tai han che"),
    "lessons": ("bai hoc kinh nghiem", "bai hoc", "nhung bai hoc kinh nghiem"),
    "solutions": (
        "nhiem vu giai phap",
        "giai phap",
        "nhiem vu giai phap trong tam",
        "phuong huong nhiem vu giai phap",
        "nhiem vu va giai phap",
    ),
    "recommendations": ("de xuat kien nghi", "kien nghi", "de xuat", "kien nghi de xuat"),
}
_NUMBERING = re.compile(r"^\s*(?:(?:[ivxlc]+|\d+(?:\.\d+)*|[a-z])\s*[.):/-]\s*)+", re.I)
MAX_HEADING_WORDS = 15
THRESHOLD = 0.82


def heading_name(line: str) -> str:
    """A heading's words without its numbering (``II.``, ``2.1.``, ``a)``), accents, case and
    punctuation: ``II. TỒN TẠI, HẠN CHẾ:`` → ``ton tai han che``."""
    folded = ascii_fold(_NUMBERING.sub("", ascii_fold(line)))
    return " ".join(re.sub(r"[^a-z0-9 ]", " ", folded).split())


def _score(name: str, alias: str) -> float:
    if not alias:
        return 0.0
    if name == alias:
        return 1.0
    if name.startswith(alias + " "):
        return 0.9 + min(len(alias), 90) / 1000
    return SequenceMatcher(None, name, alias).ratio()


def match_heading(line: str, sections: Sequence[Any]) -> Any | None:
    """The section (``key``, ``title``) whose name ``line`` is, accents and case ignored and a
    typo forgiven; ``None`` when nothing comes close or the line is too long for a heading."""
    if len(line.split()) > MAX_HEADING_WORDS:
        return None
    name = heading_name(line)
    if not name:
        return None
    best, best_score = None, 0.0
    for section in sections:
        aliases = (*ALIASES.get(section.key, ()), heading_name(section.title))
        score = max(_score(name, alias) for alias in aliases)
        if score > best_score:
            best, best_score = section, score
    return best if best_score >= THRESHOLD else None


# --- reading a .docx -----------------------------------------------------------------------


@dataclass
class DocxBlock:
    text: str
    heading_like: bool = False
    is_list: bool = False


@dataclass
class DocxSplit:
    """A .docx split by the round's sections: ``texts`` by key, ``headings`` found (line, key),
    and ``preamble``: what came before the first recognised heading (or everything, if none)."""

    texts: dict[str, str] = field(default_factory=dict)
    headings: list[tuple[str, str]] = field(default_factory=list)
    preamble: str = ""


def _is_heading_like(paragraph: Any, text: str) -> bool:
    style = (getattr(paragraph.style, "name", "") or "").lower()
    if style.startswith(("heading", "title", "tiêu đề", "tieu de")):
        return True
    runs = [r for r in paragraph.runs if r.text.strip()]
    if runs and all(
        r.bold or (r.bold is None and r.style is not None and r.style.font.bold) for r in runs
    ):
        return True
    return bool(_NUMBERING.match(text)) or (text.isupper() and len(text) > 3)


def _is_list(paragraph: Any) -> bool:
    style = (getattr(paragraph.style, "name", "") or "").lower()
    ppr = paragraph._p.pPr
    return "list" in style or (ppr is not None and ppr.numPr is not None)


def docx_blocks(data: bytes) -> list[DocxBlock]:
    """The paragraphs of a .docx, cleaned; a clear ``ValidationError`` for a damaged file."""
    from docx import Document

    damaged = _("Không đọc được tệp Word: tệp hỏng hoặc không phải định dạng .docx.")
    if not data:
        raise ValidationError(_("Tệp tải lên rỗng. Hãy chọn tệp Word (.docx)."))
    try:
        files.check_ooxml(data, kind=".docx", damaged=damaged)
    except files.FileRefused as exc:
        raise ValidationError(str(exc)) from exc
    try:
        document = Document(io.BytesIO(data))
        blocks = []
        for paragraph in document.paragraphs:
            text = clean_prose(paragraph.text)
            if text:
                blocks.append(
                    DocxBlock(
                        text=text,
                        heading_like=_is_heading_like(paragraph, text),
                        is_list=_is_list(paragraph),
                    )
                )
    except Exception as exc:  # noqa: BLE001 - python-docx/lxml raise many kinds for a damaged file
        raise ValidationError(damaged) from exc
    if not blocks:
        raise ValidationError(_("Tệp Word không có đoạn văn nào."))
    return blocks


def _line(block: DocxBlock) -> str:
    if block.is_list and not block.text.startswith(("- ", "+ ")):
        return f"- {block.text}"
    return block.text


def split_by_sections(blocks: Iterable[DocxBlock], sections: Sequence[Any]) -> DocxSplit:
    """Assign paragraphs to the sections whose headings precede them. A heading met twice
    continues its section."""
    split = DocxSplit()
    current: str | None = None
    parts: dict[str | None, list[str]] = {}
    for block in blocks:
        section = match_heading(block.text, sections) if block.heading_like else None
        if section is not None:
            current = section.key
            split.headings.append((block.text, section.key))
            parts.setdefault(current, [])
            continue
        parts.setdefault(current, []).append(_line(block))
    split.preamble = "\n".join(parts.pop(None, []))
    split.texts = {key: "\n".join(lines) for key, lines in parts.items() if key is not None}
    return split
