"""Serializer fields that take JSON's types as the schema documents them: a text field refuses
a number or a boolean (DRF would store ``5`` as ``"5"``), a whole-number field refuses a text
or a fraction (DRF would read ``"2025"`` and ``2025.0`` as 2025). A program that sends the
wrong type learns it (400 naming the field) instead of having its value quietly converted."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers


class StrictCharField(serializers.CharField):
    default_error_messages = {"not_text": _("Phải là một chuỗi ký tự (trong dấu nháy kép).")}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class StrictSlugField(serializers.SlugField):
    default_error_messages = {"not_text": _("Phải là một chuỗi ký tự (trong dấu nháy kép).")}

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {"not_integer": _("Phải là một số nguyên, không trong dấu nháy.")}

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("not_integer")
        return super().to_internal_value(data)
