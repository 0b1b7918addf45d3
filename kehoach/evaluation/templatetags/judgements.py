"""``{% my_judgements_card %}``: on a reporter's start page, the targets its unit answers for
that it has not judged yet, with the link to judge them."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from kehoach.evaluation.selectors import judgement_todo

register = template.Library()


@register.inclusion_tag("evaluation/_my_judgements.html", takes_context=True)
def my_judgements_card(context: dict[str, Any]) -> dict[str, Any]:
    year = timezone.localdate().year - 1
    todo = judgement_todo(user=context["request"].user, year=year)
    return {"todo": todo, "year": year, "left": todo["total"] - todo["judged"],
            "show": bool(todo["total"])}
