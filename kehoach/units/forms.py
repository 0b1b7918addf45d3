"""Forms of the units pages: they parse input; the services validate and write."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.core.files import upload_size_validator
from kehoach.units.models import Unit, UnitType


class UnitForm(forms.Form):
    code = forms.CharField(label=_("Mã"), max_length=32)
    name = forms.CharField(label=_("Tên"), max_length=255)
    type = forms.ChoiceField(label=_("Loại"), choices=UnitType.choices)
    parent = forms.CharField(
        label=_("Mã đơn vị cấp trên"), max_length=32, required=False,
        help_text=_("Ví dụ: mã của tỉnh. Để trống nếu không có cấp trên."),
    )
    gso_code = forms.CharField(label=_("Mã thống kê (GSO)"), max_length=16, required=False)
    valid_from = forms.DateField(label=_("Hiệu lực từ"), required=False,
                                 widget=forms.DateInput(attrs={"type": "date"}))
    valid_to = forms.DateField(label=_("Hiệu lực đến"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    email = forms.EmailField(label=_("Thư điện tử"), required=False)

    def clean_parent(self) -> Unit | None:
        code = self.cleaned_data["parent"].strip()
        if not code:
            return None
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            raise forms.ValidationError(_("Không có đơn vị mã “%(c)s”.") % {"c": code})
        return unit

    @classmethod
    def initial_for(cls, unit: Unit) -> dict:
        return {
            "code": unit.code, "name": unit.name, "type": unit.type,
            "parent": unit.parent.code if unit.parent else "", "gso_code": unit.gso_code,
            "valid_from": unit.valid_from, "valid_to": unit.valid_to, "email": unit.email,
        }


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Tệp đơn vị (CSV UTF-8 hoặc .xlsx)"), required=False,
                           validators=[upload_size_validator])
    locale = forms.ChoiceField(
        label=_("Cách viết số"), initial="auto",
        choices=[("auto", _("Tự nhận biết")), ("vi", _("Việt Nam (7,5)")), ("en", _("Anh (7.5)"))],
    )


class AsOfForm(forms.Form):
    q = forms.CharField(required=False, max_length=100)
    on = forms.DateField(required=False, input_formats=["%Y-%m-%d", "%d/%m/%Y"])

    def day(self) -> dt.date | None:
        return self.cleaned_data.get("on") if self.is_valid() else None
