"""The schema class of the API (``DEFAULT_SCHEMA_CLASS``): drf-spectacular's, plus what it cannot
see in this project's code. Apart from ``schema.py`` (the view), which drf-spectacular's views
import this through the settings."""

from __future__ import annotations

from typing import Any

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.permissions import SAFE_METHODS

from kehoach.api.fields import KnownFieldsMixin
from kehoach.core import permissions
from kehoach.core.gate import Gate


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="English key: invalid, not_found, conflict, …")
    message = serializers.CharField(help_text="what is wrong, in the caller's language")
    fields = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.JSONField()),
        help_text="field name → its messages (400); a file's bad rows as objects (line, column, "
                  "message)")
    conflict = serializers.DictField(
        required=False, help_text="409 after a stale save: version, your_version, changed_by, "
                                  "changed_at, fields")


class ErrorSerializer(serializers.Serializer):
    """Every API error (``kehoach.api.errors``)."""

    error = ErrorBodySerializer()


#: The error answers every operation may give, in the one error shape.
ERRORS = {
    "400": "Invalid input or filter (fields name each problem)",
    "401": "No credentials, or an expired or revoked token",
    "403": "Signed in, but this role may not do this",
    "404": "No such object, or one the caller may not see (also a page number past the end)",
}
WRITE_ERRORS = {
    "409": "Someone saved the object since the caller loaded it (error.conflict says who and what)"
           ", or the object's state does not allow this now",
    "413": "The upload is larger than the limit",
}
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's schema with what it cannot see in this project's code: the error
    answers (one shape), the public endpoints of ``core.gate`` (no credentials needed),
    read-only relations to nullable foreign keys (``null``) and request bodies that refuse unknown
    fields (``additionalProperties: false``)."""

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        errors = {**ERRORS, **(WRITE_ERRORS if self.method in WRITE_METHODS else {})}
        for code, description in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code,
                    direction=direction)
        return responses

    def get_auth(self) -> list[dict[str, Any]]:
        auths = super().get_auth()
        safe = self.method in SAFE_METHODS
        for permission in self.view.get_permissions():
            check = getattr(permission, "read" if safe else "write", None)
            if isinstance(permission, Gate) and check is permissions.anyone and {} not in auths:
                auths.append({})
        return auths

    def _map_basic_serializer(self, serializer: Any, direction: Any) -> dict[str, Any]:
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "request" and isinstance(serializer, KnownFieldsMixin):
            schema["additionalProperties"] = False  # unknown fields are refused (400)
        return schema

    def _map_serializer_field(self, field: Any, direction: Any,
                              bypass_extensions: bool = False) -> dict[str, Any]:
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if getattr(field, "read_only", False) and _may_be_null(field):
            schema["nullable"] = True
        return schema


def _may_be_null(field: Any) -> bool:
    """A read-only field whose value can be ``None``: a relation over a nullable foreign key
    (``source`` ``a`` or ``a.b``), or a field whose default is ``None``."""
    if getattr(field, "default", empty) is None:
        return True
    parent = getattr(field, "parent", None)
    model = getattr(getattr(parent, "Meta", None), "model", None)
    if model is None:
        return False
    first = (field.source or field.field_name or "").split(".")[0]
    try:
        model_field = model._meta.get_field(first)
    except Exception:  # noqa: BLE001 - a property or method, not a model field
        return False
    return bool(getattr(model_field, "null", False))
