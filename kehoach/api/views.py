"""The page where a user sees their API token and revokes it."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from kehoach.api.auth import token_expired, token_expires_at
from kehoach.api.services import api_token_revoke
from kehoach.core.http import AuthenticatedHttpRequest


@login_required
def api_token(request: AuthenticatedHttpRequest) -> HttpResponse:
    if request.method == "POST":
        if api_token_revoke(user=request.user):
            messages.success(request, _("Đã thu hồi token API. Chương trình nào dùng token này "
                                        "sẽ bị từ chối; lấy token mới bằng POST /api/v1/token/."))
        return redirect("api-token-page")
    token = Token.objects.filter(user=request.user).first()
    context = {
        "token": token,
        "days": settings.KEHOACH_API_TOKEN_DAYS,
        "expires": token_expires_at(token) if token else None,
        "expired": token_expired(token) if token else False,
    }
    return render(request, "api/token.html", context)
