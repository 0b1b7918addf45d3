"""Lines, headings and sentences of a plan text, with character offsets.

A heading is a short numbered line (``II. MỤC TIÊU``, ``2. Mục tiêu cụ thể``, ``a) …``), a short
line in capitals, or a short line ending with a colon.  Headings nest by their numbering; each
sentence carries the headings above it (their text is what tells targets from results and may
name the period).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NUMBERED = re.compile(
    r"^\s*(?:(?P<roman>[IVXLC]+)\.|(?P<arabic>\d{1,2}(?:\.\d{1,2})*)[.)]?|(?P<letter>[a-zđ])\))"
    r"\s+(?P<title>\S.*)$"
)
_BOUNDARY = re.compile(r"[.!?…]+[\"”’)]*\s+")
_ABBREV = re.compile(
    r"(?:\b(?:TP|Tp|TS|ThS|PGS|GS|BS|KS|St|Mr|Mrs|Ms|Dr|Th|v\.v|TT|Q|P|X|H)|\b[A-ZĐ])\.$"
)
_NUMBERING_ONLY = re.compile(r"^\s*(?:[IVXLC]+|\d{1,2}(?:\.\d{1,2})*|[a-zđ])[.)]$")
HEADING_MAX = 160


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    start: int


@dataclass
class Sentence:
    """A sentence: offsets in the document, the line it belongs to and the headings above it."""

    start: int
    end: int
    text: str
    line_index: int
    headings: tuple[Heading, ...] = field(default_factory=tuple)


def heading_level(line: str) -> int | None:
    """The nesting level of a heading line, or None when the line is body text."""
    stripped = line.strip()
    if not stripped or len(stripped) > HEADING_MAX:
        return None
    match = _NUMBERED.match(stripped)
    if match:
        if match.group("roman"):
            return 1
        if match.group("arabic"):
            return 1 + match.group("arabic").count(".") + 1
        return 6
    if stripped.isupper() and " " in stripped and sum(c.isalpha() for c in stripped) >= 6:
        return 0
    if stripped.endswith(":"):
        return 9
    return None


def split_sentences(text: str) -> list[Sentence]:
    """All sentences of ``text`` in order, each with the headings in force above it."""
    sentences: list[Sentence] = []
    stack: list[Heading] = []
    pos = 0
    for index, line in enumerate(text.split("\n")):
        start, pos = pos, pos + len(line) + 1
        level = heading_level(line)
        if level is not None:
            stack = [h for h in stack if h.level < level]
        for s, e in _line_sentences(line):
            sentences.append(
                Sentence(start + s, start + e, line[s:e], index, tuple(stack))
            )
        if level is not None:
            stack.append(Heading(level, line.strip(), start))
    return sentences


def _line_sentences(line: str) -> list[tuple[int, int]]:
    """Offsets of the sentences of one line, stripped of surrounding blanks."""
    spans: list[tuple[int, int]] = []
    begin = 0
    for match in _BOUNDARY.finditer(line):
        cut = match.start() + len(match.group().rstrip())
        following = line[match.end():match.end() + 1]
        head = line[begin:cut]
        if not _starts_sentence(following):
            continue
        if _ABBREV.search(head) or _NUMBERING_ONLY.match(head):
            continue
        spans.append((begin, cut))
        begin = match.end()
    spans.append((begin, len(line)))
    return [_strip(line, s, e) for s, e in spans if line[s:e].strip()]


def _starts_sentence(char: str) -> bool:
    return bool(char) and (char.isupper() or char.isdigit() or char in "-+•(“\"")


def _strip(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    return start, end


def clause_bounds(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The ``;``-separated clauses of ``text[start:end]`` as offsets in ``text``."""
    bounds: list[tuple[int, int]] = []
    begin = start
    while (offset := text.find(";", begin, end)) != -1:
        bounds.append((begin, offset))
        begin = offset + 1
    bounds.append((begin, end))
    return bounds
