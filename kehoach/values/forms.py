"""Forms of the values pages: filters, entering a value, uploading a file."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from kehoach.core.exchange import numbers
from kehoach.core.files import streamed_upload_size_validator, upload_size_validator
from kehoach.core.models import AnyUser
from kehoach.core.periods import parse_period
from kehoach.indicators.models import Indicator
from kehoach.units.models import Unit
from kehoach.units.picker import UnitCodeField
from kehoach.values.models import ValueKind
from kehoach.values.selectors import writable_units
from kehoach.values.services import value_normalise


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm"), required=False)
    unit = UnitCodeField(label=_("Đơn vị"), required=False)
    indicator = forms.CharField(label=_("Mã chỉ tiêu"), required=False)
    period = forms.CharField(label=_("Kỳ"), required=False)
    kind = forms.ChoiceField(
        label=_("Loại số liệu"), required=False,
        choices=[("", _("Tất cả"))] + list(ValueKind.choices),
    )

    def clean_period(self) -> str:
        text = self.cleaned_data["period"].strip()
        if text:
            try:
                return parse_period(text).code
            except ValueError as exc:
                raise forms.ValidationError(str(exc))
        return text


def parse_typed_number(text: str) -> Decimal:
    """A number typed in a form: ``7,5`` ``7.5`` ``1.791.857``; ``2.000`` follows the page's
    language (two thousand in Vietnamese)."""
    locale = numbers.EN if (get_language() or "vi").startswith("en") else numbers.VI
    return value_normalise(numbers.parse_number(text, locale=locale))


def clean_period_code(text: str) -> str:
    """A form field's period as its canonical code, or the Vietnamese validation message."""
    try:
        return parse_period(text).code
    except ValueError as exc:
        raise forms.ValidationError(str(exc))


class ValueForm(forms.Form):
    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Đơn vị"), queryset=Unit.objects.none()
    )
    indicator = forms.ModelChoiceField(
        label=_("Chỉ tiêu"), queryset=Indicator.objects.filter(is_active=True).order_by("code")
    )
    period = forms.CharField(
        label=_("Kỳ"), max_length=16,
        help_text=_("2024, 2024-H1 (6 tháng), 2024-Q3 (quý), 2024-09 (tháng) hoặc 2021-2025."),
    )
    kind = forms.ChoiceField(label=_("Loại số liệu"), choices=ValueKind.choices)
    value = forms.CharField(label=_("Giá trị"), help_text=_("Ví dụ: 7,5 hoặc 1.791.857"))
    note = forms.CharField(label=_("Ghi chú / giải trình"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    comment = forms.CharField(
        label=_("Lý do thay đổi"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Ghi vào lịch sử số liệu."),
    )

    def __init__(self, *args: Any, user: AnyUser, editing: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        unit_field = cast(forms.ModelChoiceField, self.fields["unit"])
        unit_field.queryset = writable_units(user=user).order_by("code")
        self.editing = editing
        if editing:
            for name in ("unit", "indicator", "period", "kind"):
                self.fields[name].disabled = True
            self.fields["comment"].required = True

    def clean_period(self) -> str:
        return clean_period_code(self.cleaned_data["period"])

    def clean_value(self) -> Decimal:
        try:
            return parse_typed_number(self.cleaned_data["value"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc))


class ImportForm(forms.Form):
    """A values exchange file: a CSV is read as a stream, so it may be as large as the DHIS2 page's
    upload (1 GB, imported in the background); an .xlsx is read whole and keeps the usual limit."""

    file = forms.FileField(label=_("Tệp CSV (UTF-8) hoặc .xlsx"),
                           validators=[streamed_upload_size_validator])
    locale = forms.ChoiceField(
        label=_("Cách viết số"),
        choices=[("auto", _("Tự nhận biết")), ("vi", _("Việt Nam: 7,5 và 2.000")),
                 ("en", _("Quốc tế: 7.5 và 2,000"))],
        initial="auto",
    )
    dry_run = forms.BooleanField(label=_("Chạy thử (kiểm tra, không lưu)"), required=False)

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.name.lower().endswith((".xlsx", ".xlsm")):
            try:
                upload_size_validator(upload)
            except forms.ValidationError as exc:
                raise forms.ValidationError([*exc.messages, _(
                    "Tệp .xlsx được đọc cả tệp một lần; tệp lớn hơn hãy lưu thành CSV (UTF-8), "
                    "được nhận đến 1 GB và nhập ở chế độ nền.")]) from exc
        return upload


class Dhis2ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp DHIS2 (dataValueSet .json, .xml, .csv hoặc ADX; có thể nén "
                                   ".gz hoặc .zip)"),
                           validators=[streamed_upload_size_validator])
    mapping = forms.FileField(label=_("Tệp ánh xạ (dhis2_kind, dhis2_id, kehoach_code)"),
                              validators=[upload_size_validator])
    strategy = forms.ChoiceField(
        label=_("Chiến lược"), initial="create_and_update",
        choices=[("create_and_update", _("Thêm mới và cập nhật")), ("create", _("Chỉ thêm mới")),
                 ("update", _("Chỉ cập nhật")), ("delete", _("Xoá các giá trị trong tệp"))],
    )
    kind = forms.ChoiceField(label=_("Loại số liệu"), choices=ValueKind.choices,
                             initial=ValueKind.ACTUAL)
    dry_run = forms.BooleanField(label=_("Chạy thử (kiểm tra, không lưu)"), required=False)


class Dhis2ExportForm(forms.Form):
    mapping = forms.FileField(label=_("Tệp ánh xạ (dhis2_kind, dhis2_id, kehoach_code)"),
                              validators=[upload_size_validator])
    format = forms.ChoiceField(label=_("Định dạng"), choices=[
        ("json", "JSON (dataValueSet)"), ("xml", "XML (DXF2)"), ("csv", "CSV"), ("adx", "ADX")])
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=1900, max_value=2200)
    unit = forms.CharField(label=_("Mã đơn vị"), required=False)
    data_set = forms.CharField(label=_("Tập dữ liệu DHIS2 (dataSet, cần cho ADX)"), required=False,
                               max_length=100)
    kind = forms.ChoiceField(label=_("Loại số liệu"), choices=ValueKind.choices,
                             initial=ValueKind.ACTUAL)
