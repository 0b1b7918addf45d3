"""``{% plan_consultations plan as items %}``: the consultations on a plan the user may see.

A template tag, so a plan's page links to its consultation without the plans app importing this
one (consultations refer to plans, not the other way round)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone
from django.utils.translation import gettext, ngettext

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


@register.filter
def time_left(moment: Any) -> str:
    """What is left until ``moment`` in words of the interface language: ``còn 12 ngày``,
    ``còn 5 giờ``, ``còn dưới 1 giờ`` (Django's ``timeuntil`` has no Vietnamese words)."""
    if not moment:
        return ""
    seconds = (moment - timezone.now()).total_seconds()
    if seconds <= 0:
        return gettext("đã hết hạn")
    days, hours = int(seconds // 86400), int(seconds // 3600)
    if days >= 1:
        return ngettext("còn %(n)s ngày", "còn %(n)s ngày", days) % {"n": days}
    if hours >= 1:
        return ngettext("còn %(n)s giờ", "còn %(n)s giờ", hours) % {"n": hours}
    return gettext("còn dưới 1 giờ")
