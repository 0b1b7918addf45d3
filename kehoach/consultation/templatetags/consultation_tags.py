"""``{% plan_consultations plan as items %}``: the consultations on a plan the user may see.

A template tag, so a plan's page links to its consultation without the plans app importing this
one (consultations refer to plans, not the other way round)."""

from __future__ import annotations

from typing import Any

from django import template

from kehoach.consultation.models import Consultation
from kehoach.consultation.selectors import consultation_list_for_user

register = template.Library()


@register.simple_tag(takes_context=True)
def plan_consultations(context: Any, plan: Any) -> list[Consultation]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or plan is None or not getattr(plan, "pk", None):
        return []
    return list(consultation_list_for_user(user=user).filter(plan=plan).order_by("-opens_at"))
