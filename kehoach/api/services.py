"""Services of the api app: issuing and revoking a user's API token."""

from __future__ import annotations

from django.db import transaction
from rest_framework.authtoken.models import Token

from kehoach.api.auth import token_expired
from kehoach.core.models import User
from kehoach.core.services import audit_record


@transaction.atomic
def api_token_issue(*, user: User) -> Token:
    """The user's token; a new one when there was none or it had expired."""
    token = Token.objects.select_for_update().filter(user=user).first()
    if token is not None and not token_expired(token):
        return token
    if token is not None:
        token.delete()
    token = Token.objects.create(user=user)
    audit_record(actor=user, action="api_token.issue", object_type="authtoken.token",
                 object_id=user.pk, summary="API token issued")
    return token


@transaction.atomic
def api_token_revoke(*, user: User) -> bool:
    """Delete the user's token (programs using it are refused from now on)."""
    deleted, _ = Token.objects.filter(user=user).delete()
    if deleted:
        audit_record(actor=user, action="api_token.revoke", object_type="authtoken.token",
                     object_id=user.pk, summary="API token revoked")
    return bool(deleted)
