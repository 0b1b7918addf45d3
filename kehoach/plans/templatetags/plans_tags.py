"""Template filters of the plan pages: a target in words, a period in words."""

from __future__ import annotations

from typing import Any

from django import template

from kehoach.core.periods import period_label
from kehoach.plans.wording import target_wording

register = template.Library()


@register.filter
def wording(target: Any) -> str:
    return target_wording(target)


@register.filter
def period_words(code: str) -> str:
    try:
        return period_label(code)
    except ValueError:
        return code
