"""The report form (page and API): plan, year, unit, format."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.core.constants import YEAR_MAX, YEAR_MIN

FORMAT_CHOICES = [("docx", _("Word (.docx)")), ("xlsx", _("Excel (.xlsx) – phụ lục")),
                  ("pdf", _("PDF"))]


class ReportForm(forms.Form):
    plan = forms.CharField(label=_("Kế hoạch"), max_length=64,
                           error_messages={"required": _("Hãy chọn một kế hoạch.")})
    year = forms.IntegerField(
        label=_("Năm"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX,
        error_messages={"invalid": _("Năm phải là một số, ví dụ 2024."),
                        "min_value": _("Năm phải từ 1900 trở đi."),
                        "max_value": _("Năm phải trước 2200.")})
    unit = forms.CharField(label=_("Mã đơn vị (không bắt buộc)"), required=False, max_length=32)
    format = forms.ChoiceField(
        label=_("Định dạng"), required=False, choices=FORMAT_CHOICES,
        error_messages={"invalid_choice": _("Định dạng %(value)s không được hỗ trợ; chọn docx, "
                                            "xlsx hoặc pdf.")})

    def clean_format(self) -> str:
        return self.cleaned_data.get("format") or "docx"


class ApiReportForm(ReportForm):
    """The API takes the plan from the URL."""

    plan = None  # type: ignore[assignment]
