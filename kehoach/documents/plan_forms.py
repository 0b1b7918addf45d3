"""The form of the plan document (page, API, command): số ký hiệu and date, both optional."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.core.constants import YEAR_MAX, YEAR_MIN


class PlanDocumentForm(forms.Form):
    number = forms.CharField(
        label=_("Số ký hiệu"),
        required=False,
        max_length=40,
        help_text=_("Ví dụ 125 hoặc 125/KH-UBND; để trống để điền khi ban hành."),
    )
    date = forms.DateField(
        label=_("Ngày ban hành"),
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Để trống để điền tay (ngày … tháng … năm)."),
        error_messages={"invalid": _("Ngày không hợp lệ; ghi dạng 05/01/2027.")},
    )

    def clean_date(self) -> dt.date | None:
        day = self.cleaned_data.get("date")
        if day is not None and not YEAR_MIN <= day.year <= YEAR_MAX:
            raise forms.ValidationError(
                _("Năm của ngày ban hành phải từ %(a)s đến %(b)s.")
                % {"a": YEAR_MIN, "b": YEAR_MAX},
                code="year",
            )
        return day
