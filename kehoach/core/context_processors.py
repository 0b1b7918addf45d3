"""What every page needs: the navigation the current user may use."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from kehoach.core import permissions

# (url name, label, who sees it: "public", "user", "province", "manager")
NAVIGATION: list[tuple[str, Any, str]] = [
    ("plans:list", _("Kế hoạch"), "public"),
    ("evaluation:index", _("Đánh giá"), "user"),
    ("reporting:rounds", _("Kỳ báo cáo"), "user"),
    ("values:list", _("Số liệu"), "user"),
    ("documents:index", _("Báo cáo"), "user"),
    ("indicators:list", _("Chỉ tiêu"), "user"),
    ("units:tree", _("Đơn vị"), "user"),
    ("consultation:list", _("Lấy ý kiến"), "public"),
    ("intake:extract", _("Đọc chỉ tiêu"), "manager"),
]

_CHECKS = {
    "public": lambda user: True,
    "user": permissions.is_authenticated,
    "province": permissions.is_province_wide,
    "manager": permissions.is_manager,
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
    }
