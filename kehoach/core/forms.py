"""What every form page does with a service's answer: its ``ValidationError`` shown on the form,
and the status the page answers with."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.forms import BaseForm


def add_errors(form: BaseForm, exc: ValidationError) -> None:
    """Show a service's ``ValidationError`` on ``form``: a field's message on the field when the
    form has it, every other message above the form."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def form_status(form: BaseForm) -> int:
    """409 when someone else saved the object meanwhile (a ``conflict`` error), 400 for any other
    error, 200 for a form without errors."""
    if any(e.code == "conflict" for e in form.non_field_errors().as_data()):
        return 409
    return 400 if form.errors else 200
