"""Forms of the plan pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.core.constants import YEAR_MAX, YEAR_MIN
from kehoach.indicators.forms import NumberField
from kehoach.indicators.models import Indicator
from kehoach.plans.models import (
    Comparator,
    Phrasing,
    Plan,
    PlanKind,
    PlanStatus,
    Target,
    TargetType,
)
from kehoach.plans.selectors import responsible_unit_choices
from kehoach.units.models import Unit


class PlanForm(forms.Form):
    code = forms.CharField(label=_("Mã"), max_length=64, help_text=_("Ví dụ KH-KTXH-2026-2030."))
    name = forms.CharField(label=_("Tên"), max_length=500)
    kind = forms.ChoiceField(label=_("Loại"), choices=PlanKind.choices)
    start_year = forms.IntegerField(label=_("Từ năm"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    end_year = forms.IntegerField(label=_("Đến năm"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    unit = forms.ModelChoiceField(Unit.objects.all(), to_field_name="code", label=_("Đơn vị"))
    parent = forms.ModelChoiceField(Plan.objects.all(), to_field_name="code", required=False,
                                    label=_("Kế hoạch cấp trên"))
    document = forms.CharField(label=_("Số, ký hiệu văn bản"), max_length=64, required=False,
                               help_text=_("Ví dụ 12/NQ-HĐND."))
    document_date = forms.DateField(label=_("Ngày ban hành"), required=False,
                                    help_text=_("Dạng 29/01/2024."))
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=PlanStatus.choices,
                               initial=PlanStatus.DRAFT)
    goal = forms.CharField(label=_("Mục tiêu tổng quát"), required=False,
                           widget=forms.Textarea(attrs={"rows": 5}))
    #: The version the editor loaded: a save in between answers a conflict, not an overwrite.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    @classmethod
    def initial_for(cls, plan: Plan) -> dict:
        data = {name: getattr(plan, name) for name in cls.base_fields}
        data["unit"] = plan.unit.code
        data["parent"] = plan.parent.code if plan.parent else None
        return data


class TargetForm(forms.Form):
    indicator = forms.ModelChoiceField(Indicator.objects.all(), to_field_name="code",
                                       label=_("Chỉ tiêu"))
    unit = forms.ModelChoiceField(Unit.objects.all(), to_field_name="code", label=_("Đơn vị"))
    period = forms.CharField(label=_("Kỳ"), max_length=16, help_text=_("2030 hoặc 2021-2030."))
    comparator = forms.ChoiceField(label=_("So sánh"), choices=Comparator.choices)
    value = NumberField(label=_("Giá trị"))
    value_max = NumberField(label=_("Đến (cho “từ … đến …”)"), required=False)
    target_type = forms.ChoiceField(label=_("Loại chỉ tiêu kế hoạch"), choices=TargetType.choices,
                                    initial=TargetType.LEVEL)
    tolerance = NumberField(label=_("Sai số cho phép"), required=False)
    wording = forms.CharField(label=_("Cách viết trong văn bản"), max_length=500, required=False)
    phrasing = forms.ChoiceField(label=_("Cách diễn đạt"), choices=Phrasing.choices,
                                 required=False,
                                 help_text=_("“duy trì” được đánh giá ở mọi năm của kế hoạch."))
    note = forms.CharField(label=_("Ghi chú"), required=False)
    responsible_unit = forms.ModelChoiceField(
        Unit.objects.exclude(type="province").order_by("type", "name"), to_field_name="code",
        required=False, label=_("Đơn vị chịu trách nhiệm"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: Any, plan: Plan | None = None, **kwargs: Any):
        kwargs.setdefault("prefix", "target")
        super().__init__(*args, **kwargs)
        if plan is not None:
            field = self.fields["responsible_unit"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = responsible_unit_choices(plan=plan)

    @classmethod
    def initial_for(cls, target: Target) -> dict:
        data = {name: getattr(target, name) for name in cls.base_fields}
        data["indicator"] = target.indicator.code
        data["unit"] = target.unit.code
        data["responsible_unit"] = target.responsible_unit.code if target.responsible_unit else None
        return data
