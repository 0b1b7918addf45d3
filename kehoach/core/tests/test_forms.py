"""``core.forms.add_errors`` / ``form_status``: the one way a page shows a service's refusal."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from kehoach.core.concurrency import EditConflict
from kehoach.core.forms import add_errors, form_status


class NameForm(forms.Form):
    name = forms.CharField()


def _form() -> NameForm:
    form = NameForm({"name": "Sở Y tế"})
    assert form.is_valid() and form_status(form) == 200
    return form


def test_a_field_message_goes_on_the_field_the_others_above_the_form():
    form = _form()
    add_errors(form, ValidationError({"name": "Tên đã có.", "code": "Mã đã có."}))
    assert form.errors["name"] == ["Tên đã có."]
    assert form.non_field_errors() == ["Mã đã có."]
    assert form_status(form) == 400


def test_a_plain_message_goes_above_the_form():
    form = _form()
    add_errors(form, ValidationError("Kỳ báo cáo đã đóng."))
    assert form.non_field_errors() == ["Kỳ báo cáo đã đóng."] and form_status(form) == 400


def test_someone_saving_in_between_is_409():
    form = _form()
    add_errors(form, EditConflict("Người khác vừa lưu."))
    assert form.non_field_errors() == ["Người khác vừa lưu."] and form_status(form) == 409
