"""Forms of the evaluation pages: filters (GET) and the status override (POST)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.core.constants import YEAR_MAX, YEAR_MIN
from kehoach.evaluation.models import JudgementOutlook, OverrideStatus
from kehoach.indicators.models import Group
from kehoach.units.picker import UnitCodeField
from kehoach.values.models import ValueKind

YEAR_ERRORS = {
    "invalid": _("Năm phải là một số, ví dụ 2024."),
    "min_value": _("Năm phải từ 1900 trở đi."),
    "max_value": _("Năm phải trước 2200."),
}


class EvaluationFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=YEAR_MIN,
                              max_value=YEAR_MAX, error_messages=YEAR_ERRORS)
    unit = UnitCodeField(label=_("Đơn vị"), required=False)
    group = forms.ChoiceField(label=_("Nhóm"), required=False,
                              choices=[("", _("Tất cả"))] + list(Group.choices))
    status = forms.ChoiceField(label=_("Trạng thái"), required=False,
                               choices=[("", _("Tất cả"))] + list(OverrideStatus.choices))
    not_met = forms.BooleanField(label=_("Chỉ chỉ tiêu không đạt"), required=False)


class EvaluationIndexForm(forms.Form):
    plan = forms.CharField(label=_("Kế hoạch"), max_length=64,
                           error_messages={"required": _("Hãy chọn một kế hoạch.")})
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=YEAR_MIN,
                              max_value=YEAR_MAX, error_messages=YEAR_ERRORS)
    unit = UnitCodeField(label=_("Đơn vị"), required=False)


class ConsolidationForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=YEAR_MIN,
                              max_value=YEAR_MAX, error_messages=YEAR_ERRORS)
    half = forms.ChoiceField(label=_("Kỳ"), required=False, choices=[
        ("", _("Cả năm")), ("H1", _("6 tháng đầu năm")), ("H2", _("6 tháng cuối năm"))])
    kind = forms.ChoiceField(label=_("Loại số liệu"), required=False,
                             choices=[c for c in ValueKind.choices if c[0] != "plan"])
    unit = UnitCodeField(label=_("Đơn vị"), required=False)
    only_discrepancies = forms.BooleanField(label=_("Chỉ các số chênh lệch"), required=False)


class OverrideForm(forms.Form):
    year = forms.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX, error_messages=YEAR_ERRORS)
    status = forms.ChoiceField(label=_("Trạng thái điều chỉnh"), choices=OverrideStatus.choices,
                               required=False)
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}),
                             required=False, max_length=2000)
    action = forms.ChoiceField(choices=[("set", "set"), ("clear", "clear")], required=False)


class YearFilterForm(forms.Form):
    """Filters of the year's evaluation (page and API)."""

    year = forms.IntegerField(label=_("Năm"), required=False, min_value=YEAR_MIN,
                              max_value=YEAR_MAX, error_messages=YEAR_ERRORS)
    unit = UnitCodeField(label=_("Tỉnh"), required=False)
    not_met = forms.BooleanField(label=_("Không đạt"), required=False)
    at_risk = forms.BooleanField(label=_("Có nguy cơ không đạt"), required=False)
    responsible = forms.CharField(label=_("Đơn vị chịu trách nhiệm (mã)"), required=False,
                                  max_length=32)
    group = forms.ChoiceField(label=_("Nhóm"), required=False,
                              choices=[("", _("Tất cả"))] + list(Group.choices))


class JudgementForm(forms.Form):
    """The responsible unit's judgement of a multi-year target (page and API)."""

    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=YEAR_MIN, max_value=YEAR_MAX,
                              error_messages={**YEAR_ERRORS,
                                              "required": _("Hãy nhập năm đánh giá.")})
    outlook = forms.ChoiceField(label=_("Khả năng đạt"), choices=JudgementOutlook.choices,
                                error_messages={
                                    "required": _("Hãy chọn khả năng đạt."),
                                    "invalid_choice": _("Khả năng đạt không hợp lệ: chọn có khả "
                                                        "năng đạt, khó đạt hoặc không đạt.")})
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=2000,
                             error_messages={"required": _("Hãy ghi lý do của đánh giá.")})


class JudgementFilterForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), required=False, min_value=YEAR_MIN,
                              max_value=YEAR_MAX, error_messages=YEAR_ERRORS)
    unit = UnitCodeField(label=_("Đơn vị"), required=False)
    disagree = forms.BooleanField(label=_("Chỉ chỉ tiêu đánh giá khác với tính toán"),
                                  required=False)
