"""What every page needs: the menu the current user may use.

An entry is shown only to the roles it leads somewhere: a reporter whose unit has no target in
any plan is not offered "Đánh giá" (the page would only say it has nothing to show), and is
offered its unit's forms rather than the rounds list. The checks that need a domain app's
selector are asked once per request (``request_memo``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import pgettext_lazy

from kehoach.core import permissions
from kehoach.core.middleware import request_memo
from kehoach.core.models import AnyUser
from kehoach.evaluation.selectors import evaluation_plans_for_user


def _has_plans_to_evaluate(user: AnyUser) -> bool:
    if not permissions.is_authenticated(user):
        return False
    if permissions.is_province_wide(user):
        return True
    return request_memo(
        ("nav-evaluation", user.pk), lambda: evaluation_plans_for_user(user=user).exists()
    )


_CHECKS: dict[str, Callable[[Any], bool]] = {
    "public": lambda user: True,
    "anonymous": lambda user: not permissions.is_authenticated(user),
    "leaders": permissions.can_see_leader_dashboard,
    "user": permissions.is_authenticated,
    "province": permissions.is_province_wide,
    "manager": permissions.is_manager,
    "admin": permissions.is_admin,
    "reporter": permissions.is_reporter,
    "not_reporter": lambda user: (
        permissions.is_authenticated(user) and not permissions.is_reporter(user)
    ),
    "evaluation": _has_plans_to_evaluate,
}

# (url name, label, who sees it: a key of _CHECKS)
NAVIGATION: list[tuple[str, Any, str]] = [
    ("dashboard", pgettext_lazy("menu", "Bảng điều hành"), "leaders"),
    ("public-dashboard", pgettext_lazy("menu", "Tình hình thực hiện"), "anonymous"),
    ("plans:list", pgettext_lazy("menu", "Kế hoạch"), "public"),
    ("reporting:mine", pgettext_lazy("menu", "Biểu mẫu"), "reporter"),
    ("tasks:index", pgettext_lazy("menu", "Nhiệm vụ"), "user"),
    ("projects:index", pgettext_lazy("menu", "Dự án"), "user"),
    ("evaluation:index", pgettext_lazy("menu", "Đánh giá"), "evaluation"),
    ("reporting:rounds", pgettext_lazy("menu", "Kỳ báo cáo"), "not_reporter"),
    ("values:list", pgettext_lazy("menu", "Số liệu"), "user"),
    ("documents:index", pgettext_lazy("menu", "Báo cáo"), "user"),
    ("indicators:list", pgettext_lazy("menu", "Chỉ tiêu"), "user"),
    ("units:tree", pgettext_lazy("menu", "Đơn vị"), "user"),
    ("consultation:list", pgettext_lazy("menu", "Lấy ý kiến"), "public"),
    ("intake:extract", pgettext_lazy("menu", "Đọc chỉ tiêu"), "manager"),
    ("admin:index", pgettext_lazy("menu", "Quản trị"), "admin"),
]


def navigation(request: Any) -> dict[str, Any]:
    user = getattr(request, "user", None)
    items = []
    for name, label, audience in NAVIGATION:
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
        if _CHECKS[audience](user):
            items.append({"url": url, "label": label, "active": request.path.startswith(url)})
    return {
        "nav_items": items,
        "is_manager": permissions.is_manager(user),
        "is_province_wide": permissions.is_province_wide(user),
        "is_reporter": permissions.is_reporter(user),
        # Each language named in itself ("Tiếng Việt", "English"): not through gettext, which
        # Django's own catalogue would turn into "Tiếng Anh".
        "languages": settings.LANGUAGES,
    }
