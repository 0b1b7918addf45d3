"""Figures in a sentence: a number with its qualifier, range, unit and the evidence that it is a
target or result rather than a date, a count of maps or a heading number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from . import qualifiers as q
from .numbers import NUMBER_RE, is_year_like, parse_number
from .units import UnitMatch, is_rejected_unit, read_unit

_AFTER_BARE = re.compile(
    r"\s*(?:[.;,)]|$|(?:vào|trong|đến|tới|năm|và|so|theo)(?![\w]))", re.IGNORECASE
)
_COORDINATION = re.compile(r"\s*(?:,|và|hoặc|,\s*và)\s*", re.IGNORECASE)
_PARALLEL_LOOSE = re.compile(r"\s+[^;:]{0,100}?,\s*(?:và\s+)?", re.IGNORECASE)
_PARALLEL = re.compile(r"\s+[^\W\d][^;:()\d]{0,80},\s*(?:và\s+)?", re.IGNORECASE)


@dataclass
class Figure:
    """A number read as a quantity, with where its value phrase starts and ends."""

    number_start: int
    phrase_start: int
    phrase_end: int
    value: Decimal
    value_max: Decimal | None
    unit: UnitMatch
    comparator: str
    has_qualifier: bool
    accepted: bool
    group: int = 0
    parallel: bool = False  # a count listed after another one's description


def find_figures(text: str, start: int, end: int, mask: bytearray) -> list[Figure]:
    """The accepted figures of ``text[start:end]`` in order."""
    figures: list[Figure] = []
    consumed = start
    for match in NUMBER_RE.finditer(text, start, end):
        if mask[match.start()] or match.start() < consumed:
            continue  # masked, or the upper end of a range already read
        figure = _read(text, match, start, end, mask)
        if figure is not None:
            figure.group = len(figures)
            figures.append(figure)
            consumed = figure.phrase_end
    _coordinate(text, figures)
    return [f for f in figures if f.accepted]


def _read(
    text: str, match: re.Match[str], start: int, end: int, mask: bytearray
) -> Figure | None:
    token = match.group("num")
    try:
        value = parse_number(token)
    except ValueError:  # "1.2.3", "3,5,7": section numbers and lists, not quantities
        return None
    value_max, pos, range_unit = _range(text, match.end(), end, mask, value)
    if is_rejected_unit(text, pos):
        return None
    unit = read_unit(text, pos, end)
    if range_unit and not unit.text:
        unit = UnitMatch("%", "measure", pos)
    phrase_end = unit.end
    post = q.post_qualifier(text, phrase_end)
    if post:
        phrase_end = post[1]
    pre = q.pre_qualifier(text, match.start(), start)
    phrase_start = pre.start if pre else match.start()
    if (pre and pre.comparator == q.AT_LEAST and value_max is None
            and q.is_baseline(text, phrase_end, end)):
        return None
    comparator = q.combine(pre.comparator if pre else None, post[0] if post else None,
                           value_max is not None)
    qualified = pre is not None or post is not None or value_max is not None
    accepted = _accepted(text, token, unit, qualified, phrase_start, phrase_end, start)
    return Figure(match.start(), phrase_start, phrase_end, value, value_max, unit, comparator,
                  qualified, accepted)


def _range(
    text: str, pos: int, end: int, mask: bytearray, value: Decimal
) -> tuple[Decimal | None, int, bool]:
    """``5 - 7%``, ``từ 5% đến 7%``: the upper value, the new position, whether ``%`` sat
    between the two numbers."""
    match = q.RANGE_RE.match(text, pos, end)
    if not match or mask[match.start("num2")] or is_year_like(match.group("num2")):
        return None, pos, False
    try:
        upper = parse_number(match.group("num2"))
    except ValueError:
        return None, pos, False
    if upper <= value:
        return None, pos, False
    return upper, match.end(), bool(match.group("u"))


def _accepted(
    text: str, token: str, unit: UnitMatch, qualified: bool, phrase_start: int,
    phrase_end: int, floor: int,
) -> bool:
    if unit.strength == "measure":
        return True
    verb = q.has_verb_before(text, phrase_start, floor)
    if unit.strength == "count":
        return qualified or verb
    if unit.strength == "free":
        return qualified
    if is_year_like(token):
        return False
    return (qualified or verb) and _AFTER_BARE.match(text, phrase_end) is not None


def _coordinate(text: str, figures: list[Figure]) -> None:
    """``ít nhất 70 xã và 03 đơn vị cấp huyện``: the second count shares the first's qualifier
    (and, joined by a bare conjunction, the words after the last one).  ``15 xã đạt chuẩn nâng
    cao, 5 xã đạt chuẩn kiểu mẫu``: a parallel count after a comma is a figure too."""
    for index in range(1, len(figures)):
        figure, before = figures[index], figures[index - 1]
        if figure.accepted or not before.accepted or figure.unit.strength not in ("count", "free"):
            continue
        if _COORDINATION.fullmatch(text, before.phrase_end, figure.phrase_start):
            figure.group = before.group
        elif _PARALLEL.fullmatch(text, before.phrase_end, figure.phrase_start):
            figure.parallel = before.unit.strength == figure.unit.strength
        elif _PARALLEL_LOOSE.fullmatch(text, before.phrase_end, figure.phrase_start):
            figure.parallel = before.unit.text == figure.unit.text
            if not figure.parallel:
                continue
        else:
            continue
        figure.accepted = True
        if not figure.has_qualifier:
            figure.comparator = before.comparator
