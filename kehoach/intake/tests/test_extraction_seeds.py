"""The extraction engine against the answer keys of the shared seeds (002 and 003).

Items are compared one by one: comparator, value, unit and period exactly, the indicator phrase
fuzzily (token-set similarity).  Both recall and precision must be complete.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz

from kehoach.intake.extraction import extract_targets

SHARED = Path(__file__).resolve().parents[3] / ".." / "shared"
SEEDS = ["002", "003"]
INDICATOR_SIMILARITY = 80


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).lower().strip()


def _same_figure(key: dict[str, Any], got: dict[str, Any]) -> bool:
    return (
        key["comparator"] == got["comparator"]
        and float(key["value"]) == float(got["value"])
        and key["unit"] == got["unit"]
        and key["period"] == got["period"]
    )


def _similarity(a: str, b: str) -> float:
    return fuzz.token_set_ratio(_fold(a), _fold(b))


def match_items(
    keys: list[dict[str, Any]], found: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(key items not found, found items not in the key), pairing each key item with the most
    similar unused found item that has the same comparator, value, unit and period."""
    unused = list(range(len(found)))
    missed: list[dict[str, Any]] = []
    for key in keys:
        scored = [
            (_similarity(key["indicator"], found[i]["indicator"]), i)
            for i in unused
            if _same_figure(key, found[i])
        ]
        best = max(scored, default=(0.0, -1))
        if best[0] >= INDICATOR_SIMILARITY:
            unused.remove(best[1])
        else:
            missed.append(key)
    return missed, [found[i] for i in unused]


def _load(seed: str) -> tuple[str, list[dict[str, Any]]]:
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED} (seeds and answer keys live there)")
    texts = sorted((SHARED / "seeds").glob(f"{seed}_*.txt"))
    keys = sorted((SHARED / "data" / "extraction").glob(f"{seed}_*.json"))
    if not texts or not keys:
        pytest.skip(f"seed {seed} or its answer key is missing from {SHARED}")
    return texts[0].read_text(encoding="utf-8"), json.loads(keys[0].read_text(encoding="utf-8"))


def _describe(items: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"  {i['indicator']!r} {i['comparator']} {i['value']} {i['unit']!r} {i['period']}"
        for i in items
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_recall_and_precision(seed: str) -> None:
    text, keys = _load(seed)
    found = [t.to_json_dict() for t in extract_targets(text)]
    missed, extra = match_items(keys, found)
    recall = (len(keys) - len(missed)) / len(keys)
    precision = (len(found) - len(extra)) / len(found) if found else 0.0
    assert not missed and not extra, (
        f"seed {seed}: recall {recall:.0%}, precision {precision:.0%}\n"
        f"missed:\n{_describe(missed)}\nextra:\n{_describe(extra)}"
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_seed_offsets_point_at_the_sentence(seed: str) -> None:
    text, _ = _load(seed)
    nfc = unicodedata.normalize("NFC", text)
    for target in extract_targets(text):
        assert nfc[target.start:target.end] == target.sentence
        assert target.start <= target.value_start < target.value_end <= target.end


@pytest.mark.parametrize("seed", ["000", "001", "004"])
def test_seeds_without_targets_give_nothing(seed: str) -> None:
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED}")
    texts = sorted((SHARED / "seeds").glob(f"{seed}_*.txt"))
    if not texts:
        pytest.skip(f"seed {seed} is missing from {SHARED}")
    found = extract_targets(texts[0].read_text(encoding="utf-8"))
    assert found == [], _describe([t.to_json_dict() for t in found])
