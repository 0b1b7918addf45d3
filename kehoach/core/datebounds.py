"""Whole numbers a program sends fit a database integer (64 bits: a larger one answered 500 on
SQLite), and dates people and programs send lie between ``YEAR_MIN`` and ``YEAR_MAX``: a consultation
opening in the year 346 is a typing slip (or a fuzzer), and such dates came back in a form no
client reads (``+07:06:30``, the local mean time of old Hồ Chí Minh). Installed once, from
``CoreConfig.ready``, on every DRF and Django form date and date-time field."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from kehoach.core.constants import YEAR_MAX, YEAR_MIN

_installed = False
INT64 = 2**63 - 1


def _message() -> str:
    return _("Năm phải từ %(a)s đến %(b)s.") % {"a": YEAR_MIN, "b": YEAR_MAX}


def _in_bounds(value: Any) -> bool:
    return not isinstance(value, dt.date) or YEAR_MIN <= value.year <= YEAR_MAX


def install() -> None:
    global _installed
    if _installed:
        return
    from django import forms
    from django.core.exceptions import ValidationError
    from rest_framework import serializers

    integer_init = serializers.IntegerField.__init__

    def bounded_init(field: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_value", INT64)
        kwargs.setdefault("min_value", -INT64)
        integer_init(field, **kwargs)

    serializers.IntegerField.__init__ = bounded_init  # type: ignore[method-assign,assignment]
    for field_class in (serializers.DateField, serializers.DateTimeField):
        original = field_class.to_internal_value

        def api_checked(field: Any, data: Any, _original: Any = original) -> Any:
            value = _original(field, data)
            if not _in_bounds(value):
                raise serializers.ValidationError(_message(), code="invalid")
            return value

        field_class.to_internal_value = api_checked  # type: ignore[method-assign,assignment]
    for form_class in (forms.DateField, forms.DateTimeField):
        original_python = form_class.to_python

        def form_checked(field: Any, value: Any, _original: Any = original_python) -> Any:
            result = _original(field, value)
            if not _in_bounds(result):
                raise ValidationError(_message(), code="invalid")
            return result

        form_class.to_python = form_checked  # type: ignore[method-assign,assignment]
    _installed = True
