"""Forms of the intake pages: the text or file to read, one item's review, the plan to fill."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from kehoach.core.exchange.numbers import parse_number
from kehoach.indicators.models import Indicator
from kehoach.intake.extraction import read_text_file
from kehoach.plans.models import Comparator, Plan, TargetType
from kehoach.units.picker import UnitField


def _limit_text() -> str:
    return f"{settings.KEHOACH_MAX_UPLOAD_BYTES / (1024 * 1024):g} MB"


class ExtractForm(forms.Form):
    text = forms.CharField(label=gettext_lazy("Dán văn bản"), required=False,
                           widget=forms.Textarea(attrs={"rows": 12, "cols": 100}))
    file = forms.FileField(label=gettext_lazy("hoặc chọn tệp .txt / .docx"), required=False)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        upload, text = data.get("file"), data.get("text") or ""
        if upload is not None and text.strip():
            raise forms.ValidationError(_("Hãy dán văn bản hoặc chọn tệp, không cả hai."))
        if upload is None:
            if not text.strip():
                raise forms.ValidationError(_("Hãy dán nội dung kế hoạch hoặc chọn tệp .txt/.docx."))
            data["content"], data["source_name"] = text, ""
            return data
        limit = settings.KEHOACH_MAX_UPLOAD_BYTES
        if upload.size > limit:
            self.add_error("file", _("Tệp quá lớn: giới hạn là %(n)s.") % {"n": _limit_text()})
            return data
        try:
            data["content"] = read_text_file(upload.read(), upload.name, max_bytes=limit)
        except ValueError as exc:
            self.add_error("file", str(exc))
            return data
        data["source_name"] = upload.name
        return data


def parse_user_number(text: str | None) -> Decimal | None:
    """A number typed in the page's language (``2.000`` and ``7,5`` in Vietnamese)."""
    text = (text or "").strip()
    if not text:
        return None
    locale = "en" if (get_language() or "vi").startswith("en") else "vi"
    return parse_number(text, locale=locale)


class NumberField(forms.Field):
    def to_python(self, value: Any) -> Decimal | None:
        try:
            number = parse_user_number(None if value in self.empty_values else str(value))
        except ValueError as exc:
            raise forms.ValidationError(str(exc))
        if number is not None and abs(number) >= Decimal(10) ** 18:
            raise forms.ValidationError(_("Số quá lớn."))
        return number


class ItemForm(forms.Form):
    """One item's review, posted by htmx when anything in its row changes."""

    accepted = forms.BooleanField(label=gettext_lazy("Chọn"), required=False)
    indicator = forms.ModelChoiceField(label=gettext_lazy("Chỉ tiêu trong danh mục"), required=False,
                                       queryset=Indicator.objects.all())
    indicator_code = forms.CharField(label=gettext_lazy("hoặc mã chỉ tiêu"), required=False, max_length=64)
    comparator = forms.ChoiceField(label=gettext_lazy("So sánh"), choices=Comparator.choices)
    value = NumberField(label=gettext_lazy("Giá trị"))
    value_max = NumberField(label=gettext_lazy("đến"), required=False)
    unit = forms.CharField(label=gettext_lazy("Đơn vị tính"), required=False, max_length=64)
    period = forms.CharField(label=gettext_lazy("Kỳ"), required=False, max_length=16)
    target_type = forms.ChoiceField(label=gettext_lazy("Loại"), choices=TargetType.choices)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        code = (data.get("indicator_code") or "").strip()
        if code:
            indicator = Indicator.objects.filter(code__iexact=code).first()
            if indicator is None:
                self.add_error("indicator_code", _("Không có chỉ tiêu mã “%(c)s”.") % {"c": code})
            data["indicator"] = indicator
        return data

    def changes(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"accepted": data["accepted"], "indicator": data.get("indicator"),
                "final_comparator": data["comparator"], "final_value": data["value"],
                "final_value_max": data.get("value_max"), "final_unit": data.get("unit") or "",
                "final_period": data.get("period") or "", "final_target_type": data["target_type"]}


class CreateTargetsForm(forms.Form):
    plan = forms.ModelChoiceField(label=gettext_lazy("Kế hoạch"), queryset=Plan.objects.none(),
                                  to_field_name="code")
    unit = UnitField(label=gettext_lazy("Đơn vị"), required=False,
                     help_text=gettext_lazy("Để trống: đơn vị của kế hoạch."))

    def __init__(self, *args: Any, plans: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["plan"]).queryset = plans
