"""Forms of the indicator pages (and the upload form shared by the import pages)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from kehoach.core.exchange.numbers import parse_number
from kehoach.core.files import upload_size_validator
from kehoach.indicators.models import Aggregation, Direction, Group, Indicator, Kind


class NumberField(forms.CharField):
    """A number typed either way: ``7,5`` or ``7.5``; ``2.000`` is two thousand in Vietnamese."""

    def __init__(self, *args, min_value: Decimal | None = None, **kwargs):
        self.min_value = min_value
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            from kehoach.core.templatetags.kh import format_number

            return format_number(value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        if text is None or text in self.empty_values:
            return None
        if len(text) > 40:
            raise forms.ValidationError(_("Số quá dài."))
        language = "en" if (translation.get_language() or "vi").startswith("en") else "vi"
        try:
            number = parse_number(text, locale=language)
        except ValueError as exc:
            raise forms.ValidationError(str(exc))
        if abs(number) >= Decimal(10) ** 18:
            raise forms.ValidationError(_("Số quá lớn."))
        if self.min_value is not None and number < self.min_value:
            raise forms.ValidationError(_("Không được nhỏ hơn %(n)s.") % {"n": self.min_value})
        return number


class IndicatorForm(forms.Form):
    code = forms.CharField(label=_("Mã"), max_length=64,
                           help_text=_("Chữ cái không dấu, chữ số, “_” và “.”, ví dụ GRDP_GROWTH."))
    name_vi = forms.CharField(label=_("Tên tiếng Việt"), max_length=400)
    name_en = forms.CharField(label=_("Tên tiếng Anh"), max_length=400, required=False)
    group = forms.ChoiceField(label=_("Nhóm"), choices=Group.choices)
    unit = forms.CharField(label=_("Đơn vị tính"), max_length=64, required=False)
    kind = forms.ChoiceField(label=_("Loại"), choices=Kind.choices)
    direction = forms.ChoiceField(label=_("Chiều tốt"), choices=Direction.choices)
    aggregation = forms.ChoiceField(label=_("Cách tổng hợp"), choices=Aggregation.choices)
    weight = forms.ModelChoiceField(Indicator.objects.all(), to_field_name="code", required=False,
                                    label=_("Chỉ tiêu quyền số"),
                                    help_text=_("Chỉ cho cách tổng hợp bình quân gia quyền."))
    numerator = forms.ModelChoiceField(Indicator.objects.all(), to_field_name="code",
                                       required=False, label=_("Tử số"))
    denominator = forms.ModelChoiceField(Indicator.objects.all(), to_field_name="code",
                                         required=False, label=_("Mẫu số"),
                                         help_text=_("Tử số và mẫu số chỉ cho cách tổng hợp tỷ lệ."))
    formula = forms.CharField(label=_("Công thức"), max_length=500, required=False,
                              help_text=_("Cho chỉ tiêu tính theo công thức, ví dụ "
                                          "GRDP_CUR * 1000 / POPULATION."))
    decimals = forms.IntegerField(label=_("Số chữ số thập phân"), min_value=0, max_value=6,
                                  initial=2)
    tolerance = NumberField(label=_("Sai số cho phép"), required=False, min_value=Decimal(0))
    sdg = forms.CharField(label=_("Mục tiêu SDG"), max_length=64, required=False)
    position = forms.IntegerField(label=_("Thứ tự"), min_value=0, initial=0)
    is_active = forms.BooleanField(label=_("Đang dùng"), required=False, initial=True)

    @classmethod
    def initial_for(cls, indicator: Indicator) -> dict:
        data = {name: getattr(indicator, name) for name in cls.base_fields}
        for name in ("weight", "numerator", "denominator"):
            ref = getattr(indicator, name)
            data[name] = ref.code if ref else None
        return data


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp CSV (UTF-8) hoặc .xlsx"), validators=[upload_size_validator])
    dry_run = forms.BooleanField(label=_("Chạy thử (chỉ kiểm tra, không lưu)"), required=False)
    locale = forms.ChoiceField(
        label=_("Cách viết số"), initial="auto",
        choices=[("auto", _("Tự nhận biết")), ("vi", _("Việt Nam: 7,5 và 2.000")),
                 ("en", _("Quốc tế: 7.5 và 2,000"))],
    )
