"""``extract_targets``: read the quantitative targets and results out of Vietnamese plan text.

The text is normalised to NFC, split into sentences (with the headings above each), and every
number that is not masked (dates, document numbers, ordinals …) and has the evidence of a
quantity (a unit, a qualifier, a verb) becomes a figure.  Each figure gets its indicator phrase,
comparator, unit, kind (target or result) and period.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

from . import classify as c
from . import indicators as ind
from .figures import Figure, find_figures
from .masks import build_mask
from .model import ExtractedTarget
from .periods import Horizon, PeriodMention, find_horizon, find_periods, render, render_result
from .sentences import Sentence, clause_bounds, split_sentences
from .units import MULTIPLIER_WORDS

_PEOPLE = re.compile(r"lượt|khách|người", re.IGNORECASE)
_ADDITIONAL = re.compile(r"(?:^|\s)(?:thêm|tăng\s+thêm|mới\s+thêm)\s*$", re.IGNORECASE)


@dataclass
class _Context:
    """What the reader remembers while going through the document."""

    text: str
    mask: bytearray
    horizon: Horizon | None
    periods: list[PeriodMention]
    period_starts: list[int]
    last_year: int | None = None
    last_line: int = -1
    last_kind: str | None = None
    heading_periods: dict[int, Horizon | None] = field(default_factory=dict)


def extract_targets(text: str) -> list[ExtractedTarget]:
    """Every target and result stated in ``text``, in document order."""
    text = unicodedata.normalize("NFC", text)
    periods = find_periods(text)
    ctx = _Context(text, build_mask(text), find_horizon(text), periods,
                   [p.start for p in periods])
    found: list[ExtractedTarget] = []
    for sentence in split_sentences(text):
        figures = find_figures(text, sentence.start, sentence.end, ctx.mask)
        if figures:
            found.extend(_read_sentence(ctx, sentence, figures))
        _remember_year(ctx, sentence)
    return found


def _read_sentence(
    ctx: _Context, sentence: Sentence, figures: list[Figure]
) -> list[ExtractedTarget]:
    kind = _sentence_kind(ctx, sentence)
    mentions = _own_mentions(ctx, sentence)
    items: list[ExtractedTarget] = []
    previous: str | None = None
    last_type = c.LEVEL
    for clause_start, clause_end in clause_bounds(ctx.text, sentence.start, sentence.end):
        in_clause = [f for f in figures if clause_start <= f.number_start < clause_end]
        for index, figure in enumerate(in_clause):
            indicator = _indicator(ctx.text, in_clause, index, clause_start, clause_end, previous)
            if not indicator:
                continue
            previous = indicator
            ttype = last_type if figure.parallel else _target_type(ctx, sentence, figure, indicator)
            last_type = ttype
            period = _period(ctx, sentence, figure, indicator, ttype, kind, mentions, clause_end)
            items.append(_item(sentence, figure, indicator, period, ttype, kind))
    return items


def _item(
    sentence: Sentence, figure: Figure, indicator: str, period: str, ttype: str, kind: str
) -> ExtractedTarget:
    return ExtractedTarget(
        indicator=indicator, comparator=figure.comparator, value=figure.value,
        unit=figure.unit.text, period=period, sentence=sentence.text, start=sentence.start,
        end=sentence.end, value_start=figure.phrase_start, value_end=figure.phrase_end,
        value_max=figure.value_max, target_type=ttype, kind=kind,
    )


def _indicator(
    text: str, figures: list[Figure], index: int, clause_start: int, clause_end: int,
    previous: str | None,
) -> str:
    """The indicator phrase of ``figures[index]`` from the words around it in its clause."""
    figure = figures[index]
    pre_start = figures[index - 1].phrase_end if index else clause_start
    last = index
    while last + 1 < len(figures) and figures[last + 1].group == figure.group:
        last += 1
    post_end = figures[last + 1].phrase_start if last + 1 < len(figures) else clause_end
    pre = "" if figure.parallel else ind.clean_pre(text[pre_start:figure.phrase_start], previous)
    post = ind.clean_post(text[figures[last].phrase_end:post_end])
    return ind.compose(pre, post, _noun(figure), previous)


def _noun(figure: Figure) -> str:
    """The noun a figure counts (``xã``, ``bác sĩ/1 vạn dân``, ``lượt khách``), "" for money,
    percentages and physical measures."""
    if figure.unit.strength not in ("count", "free") and not _PEOPLE.search(figure.unit.text):
        return ""
    words = figure.unit.text.split(" ")
    while words and words[0].lower() in MULTIPLIER_WORDS:
        words.pop(0)
    return " ".join(words)


def _sentence_kind(ctx: _Context, sentence: Sentence) -> str:
    """Target or result, from the sentence's cues, else its line's previous sentence, else the
    headings above it; targets by default."""
    results, targets = c.sentence_cues(sentence.text)
    for mention in _own_mentions(ctx, sentence):
        if not mention.is_range and not mention.by and ctx.horizon is not None:
            if mention.last < ctx.horizon.first:
                results += 1
            else:
                targets += 1
    if results != targets:
        kind = c.RESULT if results > targets else c.TARGET
    elif ctx.last_line == sentence.line_index and ctx.last_kind:
        kind = ctx.last_kind
    else:
        kind = c.heading_kind([h.text for h in sentence.headings]) or c.TARGET
    ctx.last_line, ctx.last_kind = sentence.line_index, kind
    return kind


def _own_mentions(ctx: _Context, sentence: Sentence) -> list[PeriodMention]:
    """The periods written in a sentence, except comparison bases (``so với năm 2023``)."""
    low = bisect.bisect_left(ctx.period_starts, sentence.start)
    high = bisect.bisect_left(ctx.period_starts, sentence.end)
    mentions = ctx.periods[low:high]
    if not mentions:
        return mentions
    bases = [m.span() for m in c.BASIS_RE.finditer(ctx.text, sentence.start, sentence.end)]
    return [m for m in mentions if not any(s <= m.start < e for s, e in bases)]


def _target_type(ctx: _Context, sentence: Sentence, figure: Figure, indicator: str) -> str:
    if _ADDITIONAL.search(ctx.text, max(sentence.start, figure.phrase_start - 12),
                          figure.phrase_start):
        return c.CUMULATIVE  # "có thêm 15 xã": added over the period
    return c.target_type(indicator, figure.unit.text)


def _period(
    ctx: _Context, sentence: Sentence, figure: Figure, indicator: str, ttype: str, kind: str,
    mentions: list[PeriodMention], clause_end: int,
) -> str:
    """The period of a figure: the one written next to it, else its section's or the plan's."""
    written = _written_period(mentions, figure, clause_end)
    if kind == c.RESULT:
        if written is not None:
            return render_result(written)
        scope = _heading_scope(ctx, sentence)
        return render_result(scope) if scope is not None else _context_year(ctx)
    spread = ttype != c.LEVEL or c.is_yearly(indicator, figure.unit.text)
    if written is not None:
        return render(written, spread, ctx.horizon)
    scope = _heading_scope(ctx, sentence) or ctx.horizon
    return render(scope, spread, ctx.horizon) if scope else ""


def _written_period(
    mentions: list[PeriodMention], figure: Figure, clause_end: int
) -> PeriodMention | None:
    """The period written right after the figure (``70% vào năm 2030``), else the nearest one
    before it in its sentence, else one after it in its clause."""
    for mention in mentions:
        if 0 <= mention.start - figure.phrase_end <= 4:
            return mention
    before = [m for m in mentions if m.end <= figure.phrase_start]
    if before:
        return before[-1]
    after = [m for m in mentions if m.start >= figure.phrase_end and m.end <= clause_end]
    return after[0] if after else None


def _heading_scope(ctx: _Context, sentence: Sentence) -> Horizon | None:
    """The period named by the innermost heading above the sentence that names one."""
    for heading in reversed(sentence.headings):
        if heading.start not in ctx.heading_periods:
            ctx.heading_periods[heading.start] = _heading_period(ctx, heading.text)
        scope = ctx.heading_periods[heading.start]
        if scope is not None:
            return scope
    return None


def _heading_period(ctx: _Context, heading: str) -> Horizon | None:
    mentions = find_periods(heading)
    if not mentions:
        return None
    first = next((m for m in mentions if m.is_range), mentions[0])
    start = first.first
    if first.by and ctx.horizon is not None and ctx.horizon.first < first.last:
        start = ctx.horizon.first
    return Horizon(start, first.last)


def _context_year(ctx: _Context) -> str:
    if ctx.last_year is not None:
        return str(ctx.last_year)
    if ctx.horizon is not None:
        return str(ctx.horizon.first - 1)
    return ""


def _remember_year(ctx: _Context, sentence: Sentence) -> None:
    """The last single year a sentence names (not as a comparison basis) is the year later
    results are reported for."""
    for mention in _own_mentions(ctx, sentence):
        if not mention.is_range and not mention.by:
            ctx.last_year = mention.last
