"""What the start page shows a given user: reads gathered from the domain apps."""

from __future__ import annotations

from typing import Any

from kehoach.core import permissions
from kehoach.plans.selectors import plan_list_for_user


def home_summary(*, user: Any) -> dict[str, Any]:
    plans = list(plan_list_for_user(user=user)[:8])
    return {
        "plans": plans,
        "signed_in": permissions.is_authenticated(user),
        "role": getattr(user, "get_role_display", lambda: "")(),
        "unit": getattr(user, "unit", None),
    }
