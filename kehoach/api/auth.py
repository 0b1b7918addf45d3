"""API tokens that expire (``KEHOACH_API_TOKEN_DAYS``, default 30) and can be revoked.

One token per user (DRF's ``Token``): ``POST /api/v1/token/`` returns it, replacing it when it has
expired; the account page shows it and revokes it (``api_token_revoke``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from kehoach.api.messages import vietnamese_first
from kehoach.core.language import activate_account_language


def token_expires_at(token: Token) -> dt.datetime:
    return token.created + dt.timedelta(days=settings.KEHOACH_API_TOKEN_DAYS)


def token_expired(token: Token, *, now: dt.datetime | None = None) -> bool:
    return token_expires_at(token) <= (now or timezone.now())


class ExpiringTokenAuthentication(TokenAuthentication):
    """``Authorization: Token <key>``, refused once the token is older than its lifetime; the
    answer in the account's language when it chose English."""

    def authenticate(self, request: Any) -> tuple[Any, Token] | None:
        result = super().authenticate(request)
        if result is not None:
            activate_account_language(request._request, result[0])
        return result

    def authenticate_credentials(self, key: str) -> tuple[Any, Token]:
        token = Token.objects.select_related("user").filter(key=key).first()
        if token is None:
            raise AuthenticationFailed(str(vietnamese_first(
                gettext_noop("Token không hợp lệ. Hãy lấy token bằng POST /api/v1/token/."),
                "Invalid token.")))
        user = token.user
        if not user.is_active:
            raise AuthenticationFailed(str(vietnamese_first(
                gettext_noop("Tài khoản của token này đã bị khóa."), "User inactive or deleted.")))
        if token_expired(token):
            raise AuthenticationFailed(
                _("Token API đã hết hạn. Hãy lấy token mới bằng POST /api/v1/token/.")
            )
        return user, token
