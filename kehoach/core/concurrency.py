"""Optimistic concurrency: no silent overwrite when two people edit the same object.

A model that takes part has ``version = PositiveIntegerField(default=1)``. Its ``<entity>_update``
service calls :func:`version_claim` inside its transaction once it knows something changes:
one ``UPDATE … SET version = version + 1 WHERE pk = … AND version = <the version the editor
loaded>``. On PostgreSQL the second of two concurrent writers waits on the row lock, then finds no
row with its version and gets :class:`EditConflict` (HTTP 409 in the API, a form error on a page):
who saved in between, when, and which fields, read from the audit log.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.models import AuditEntry
from kehoach.core.templatetags.kh import vdatetime


class EditConflict(ValidationError):
    """Someone else saved the object after the editor loaded it.

    ``details``: ``{"version": current, "your_version": loaded, "changed_by": username or None,
    "changed_at": ISO time or None, "fields": [field names]}``."""

    def __init__(self, message: str, *, details: dict[str, Any] | None = None):
        super().__init__(message, code="conflict")
        self.details = details or {}


def _field_label(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))


def _last_change(instance: models.Model) -> AuditEntry | None:
    return (AuditEntry.objects.filter(object_type=instance._meta.label_lower,
                                      object_id=str(instance.pk))
            .select_related("actor").order_by("-id").first())


def _person(entry: AuditEntry | None) -> str:
    if entry is None or entry.actor is None:
        return _("hệ thống (lệnh hoặc tệp nhập)")
    actor = entry.actor
    full = actor.get_full_name()
    return f"{full} ({actor.username})" if full else actor.username


def edit_conflict(*, instance: models.Model, version: int, subject: str) -> EditConflict:
    """The conflict to raise: ``subject`` names the object for a person (“Kế hoạch KH-2026”)."""
    model = type(instance)
    current = model._default_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
    entry = _last_change(instance)
    fields = [name for name in (entry.data if entry else {}) if isinstance(name, str)]
    labels = ", ".join(_field_label(model, name) for name in fields) or _("không rõ trường")
    at = vdatetime(timezone.localtime(entry.at)) if entry else "?"
    message = _("%(obj)s đã được %(who)s sửa lúc %(at)s (%(fields)s) sau khi bạn mở nó: phiên "
                "bản hiện tại là %(current)s, bạn đang sửa phiên bản %(mine)s. Tải lại để xem "
                "thay đổi rồi sửa lại; thay đổi của bạn chưa được lưu.") % {
        "obj": subject, "who": _person(entry), "at": at, "fields": labels,
        "current": current, "mine": version}
    details = {"version": current, "your_version": version,
               "changed_by": entry.actor.username if entry and entry.actor else None,
               "changed_at": entry.at.isoformat() if entry else None, "fields": fields}
    return EditConflict(message, details=details)


def version_check(*, instance: models.Model, version: int | None, subject: str) -> None:
    """Refuse at once an editor whose copy is already stale (before any work)."""
    if version is not None and version != instance.version:  # type: ignore[attr-defined]
        raise edit_conflict(instance=instance, version=version, subject=subject)


def version_claim(*, instance: models.Model, version: int | None, subject: str,
                  conflict: type[EditConflict] = EditConflict) -> None:
    """Take the next version of ``instance`` if the stored one is ``version`` (``None``: the one
    ``instance`` was loaded with); ``conflict`` (an :class:`EditConflict`, e.g. the app's own
    ``TaskConflict``) otherwise. Call it in the transaction that saves the change, before the
    save."""
    expected: int = instance.version if version is None else version  # type: ignore[attr-defined]
    model = type(instance)
    claimed = model._default_manager.filter(pk=instance.pk, version=expected).update(
        version=F("version") + 1)
    if not claimed:
        found = edit_conflict(instance=instance, version=expected, subject=subject)
        raise found if conflict is EditConflict else conflict(found.messages[0],
                                                              details=found.details)
    instance.version = expected + 1  # type: ignore[attr-defined]
