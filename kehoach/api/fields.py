"""Serializer fields that take JSON's types as the schema documents them: a text field refuses
a number or a boolean (DRF would store ``5`` as ``"5"``), a whole-number field refuses a text
or a fraction (DRF would read ``"2025"`` and ``2025.0`` as 2025). A program that sends the
wrong type learns it (400 naming the field) instead of having its value quietly converted.
Likewise an input serializer (``InputSerializer``, ``KnownFieldsMixin``) refuses a field it does
not take instead of dropping it."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class TextOnlyMixin:
    """A text field that refuses a JSON number or boolean instead of turning it into text."""

    default_error_messages: ClassVar[dict[str, StrOrPromise]] = {
        "not_text": _("Phải là một chuỗi ký tự (trong dấu nháy kép).")}
    fail: Any

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("not_text")
        return super().to_internal_value(data)  # type: ignore[misc]


class StrictCharField(TextOnlyMixin, serializers.CharField):
    pass


class StrictSlugField(TextOnlyMixin, serializers.SlugField):
    pass


class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {"not_integer": _("Phải là một số nguyên, không trong dấu nháy.")}

    def to_internal_value(self, data: Any) -> int:
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("not_integer")
        return super().to_internal_value(data)


#: A browsable-API form's own key, not a field of the body.
IGNORED_KEYS = frozenset({"csrfmiddlewaretoken"})
#: At most this many unknown fields are named (a body of 10,000 keys gets a short answer).
MAX_NAMED = 20


def refuse_unknown_fields(data: Any, known: Collection[str], tolerated: Collection[str] = ()
                          ) -> None:
    """A 400 naming each key of the body ``data`` that is not one of ``known`` (a misspelt
    ``tittle`` would otherwise be dropped without a word and the change not made). The
    ``tolerated`` keys (an object's read-only fields, sent back by a client that changes what it
    read) are ignored, as DRF does."""
    if not isinstance(data, Mapping):
        return
    unknown = [str(k) for k in data
               if k not in known and k not in tolerated and k not in IGNORED_KEYS][:MAX_NAMED]
    if unknown:
        accepted = ", ".join(sorted(known))
        raise ValidationError({name[:40]: [_("Không có trường “%(f)s”; các trường được nhận: "
                                             "%(a)s.") % {"f": name[:40], "a": accepted}]
                               for name in unknown})


class KnownFieldsMixin:
    """An input serializer that refuses the fields it does not take (400 naming them) instead
    of ignoring them; its request body is documented with ``additionalProperties: false``."""

    fields: Any

    def to_internal_value(self, data: Any) -> Any:
        refuse_unknown_fields(data, [n for n, f in self.fields.items() if not f.read_only],
                              tolerated=[n for n, f in self.fields.items() if f.read_only])
        return super().to_internal_value(data)  # type: ignore[misc]


class InputSerializer(KnownFieldsMixin, serializers.Serializer):
    """The base of a request body: unknown fields refused (``KnownFieldsMixin``)."""


def refuse_fields_outside(serializer_class: type[serializers.Serializer], data: Any) -> None:
    """A body checked by a Django form (which ignores extra keys): refuse the keys its documented
    request serializer does not have, as ``KnownFieldsMixin`` does."""
    refuse_unknown_fields(data, list(serializer_class().fields))
