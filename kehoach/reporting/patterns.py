"""Column labels and periods written relative to the round's years: ``TH {Y-1}``, ``{S}-{E}``.

``Y`` is the round's base year (the year being estimated), ``S`` and ``E`` the first and last
year the round covers.
"""

from __future__ import annotations

import re
from typing import Any

_TOKEN = re.compile(r"\{([YSE])\s*(?:([+-])\s*(\d+))?\}")


def render(pattern: str, *, round: Any) -> str:
    """``TH {Y-1}`` with base year 2025 → ``TH 2024``."""
    years = {"Y": round.base_year, "S": round.period_start, "E": round.period_end}

    def substitute(match: re.Match) -> str:
        year = years[match.group(1)]
        if match.group(2):
            shift = int(match.group(3))
            year = year + shift if match.group(2) == "+" else year - shift
        return str(year)

    return _TOKEN.sub(substitute, pattern)


def is_valid(pattern: str) -> bool:
    """Only {Y}, {S}, {E} with an optional +n / -n inside braces."""
    return "{" not in _TOKEN.sub("", pattern) and "}" not in _TOKEN.sub("", pattern)
