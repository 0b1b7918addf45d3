"""Forms of the programme pages: they parse input; the services validate and write."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kehoach.core.constants import YEAR_MAX, YEAR_MIN
from kehoach.core.exchange.numbers import parse_number
from kehoach.plans.models import Plan, Target
from kehoach.tasks.models import AssessmentVerdict, TaskGroup, TaskStatus
from kehoach.units.models import Unit
from kehoach.units.picker import UnitField, UnitsField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _target_label(target: Any) -> str:
    return f"{target.indicator.name_vi} ({target.unit.code}, {target.period})"


class TaskForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Kế hoạch"), queryset=Plan.objects.order_by("-start_year"),
                                  to_field_name="code")
    number = forms.CharField(label=_("Số thứ tự (STT)"), max_length=16)
    text = forms.CharField(label=_("Nhiệm vụ"), widget=forms.Textarea(attrs={"rows": 3}))
    group = forms.ChoiceField(label=_("Nhóm"), choices=TaskGroup.choices, initial=TaskGroup.KEY)
    lead_unit = UnitField(label=_("Cơ quan chủ trì"))
    coordinating_units = UnitsField(label=_("Cơ quan phối hợp"), required=False,
                                    groups=("departments",))
    deadline_text = forms.CharField(
        label=_("Thời gian hoàn thành"), max_length=120,
        help_text=_("Như văn bản viết: 30/6/2025, Trước 30/6/2025, Quý II/2025, 2025, 2026-2030, "
                    "Hằng năm, trước 20/10; tổng hợp trước 31/10, Thường xuyên."))
    product = forms.CharField(label=_("Sản phẩm"), max_length=400, required=False)
    targets = forms.ModelMultipleChoiceField(label=_("Chỉ tiêu phục vụ"), required=False,
                                             queryset=Target.objects.none(),
                                             widget=forms.SelectMultiple(attrs={"size": 6}))
    status = forms.ChoiceField(label=_("Tình trạng"), choices=TaskStatus.choices,
                               initial=TaskStatus.NOT_STARTED)
    note = forms.CharField(label=_("Ghi chú"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plan: Plan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if plan is not None:
            targets = cast(forms.ModelMultipleChoiceField, self.fields["targets"])
            targets.queryset = plan.targets.select_related("indicator", "unit")
            targets.label_from_instance = _target_label  # type: ignore[method-assign,assignment]
            self.fields["plan"].disabled = True

    @classmethod
    def initial_for(cls, task: Any) -> dict[str, Any]:
        return {"plan": task.plan.code, "number": task.number, "text": task.text,
                "group": task.group, "lead_unit": task.lead_unit,
                "coordinating_units": list(task.coordinating_units.all()),
                "deadline_text": task.deadline_text, "product": task.product,
                "targets": list(task.targets.all()), "status": task.status, "note": task.note,
                "version": task.version}


class ProgressForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị báo cáo"), queryset=Unit.objects.none(),
                                  empty_label=None)
    date = forms.DateField(label=_("Ngày báo cáo"), widget=DATE, initial=timezone.localdate)
    percent = forms.CharField(label=_("Tiến độ (%)"), max_length=12)
    text = forms.CharField(label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label=_("Tài liệu minh chứng"), required=False)

    def __init__(self, *args: Any, units: list[Unit] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["unit"])
        field.queryset = Unit.objects.filter(pk__in=[u.pk for u in units or []])

    def clean_percent(self) -> Decimal:
        try:
            return parse_number(self.cleaned_data["percent"], locale="vi")
        except ValueError as exc:
            raise forms.ValidationError(str(exc))


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Lý do không đưa vào"), widget=forms.Textarea(attrs={"rows": 2}))


class AcceptForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Đưa vào kế hoạch"), to_field_name="code",
                                  queryset=Plan.objects.order_by("-start_year"))
    number = forms.CharField(label=_("STT nhiệm vụ"), max_length=16, required=False)
    deadline_text = forms.CharField(label=_("Thời gian hoàn thành"), max_length=120, required=False)
    group = forms.ChoiceField(label=_("Nhóm"), choices=TaskGroup.choices, initial=TaskGroup.KEY)
    sector = forms.CharField(label=_("Lĩnh vực (dự án)"), max_length=120, required=False)
    funding_source = forms.CharField(label=_("Nguồn vốn (dự án)"), max_length=10, required=False)
    phase = forms.CharField(label=_("Giai đoạn (dự án)"), max_length=9, required=False)


class MergeForm(forms.Form):
    task = forms.IntegerField(label=_("Gộp vào nhiệm vụ (số hiệu)"), required=False)
    project = forms.IntegerField(label=_("hoặc vào dự án (số hiệu)"), required=False)


class AssessmentForm(forms.Form):
    """The lead unit's evaluation of a task (page and API)."""

    year = forms.IntegerField(label=_("Năm đánh giá"), min_value=YEAR_MIN, max_value=YEAR_MAX,
                              error_messages={"required": _("Hãy nhập năm đánh giá."),
                                              "invalid": _("Năm phải là một số, ví dụ 2025."),
                                              "min_value": _("Năm đánh giá không hợp lệ."),
                                              "max_value": _("Năm đánh giá không hợp lệ.")})
    verdict = forms.ChoiceField(label=_("Đánh giá"), choices=AssessmentVerdict.choices,
                                error_messages={
                                    "required": _("Hãy chọn đánh giá."),
                                    "invalid_choice": _("Đánh giá không hợp lệ: chọn hoàn thành, "
                                                        "đúng tiến độ hoặc chậm tiến độ.")})
    text = forms.CharField(label=_("Nhận xét"), widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=2000, error_messages={
                               "required": _("Hãy ghi một câu nhận xét về kết quả thực hiện "
                                             "nhiệm vụ.")})
