"""Suggest catalogue indicators for a phrase read from a plan (accent-insensitive, fuzzy).

The phrase and each indicator's ``name_vi`` / ``name_ascii`` are folded to lower-case ASCII
(``unidecode``) and compared with rapidfuzz (the mean of ``token_set_ratio`` and
``token_sort_ratio``: word order does not matter, extra words cost a little); the best ``limit``
indicators scoring at least ``MIN_SCORE`` are suggested, and the best one is chosen in advance when
it scores at least ``AUTO_SCORE``. A name must share at least one telling word with the phrase
(not ``tỷ lệ``, ``số``, ``tổng`` …): similar letters alone suggest nothing. (``WRatio`` was tried and dropped: its partial matching gives
~80 to any name sharing ``tỷ lệ``.)
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils
from unidecode import unidecode

MIN_SCORE = 50.0
AUTO_SCORE = 75.0
_COMMON = frozenset({"ty", "le", "so", "tong", "cac", "va", "trong", "dat", "nam", "cua", "cho",
                     "the", "duoc", "co", "muc", "chi", "tieu"})


@dataclass(frozen=True)
class Suggestion:
    indicator_id: int
    code: str
    name: str
    score: float

    def as_dict(self) -> dict:
        return {"id": self.indicator_id, "code": self.code, "name": self.name,
                "score": round(self.score, 1)}


def fold(text: str) -> str:
    """``GRDP bình quân/người`` → ``grdp binh quan nguoi``."""
    return utils.default_process(unidecode(unicodedata.normalize("NFC", text or "")))


class IndicatorMatcher:
    """Built once per catalogue; ``suggest`` many phrases against it."""

    def __init__(self, indicators: Iterable) -> None:
        self._choices: list[str] = []
        self._owners: list = []
        for indicator in indicators:
            for name in {fold(indicator.name_vi), fold(indicator.name_ascii)} - {""}:
                self._choices.append(name)
                self._owners.append(indicator)

    def suggest(self, phrase: str, limit: int = 3) -> list[Suggestion]:
        query = fold(phrase)
        if not query or not self._choices:
            return []
        hits = process.extract(query, self._choices, scorer=_score, processor=None,
                               limit=limit * 4, score_cutoff=MIN_SCORE)
        best: dict[int, Suggestion] = {}
        words = _telling(query)
        for choice, score, index in hits:
            if not words & _telling(choice):
                continue
            owner = self._owners[index]
            if owner.pk not in best or best[owner.pk].score < score:
                best[owner.pk] = Suggestion(owner.pk, owner.code, owner.name_vi, float(score))
        ranked = sorted(best.values(), key=lambda s: (-s.score, s.code))
        return ranked[:limit]


def _telling(text: str) -> set[str]:
    return {w for w in text.split() if len(w) > 1 and w not in _COMMON}


def _score(query: str, choice: str, **kwargs: object) -> float:
    return 0.5 * fuzz.token_set_ratio(query, choice) + 0.5 * fuzz.token_sort_ratio(query, choice)
