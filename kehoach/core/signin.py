"""Sign-in throttling: after too many wrong passwords an account, or an address, is locked for a
while. Applies to every sign-in (pages, admin, ``POST /api/v1/token/``) because it sits in the
authentication backend (``ThrottledModelBackend``), which all three call.

Counters live in the cache (the database cache in production: shared by every app server).
Limits: ``KEHOACH_SIGNIN_ACCOUNT_LIMIT`` wrong passwords for one account (default 5) or
``KEHOACH_SIGNIN_ADDRESS_LIMIT`` from one address (default 20) within
``KEHOACH_SIGNIN_WINDOW`` seconds lock that account or address for ``KEHOACH_SIGNIN_LOCKOUT``
seconds (default 15 minutes each). A correct password clears the account's counter.
"""

from __future__ import annotations

import hashlib
import logging
import math
import time
from typing import Any

from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kehoach.core.network import client_ip

logger = logging.getLogger("kehoach.signin")


def _keys(*, username: str, ip: str) -> list[tuple[str, int]]:
    """(cache key, limit) of each counter a failure counts against."""
    account = hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]
    keys = [(f"signin:account:{account}", settings.KEHOACH_SIGNIN_ACCOUNT_LIMIT)]
    if ip:
        keys.append((f"signin:address:{ip}", settings.KEHOACH_SIGNIN_ADDRESS_LIMIT))
    return keys


def signin_wait(*, username: str, ip: str) -> int:
    """Seconds before this account may try again from this address (0: it may now)."""
    until = [cache.get(f"{key}:locked") or 0 for key, _limit in _keys(username=username, ip=ip)]
    return max(0, math.ceil(max(until) - time.time()))


def signin_failed(*, username: str, ip: str) -> int:
    """Count a wrong password; returns the lockout in seconds it caused (0 if none)."""
    wait = 0
    for key, limit in _keys(username=username, ip=ip):
        cache.add(key, 0, timeout=settings.KEHOACH_SIGNIN_WINDOW)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=settings.KEHOACH_SIGNIN_WINDOW)
            count = 1
        if count >= limit:
            lockout = settings.KEHOACH_SIGNIN_LOCKOUT
            cache.set(f"{key}:locked", time.time() + lockout, timeout=lockout)
            cache.delete(key)
            wait = lockout
            logger.warning("sign-in locked", extra={"counter": key.split(":")[1], "ip": ip,
                                                    "lockout_seconds": lockout})
    return wait


def signin_succeeded(*, username: str) -> None:
    cache.delete(_keys(username=username, ip="")[0][0])


def signin_locked_message(wait: int) -> str:
    minutes = max(1, math.ceil(wait / 60))
    return ngettext(
        "Đăng nhập sai quá nhiều lần nên tạm bị khóa. Vui lòng thử lại sau %(n)d phút.",
        "Đăng nhập sai quá nhiều lần nên tạm bị khóa. Vui lòng thử lại sau %(n)d phút.",
        minutes,
    ) % {"n": minutes}


class ThrottledModelBackend(ModelBackend):
    """Django's backend behind the lockout. A locked sign-in is refused before the password is
    even hashed; ``request.signin_wait`` tells the form or the API how long to wait."""

    def authenticate(self, request: Any, username: str | None = None,
                     password: str | None = None, **kwargs: Any) -> Any:
        if username is None or password is None:
            return None
        ip = client_ip(request) if request is not None else ""
        wait = signin_wait(username=username, ip=ip)
        if wait:
            self._tell(request, wait)
            raise PermissionDenied(_("Tạm khóa đăng nhập"))
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            self._tell(request, signin_failed(username=username, ip=ip))
        else:
            signin_succeeded(username=username)
        return user

    @staticmethod
    def _tell(request: Any, wait: int) -> None:
        if request is not None and wait:
            request.signin_wait = wait


class _LockoutMessage:
    """Forms say the sign-in is locked and for how long, instead of "wrong password"."""

    request: Any

    def get_invalid_login_error(self) -> ValidationError:
        wait = getattr(self.request, "signin_wait", 0)
        if wait:
            return ValidationError(signin_locked_message(wait), code="locked")
        return super().get_invalid_login_error()  # type: ignore[misc]


class SignInForm(_LockoutMessage, AuthenticationForm):
    pass


class AdminSignInForm(_LockoutMessage, AdminAuthenticationForm):
    pass
