"""The report form (page and API): plan, year, unit, format."""

from __future__ import annotations

from typing import Any

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


NUMBER_PATTERN = r"^\s*(\d{1,6}|\d{1,6}/[0-9A-Za-zĐđ.&\-]{1,30})\s*$"
MAX_SECTION_CHARS = 20_000
SECTION_LABELS = {
    "shortcomings": _("II.1. Tồn tại, hạn chế"),
    "causes": _("II.2. Nguyên nhân"),
    "lessons": _("II.3. Bài học kinh nghiệm"),
    "solutions": _("III. Giải pháp (sau các chỉ tiêu và nhiệm vụ năm sau lấy từ hệ thống)"),
    "proposals": _("IV. Kiến nghị, đề xuất"),
}


class ComposeForm(ReportForm):
    """What the office sets before the report is generated in the background."""

    number = forms.RegexField(
        label=_("Số (không bắt buộc)"), required=False, regex=NUMBER_PATTERN, max_length=40,
        help_text=_("Ví dụ 125 hoặc 125/BC-UBND; để trống để điền tay khi ký."),
        error_messages={"invalid": _("Số văn bản phải là số (ví dụ 125) hoặc số/ký hiệu (ví dụ "
                                     "125/BC-UBND).")})
    date = forms.DateField(
        label=_("Ngày ban hành (không bắt buộc)"), required=False,
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=_("Để trống để điền tay khi ký; cơ quan ban hành là cơ quan còn hiệu lực vào "
                    "ngày này (hôm nay nếu để trống)."),
        error_messages={"invalid": _("Ngày không hợp lệ; nhập dạng 29/01/2025.")})
    signer_name = forms.CharField(label=_("Người ký"), required=False, max_length=120)
    signer_title = forms.CharField(label=_("Chức vụ người ký"), required=False, max_length=120,
                                   help_text=_("Ví dụ PHÓ CHỦ TỊCH."))
    signer_deputy = forms.CharField(
        label=_("Ký thay"), required=False, max_length=120,
        help_text=_("Ví dụ KT. CHỦ TỊCH; để trống khi người đứng đầu ký."))
    head_signs = forms.BooleanField(
        label=_("Người đứng đầu ký (không ký thay)"), required=False,
        help_text=_("Đánh dấu khi Chủ tịch / Giám đốc ký trực tiếp: bỏ dòng KT."))
    recipients = forms.CharField(label=_("Nơi nhận (mỗi dòng một nơi)"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 7}))
    shortcomings = forms.CharField(label=SECTION_LABELS["shortcomings"], required=False,
                                   max_length=MAX_SECTION_CHARS,
                                   widget=forms.Textarea(attrs={"rows": 6}))
    causes = forms.CharField(label=SECTION_LABELS["causes"], required=False,
                             max_length=MAX_SECTION_CHARS, widget=forms.Textarea(attrs={"rows": 6}))
    lessons = forms.CharField(label=SECTION_LABELS["lessons"], required=False,
                              max_length=MAX_SECTION_CHARS, widget=forms.Textarea(attrs={"rows": 4}))
    solutions = forms.CharField(label=SECTION_LABELS["solutions"], required=False,
                                max_length=MAX_SECTION_CHARS,
                                widget=forms.Textarea(attrs={"rows": 6}))
    proposals = forms.CharField(label=SECTION_LABELS["proposals"], required=False,
                                max_length=MAX_SECTION_CHARS,
                                widget=forms.Textarea(attrs={"rows": 4}))

    def clean_recipients(self) -> list[str]:
        from kehoach.documents.reports.options import MAX_RECIPIENTS, lines_of

        lines = lines_of(self.cleaned_data.get("recipients"))
        if len(lines) > MAX_RECIPIENTS:
            raise forms.ValidationError(_("Tối đa %(n)s nơi nhận.") % {"n": MAX_RECIPIENTS})
        if any(len(line) > 200 for line in lines):
            raise forms.ValidationError(_("Mỗi nơi nhận tối đa 200 ký tự."))
        return lines

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, year = data.get("date"), data.get("year")
        if day and year and day.year < year:
            self.add_error("date", _("Ngày ban hành (%(d)s) không thể trước năm được báo cáo "
                                     "(%(y)s).") % {"d": day.strftime("%d/%m/%Y"), "y": year})
        return data

    def options(self) -> Any:
        from kehoach.documents.reports.options import ReportOptions, lines_of
        from kehoach.documents.reports.sources import SECTION_KEYS

        data = self.cleaned_data
        # A field left out (the API, the documents page) keeps the default; a field sent empty
        # (the compose page, prefilled) or ``head_signs`` (the documents page) means "none".
        deputy = (" ".join(data.get("signer_deputy", "").split()).upper()
                  if "signer_deputy" in self.data else None)
        if data.get("head_signs"):
            deputy = ""
        return ReportOptions(
            number=(data.get("number") or "").strip(), date=data.get("date"),
            signer_name=" ".join((data.get("signer_name") or "").split()),
            signer_title=" ".join((data.get("signer_title") or "").split()).upper(),
            signer_deputy=deputy, recipients=tuple(data.get("recipients") or ()),
            sections={k: "\n".join(lines_of(data.get(k))) for k in SECTION_KEYS if k in self.data})


class ApiComposeForm(ComposeForm):
    """The API takes the plan from the URL and recipients as a list (joined by the view)."""

    plan = None  # type: ignore[assignment]
    head_signs = None  # type: ignore[assignment]  # the API sends signer_deputy ""
