"""Convert a value written in one unit into the unit of the catalogue indicator.

Only scale words change: ``105 nghìn tỷ đồng`` → ``105000 tỷ đồng``, ``3 triệu lượt người`` →
``3000000 lượt người``. Units that differ in anything else are not converted (``compatible`` is
False) and the reviewer is told.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

_SCALE_WORDS = {"nghìn": 3, "ngàn": 3, "vạn": 4, "triệu": 6, "tỷ": 9, "tỉ": 9}
_PER_YEAR = re.compile(r"\s*/\s*năm$")


@dataclass(frozen=True)
class Scaling:
    factor: Decimal
    compatible: bool  # False: the units differ and cannot be converted

    @property
    def converts(self) -> bool:
        return self.compatible and self.factor != 1


def _normal(unit: str) -> str:
    text = unicodedata.normalize("NFC", unit or "").lower()
    return " ".join(text.replace(" / ", "/").split())


def _split(unit: str) -> tuple[int, str]:
    """``nghìn tỷ đồng`` → (12, ``đồng``); ``%`` → (0, ``%``)."""
    words = unit.split(" ")
    exponent = 0
    while len(words) > 1 and words[0] in _SCALE_WORDS:
        exponent += _SCALE_WORDS[words.pop(0)]
    return exponent, " ".join(words)


def scaling(written: str, target: str) -> Scaling:
    """How to turn a value in ``written`` into one in ``target`` (the indicator's unit)."""
    a, b = _normal(written), _normal(target)
    if a == b or not b or not a:
        return Scaling(Decimal(1), a == b or not b)
    if _PER_YEAR.sub("", a) == _PER_YEAR.sub("", b):
        return Scaling(Decimal(1), True)  # "%/năm" written for an indicator in "%"
    (exp_a, rest_a), (exp_b, rest_b) = _split(a), _split(b)
    if rest_a != rest_b:
        return Scaling(Decimal(1), False)
    return Scaling(Decimal(10) ** (exp_a - exp_b), True)


def convert(value: Decimal | None, written: str, target: str) -> Decimal | None:
    if value is None:
        return None
    result = scaling(written, target)
    return value * result.factor if result.compatible else value
