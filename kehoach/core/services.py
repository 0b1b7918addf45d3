"""Cross-cutting services: the audit log, the one way to update a model, and user accounts."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from kehoach.core.models import AnyUser, AuditEntry, Role, User


def audit_record(
    *,
    actor: AnyUser | None,
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


M = TypeVar("M", bound=models.Model)
#: What an update changed: ``{field: [before, after]}`` as text (``None`` stays ``None``).
Changes = dict[str, list[Any]]


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _stored(instance: models.Model, name: str) -> Any:
    field = instance._meta.get_field(name)
    return getattr(instance, getattr(field, "attname", name) if field.is_relation else name)


def fields_cleaned(data: Mapping[str, Any], *, allowed: Collection[str],
                   text: Collection[str]) -> dict[str, Any]:
    """A copy of a service's field ``data`` with each ``text`` field in NFC on one line of single
    spaces (``None`` → ``""``); a key outside ``allowed`` is a programming error: ``TypeError``."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    clean = dict(data)
    for name in text:
        if name in clean:
            clean[name] = " ".join(unicodedata.normalize("NFC", clean[name] or "").split())
    return clean


def fields_validate(instance: models.Model, errors: dict[str, Any], *,
                    exclude: Collection[str] = ()) -> None:
    """A service's field check: the model's own (``full_clean`` without uniqueness and
    constraints, which the database keeps) of the fields neither in ``errors`` nor ``exclude``,
    added to the service's ``errors``; one ``ValidationError`` with all when there is any."""
    try:
        instance.full_clean(exclude=[*errors, *exclude], validate_unique=False,
                            validate_constraints=False)
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, messages)
    if errors:
        raise ValidationError(errors)


def fields_set(instance: models.Model, data: Mapping[str, Any]) -> Changes:
    """Set ``data`` on ``instance`` (not saved); ``{field: [str(before), str(after)]}`` of the
    fields that changed, a relation compared by its id."""
    diff: Changes = {}
    for name, value in data.items():
        attname = getattr(instance._meta.get_field(name), "attname", name)
        before = getattr(instance, attname)
        setattr(instance, name, value)
        after = getattr(instance, attname)
        if before != after:
            diff[name] = [str(before), str(after)]
    return diff


def model_update(
    *,
    instance: M,
    fields: Collection[str],
    data: Mapping[str, Any],
    actor: AnyUser | None,
    validate: Callable[[Changes], None] | None = None,
    also_save: Collection[str] = (),
    related: Changes | None = None,
    action: str = "",
    subject: str = "",
) -> Changes:
    """Set the listed ``fields`` of ``instance`` from ``data``; save and audit only what changed.

    The one way every ``<entity>_update`` service writes an existing row. Call it inside the
    service's transaction.

    - A key of ``data`` outside ``fields`` is a programming error: ``TypeError``.
    - Returns ``{field: [before, after]}``; when it is empty nothing was validated, saved or audited.
    - ``validate(changes)`` runs after the fields are set and before the save; it raises
      ``ValidationError`` (the transaction then stores nothing) and may set derived fields, which
      ``also_save`` names (e.g. ``name_ascii``).
    - ``related``: changes the service made outside the row (many-to-many, child rows), recorded
      in the same audit row; they alone count as a change.
    - The audit row: action ``<model>_update`` unless given, summary ``"<subject>: <changed field
      names>"``, data the changes.
    """
    unknown = set(data) - set(fields)
    if unknown:
        raise TypeError(f"{type(instance).__name__}: unknown fields {sorted(unknown)}")
    before = {name: _stored(instance, name) for name in data}
    for name, value in data.items():
        setattr(instance, name, value)
    changes: Changes = {n: [_plain(before[n]), _plain(_stored(instance, n))] for n in data
                        if before[n] != _stored(instance, n)}
    if not changes and not related:
        return {}
    if validate is not None:
        validate(changes)
    if changes:
        auto = [f.name for f in instance._meta.concrete_fields if getattr(f, "auto_now", False)]
        instance.save(update_fields=[*changes, *also_save, *auto])
    changes.update(related or {})
    names = ", ".join(sorted(changes))
    audit_record(actor=actor, action=action or f"{instance._meta.model_name}_update", obj=instance,
                 summary=f"{subject}: {names}" if subject else names, data=changes)
    return changes


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
    try:  # the rules of settings.AUTH_PASSWORD_VALIDATORS, as the admin and password pages
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise ValidationError({"password": exc.messages}) from exc
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
