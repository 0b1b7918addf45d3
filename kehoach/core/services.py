"""Cross-cutting services: the audit log, and user accounts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.core.models import AuditEntry, Role, User


def audit_record(
    *,
    actor: User | None,
    action: str,
    obj: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    summary: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Write one audit row. Call it inside the service's transaction."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        summary=summary[:300],
        data=data or {},
    )


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: str,
    unit: Any = None,
    full_name: str = "",
    email: str = "",
    actor: User | None = None,
) -> User:
    first, _sep, last = full_name.rpartition(" ")
    user = User(username=username, role=role, unit=unit, email=email)
    user.first_name, user.last_name = (first, last) if first else ("", full_name)
    _staff_flags(user)
    user.set_password(password)
    user.full_clean()
    user.save()
    audit_record(actor=actor, action="user_create", obj=user, summary=username)
    return user


def _staff_flags(user: User) -> None:
    """Only administrators reach the Django admin."""
    user.is_staff = user.is_superuser = user.role == Role.ADMIN


@transaction.atomic
def user_apply_role(*, user: User, actor: User | None, created: bool = False) -> User:
    """After an administrator saved an account: staff flags follow the role; audit row."""
    _staff_flags(user)
    user.save(update_fields=["is_staff", "is_superuser"])
    audit_record(actor=actor, action="user_create" if created else "user_update", obj=user,
                 summary=f"{user.username} ({user.role})")
    return user


@transaction.atomic
def user_set_language(*, user: User, language: str) -> User:
    """Remember the interface language the user chose (one of ``settings.LANGUAGES``)."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("Ngôn ngữ không hỗ trợ: %(l)s.") % {"l": language})
    if user.language != language:
        old = user.language
        user.language = language
        user.save(update_fields=["language"])
        audit_record(actor=user, action="user.language", obj=user,
                     summary=f"{old} → {language}", data={"from": old, "to": language})
    return user
