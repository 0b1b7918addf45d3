"""The dashboards' choosers: the year and, on the leaders' dashboard, one plan of that year."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.core.constants import YEAR_MAX, YEAR_MIN

YEAR_ERRORS = {
    "invalid": _("Năm phải là một số, ví dụ 2024."),
    "min_value": _("Năm phải từ %(limit_value)s trở đi."),
    "max_value": _("Năm phải không quá %(limit_value)s."),
}


class PublicDashboardForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"),
        required=False,
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        error_messages=YEAR_ERRORS,
    )


class DashboardForm(PublicDashboardForm):
    plan = forms.CharField(
        label=_("Kế hoạch"),
        required=False,
        max_length=64,
        error_messages={"max_length": _("Mã kế hoạch dài quá 64 ký tự.")},
    )
    indicator = forms.CharField(
        label=_("Chỉ tiêu xếp hạng xã, phường"),
        required=False,
        max_length=64,
        error_messages={"max_length": _("Mã chỉ tiêu dài quá 64 ký tự.")},
    )


def form_errors(form: forms.Form) -> list[str]:
    """The form's messages as one list (pages show them above the choosers)."""
    return [str(message) for messages in form.errors.values() for message in messages]
