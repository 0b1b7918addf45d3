"""Helpers shared by the reporting pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def errors_to_form(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on a field when it names one."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def messages_of(exc: ValidationError) -> list[str]:
    if hasattr(exc, "error_dict"):
        return [m for errors in exc.message_dict.values() for m in errors]
    return list(exc.messages)
