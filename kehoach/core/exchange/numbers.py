"""Numbers as people type them: ``7,5`` ``7.5`` ``2.000`` ``1.791.857`` ``12.800,5`` ``1,234.5``.

Each token is classified as Vietnamese-only (decimal comma, or several thousands dots), English-only
(decimal dot, or several thousands commas), ambiguous (``2.000``, ``1,500``: one group of three
digits after a single separator) or neutral (no separator). ``--locale auto`` decides per column
from the unambiguous tokens; see ``decide_locales``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

VI, EN, AMBIGUOUS, NEUTRAL = "vi", "en", "ambiguous", "neutral"

_SPACES = re.compile(r"[\s\u00a0\u202f]")
_PLAIN = re.compile(r"^[+-]?\d+$")
_AMBIGUOUS = re.compile(r"^[+-]?[1-9]\d{0,2}[.,]\d{3}$")
_VI = re.compile(r"^[+-]?([1-9]\d{0,2}(\.\d{3})+(,\d+)?|\d+,\d+)$")
_EN = re.compile(r"^[+-]?([1-9]\d{0,2}(,\d{3})+(\.\d+)?|\d+\.\d+)$")


def clean(text: str) -> str:
    """Drop spaces used as thousands separators and a trailing percent sign."""
    token = _SPACES.sub("", text or "")
    return token[:-1] if token.endswith("%") else token


def classify(text: str) -> str | None:
    """VI, EN, AMBIGUOUS, NEUTRAL, or None when the text is not a number at all."""
    token = clean(text)
    if _PLAIN.match(token):
        return NEUTRAL
    if _AMBIGUOUS.match(token):
        return AMBIGUOUS
    is_vi, is_en = bool(_VI.match(token)), bool(_EN.match(token))
    if is_vi and not is_en:
        return VI
    if is_en and not is_vi:
        return EN
    return None


def parse_number(text: str, *, locale: str) -> Decimal:
    """Parse ``text`` read as ``locale`` (``vi`` or ``en``); ValueError with a Vietnamese message."""
    token = clean(text)
    kind = classify(text)
    if kind is None:
        raise ValueError(_("“%(t)s” không phải là số.") % {"t": text})
    if kind == VI or (kind == AMBIGUOUS and locale == VI):
        token = token.replace(".", "").replace(",", ".")
    elif kind in (EN, AMBIGUOUS):
        token = token.replace(",", "")
    try:
        return Decimal(token)
    except InvalidOperation:
        raise ValueError(_("“%(t)s” không phải là số.") % {"t": text})


def column_evidence(tokens: list[str]) -> set[str]:
    """The unambiguous conventions seen in a column's tokens (subset of {VI, EN})."""
    return {k for k in (classify(t) for t in tokens) if k in (VI, EN)}


def _ambiguous_dot(token: str) -> bool:
    """``2.000``: two thousand the Vietnamese way, two the English way."""
    return classify(token) == AMBIGUOUS and "." in token


def decide_locales(columns: dict[str, list[str]], *, locale: str) -> tuple[dict[str, str], list[str]]:
    """Decide the convention of every number column.

    With ``vi`` or ``en`` the answer is that, for every column. With ``auto``: a column with
    unambiguous tokens follows them (both kinds in one column is an error; English-style decimals
    such as ``7.5`` beside ``2.000``-like tokens are refused too, since writers in Vietnam often mix
    a decimal dot with thousands dots); a column with only
    ambiguous tokens follows the rest of the file when the file agrees on one convention, is read
    the Vietnamese way when the file has no evidence at all (``2.000`` is two thousand in a
    Vietnamese document), and is refused when the file holds English-style numbers elsewhere.
    Returns (column → locale, problems naming the columns).
    """
    if locale in (VI, EN):
        return dict.fromkeys(columns, locale), []
    evidence = {name: column_evidence(tokens) for name, tokens in columns.items()}
    file_evidence = set().union(*evidence.values()) if evidence else set()
    decided: dict[str, str] = {}
    problems: list[str] = []
    for name, tokens in columns.items():
        seen = evidence[name]
        if seen == {EN} and any(_ambiguous_dot(t) for t in tokens):
            problems.append(name)
        elif len(seen) == 1:
            decided[name] = seen.pop()
        elif len(seen) == 2:
            problems.append(name)
        elif not any(classify(t) == AMBIGUOUS for t in tokens) or file_evidence <= {VI}:
            decided[name] = VI
        else:
            problems.append(name)
    return decided, problems
