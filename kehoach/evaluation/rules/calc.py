"""Deterministic Decimal arithmetic: one fixed context, powers and roots in Decimal."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Context, Decimal, localcontext
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

CONTEXT = Context(prec=28, rounding=ROUND_HALF_EVEN)
ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
#: evaluation.md §4: "a base or target of 0 is replaced by 0.001".
ZERO_REPLACEMENT = Decimal("0.001")


def exact(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` in the engine's own Decimal context, whatever the caller's context is."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with localcontext(CONTEXT):
            return fn(*args, **kwargs)

    return wrapper


def root(ratio: Decimal, n: int) -> Decimal | None:
    """``ratio ** (1/n)`` for a ratio ≥ 0 and n ≥ 1, else None."""
    if n <= 0 or ratio < 0:
        return None
    if n == 1 or ratio == 0:
        return +ratio
    return ratio ** (ONE / Decimal(n))


def power(base: Decimal, n: int) -> Decimal:
    return base**n


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Round as the planning office does by hand (half up), to ``decimals`` places."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def nonzero(value: Decimal) -> Decimal:
    return ZERO_REPLACEMENT if value == 0 else value


def same_sign(*values: Decimal) -> bool:
    """True when no two of the non-zero values have different signs."""
    signs = {v > 0 for v in values if v != 0}
    return len(signs) <= 1
