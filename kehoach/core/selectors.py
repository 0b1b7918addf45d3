"""Reads that cut across apps: what the home page shows a given user."""

from __future__ import annotations

from typing import Any

from kehoach.core import permissions


def home_summary(*, user: Any) -> dict[str, Any]:
    from kehoach.plans.selectors import plan_list_for_user

    plans = list(plan_list_for_user(user=user)[:8])
    return {
        "plans": plans,
        "signed_in": permissions.is_authenticated(user),
        "role": getattr(user, "get_role_display", lambda: "")(),
        "unit": getattr(user, "unit", None),
    }
