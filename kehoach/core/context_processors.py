"""What every page needs: the navigation the current user may use."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import pgettext_lazy

from kehoach.core import permissions

# (url name, label, who sees it: "public", "user", "province", "manager", "admin")
NAVIGATION: list[tuple[str, Any, str]] = [
    ("plans:list", pgettext_lazy("menu", "Kế hoạch"), "public"),
    ("evaluation:index", pgettext_lazy("menu", "Đánh giá"), "user"),
    ("reporting:rounds", pgettext_lazy("menu", "Kỳ báo cáo"), "user"),
    ("tasks:index", pgettext_lazy("menu", "Nhiệm vụ"), "user"),
    ("projects:index", pgettext_lazy("menu", "Dự án"), "user"),
    ("values:list", pgettext_lazy("menu", "Số liệu"), "user"),
    ("documents:index", pgettext_lazy("menu", "Báo cáo"), "user"),
    ("indicators:list", pgettext_lazy("menu", "Chỉ tiêu"), "user"),
    ("units:tree", pgettext_lazy("menu", "Đơn vị"), "user"),
    ("consultation:list", pgettext_lazy("menu", "Lấy ý kiến"), "public"),
    ("intake:extract", pgettext_lazy("menu", "Đọc chỉ tiêu"), "manager"),
    ("admin:index", pgettext_lazy("menu", "Quản trị"), "admin"),
]

_CHECKS = {
    "public": lambda user: True,
    "user": permissions.is_authenticated,
    "province": permissions.is_province_wide,
    "manager": permissions.is_manager,
    "admin": permissions.is_admin,
}


def navigation(request: Any) -> dict[str, Any]:
    user = getattr(request, "user", None)
    items = []
    for name, label, audience in NAVIGATION:
        if not _CHECKS[audience](user):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:
            continue
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
