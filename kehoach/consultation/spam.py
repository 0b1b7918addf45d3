"""Protection of the public comment form: a per-address rate limit and the IP hash.

The limit (``KEHOACH_CONSULTATION_RATE_LIMIT`` comments per ``KEHOACH_CONSULTATION_RATE_WINDOW``
seconds, default 5 per 10 minutes) uses Django's cache. Only a keyed hash of the address is ever
kept, never the address itself.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

from kehoach.core.network import client_ip  # noqa: F401  (the address the limit counts)

RATE_LIMIT = 5
RATE_WINDOW_SECONDS = 600
HONEYPOT_FIELD = "website"


class RateLimited(Exception):
    """Too many comments from one address in the window."""


def rate_limit() -> tuple[int, int]:
    """(comments, seconds), overridable in settings."""
    return (
        int(getattr(settings, "KEHOACH_CONSULTATION_RATE_LIMIT", RATE_LIMIT)),
        int(getattr(settings, "KEHOACH_CONSULTATION_RATE_WINDOW", RATE_WINDOW_SECONDS)),
    )


def rate_limit_message() -> str:
    limit, window = rate_limit()
    return _("Bạn đã gửi %(n)s góp ý trong %(m)s phút. Vui lòng đợi rồi gửi tiếp.") % {
        "n": limit, "m": max(1, window // 60)}


def ip_hash(ip: str) -> str:
    if not ip:
        return ""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"consultation:{ip}".encode(), hashlib.sha256).hexdigest()


def rate_check(hashed: str) -> None:
    """Raise :class:`RateLimited` if the address already used its comments in this window."""
    limit, _window = rate_limit()
    if hashed and (cache.get(f"kh-consult-rate:{hashed}") or 0) >= limit:
        raise RateLimited


def rate_count(hashed: str) -> None:
    """Count one comment from the address (the window starts with its first comment)."""
    if not hashed:
        return
    key = f"kh-consult-rate:{hashed}"
    _limit, window = rate_limit()
    if not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=window)
