"""Forms of the reporting pages: they parse input; the services validate and write."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kehoach.core.constants import YEAR_MAX, YEAR_MIN
from kehoach.core.files import upload_size_validator
from kehoach.core.templatetags.kh import format_number
from kehoach.core.text import clean_text
from kehoach.reporting.models import (
    FormTemplate,
    MilestoneActor,
    ProposalKind,
    Round,
    RoundKind,
    RowScope,
    SectionKey,
    Submission,
)
from kehoach.reporting.services.cells import parse_value
from kehoach.units.models import Unit, UnitType
from kehoach.units.picker import UnitField, UnitsField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
# Units offered as checkboxes; communes (3,321 of them) are given by code instead.
LISTED_TYPES = (UnitType.DEPARTMENT, UnitType.AGENCY, UnitType.DISTRICT, UnitType.ENTERPRISE,
                UnitType.OTHER)


def assignable_units() -> QuerySet[Unit]:
    today = timezone.localdate()
    return (Unit.objects.filter(type__in=LISTED_TYPES)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
            .order_by("type", "name"))


def newest_templates() -> list[FormTemplate]:
    newest: dict[str, FormTemplate] = {}
    for template in FormTemplate.objects.order_by("code", "version"):
        newest[template.code] = template
    return list(newest.values())


class RoundForm(forms.Form):
    code = forms.SlugField(label=_("Mã đợt"), max_length=64,
                           help_text=_("Chữ không dấu, số và dấu gạch ngang, ví dụ kh-ktxh-2026."))
    title = forms.CharField(label=_("Tên đợt"), max_length=400)
    kind = forms.ChoiceField(label=_("Loại"), choices=RoundKind.choices)
    legal_number = forms.CharField(label=_("Căn cứ: số, ký hiệu văn bản"), max_length=64,
                                   required=False, help_text=_("Ví dụ 2505/UBND-TH"))
    legal_date = forms.DateField(label=_("Ngày văn bản"), required=False, widget=DATE)
    legal_issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)
    base_year = forms.IntegerField(label=_("Năm đánh giá (ước thực hiện)"), min_value=YEAR_MIN,
                                   max_value=YEAR_MAX)
    period_start = forms.IntegerField(label=_("Kế hoạch từ năm"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    period_end = forms.IntegerField(label=_("đến năm"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    row_scope = forms.ChoiceField(
        label=_("Dòng của biểu theo trách nhiệm"), choices=RowScope.choices,
        initial=RowScope.CONTEXT, required=False,
        help_text=_("Theo đơn vị chịu trách nhiệm của chỉ tiêu trong kế hoạch của đợt."))
    reminder_offsets = forms.CharField(
        label=_("Nhắc hạn (số ngày so với hạn nộp)"), required=False, initial="-3, 1, 3",
        help_text=_("Số âm: trước hạn; số dương: sau hạn; cách nhau bằng dấu phẩy."))

    def clean_reminder_offsets(self) -> list[int]:
        text = self.cleaned_data["reminder_offsets"].strip()
        if not text:
            return []
        try:
            offsets = [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError(_("Nhắc hạn là các số nguyên cách nhau bằng dấu phẩy, "
                                          "ví dụ -3, 1, 3."))
        return offsets

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and start > end:
            self.add_error("period_end", _("Năm kết thúc phải không nhỏ hơn năm bắt đầu."))
        return data

    @classmethod
    def initial_for(cls, round: Round) -> dict[str, Any]:
        initial = {name: getattr(round, name) for name in (
            "code", "title", "kind", "legal_number", "legal_date", "legal_issuer", "base_year",
            "period_start", "period_end", "row_scope")}
        initial["reminder_offsets"] = ", ".join(str(o) for o in round.reminder_offsets)
        return initial


class MilestoneForm(forms.Form):
    name = forms.CharField(label=_("Nội dung"), max_length=400,
                           widget=forms.TextInput(attrs={"size": 60}))
    date = forms.DateField(label=_("Thời hạn"), widget=DATE)
    actor = forms.ChoiceField(label=_("Thực hiện"), choices=MilestoneActor.choices)

    def has_changed(self) -> bool:
        """A row with neither content nor date is blank, whatever its "Thực hiện" select shows
        (a select always sends a value): left out, not "Trường này là bắt buộc"."""
        blank = not (self.data.get(self.add_prefix("name"), "").strip()
                     or self.data.get(self.add_prefix("date"), "").strip())
        return False if blank and self.is_bound else super().has_changed()


class BaseMilestoneFormSet(forms.BaseFormSet):
    def _construct_form(self, i: int, **kwargs: Any) -> forms.Form:
        form = super()._construct_form(i, **kwargs)  # type: ignore[misc]
        form.empty_permitted = True  # a row emptied by hand is removed, like a blank extra row
        form.use_required_attribute = False
        return form


MilestoneFormSet = forms.formset_factory(MilestoneForm, formset=BaseMilestoneFormSet, extra=2,
                                         can_delete=True)


class AssignForm(forms.Form):
    templates = forms.ModelMultipleChoiceField(
        label=_("Biểu mẫu"), queryset=FormTemplate.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)
    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị được giao"), queryset=Unit.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)
    unit_codes = UnitsField(
        label=_("Đơn vị khác (xã, phường …)"), required=False, groups=("communes", "departments"),
        help_text=_("Gõ tên để tìm; chọn “Tất cả xã, phường của …” để giao cho cả nhóm."))
    deadline = forms.DateField(
        label=_("Hạn nộp"), required=False, widget=DATE,
        help_text=_("Để trống: theo mốc đầu tiên của “Các đơn vị”."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["templates"]).queryset = (
            FormTemplate.objects.filter(pk__in=[t.pk for t in newest_templates()]))
        cast(forms.ModelMultipleChoiceField, self.fields["units"]).queryset = assignable_units()

    def chosen(self) -> tuple[list[Unit], list[FormTemplate]]:
        units = {u.pk: u for u in [*self.cleaned_data["units"], *self.cleaned_data["unit_codes"]]}
        return list(units.values()), list(self.cleaned_data["templates"])


class CopyForm(forms.Form):
    source = forms.ModelChoiceField(label=_("Sao chép từ đợt"), queryset=Round.objects.all())
    code = forms.SlugField(label=_("Mã đợt mới"), max_length=64, required=False,
                           help_text=_("Để trống: mã của đợt cũ với các năm lùi sau."))
    title = forms.CharField(label=_("Tên đợt mới"), max_length=400, required=False,
                            help_text=_("Để trống: tên của đợt cũ với các năm lùi sau."))
    years = forms.IntegerField(label=_("Lùi sau bao nhiêu năm"), min_value=1, max_value=10,
                               initial=1)


class ReturnForm(forms.Form):
    comment = forms.CharField(label=_("Ý kiến chung"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    cell_comments = forms.CharField(required=False, widget=forms.HiddenInput)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_cell_comments(self) -> list[dict[str, Any]]:
        text = self.cleaned_data["cell_comments"].strip()
        if not text:
            return []
        try:
            items = json.loads(text)
        except ValueError:
            items = None
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise forms.ValidationError(_("Ý kiến theo ô không đọc được: hãy tải lại trang."))
        return items

    def clean(self) -> dict[str, Any]:
        """Per-section comments (``section_comment_<key>``) join the per-cell ones."""
        data = cast(dict[str, Any], super().clean())
        sections = [{"section": name.removeprefix("section_comment_"),
                     "text": clean_text(str(value)).strip()}
                    for name, value in self.data.items()
                    if name.startswith("section_comment_") and str(value).strip()]
        data["cell_comments"] = list(data.get("cell_comments") or []) + sections
        return data


class ActionForm(forms.Form):
    comment = forms.CharField(label=_("Ý kiến"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Biểu đã điền (.xlsx)"), validators=[upload_size_validator])


class ProposalForm(forms.Form):
    """A line of Phụ lục III: a task or project the unit proposes for the action programme."""

    kind = forms.ChoiceField(label=_("Loại"), choices=ProposalKind.choices,
                             initial=ProposalKind.TASK)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))
    lead_unit = UnitField(label=_("Chủ trì"), required=False)
    coordinating_units = UnitsField(label=_("Phối hợp"), required=False,
                                    groups=("communes", "departments"))
    period = forms.CharField(label=_("Thời gian"), required=False, max_length=16)
    product = forms.CharField(label=_("Sản phẩm"), required=False, max_length=400)
    cost = forms.CharField(label=_("Kinh phí (tỷ đồng)"), required=False, max_length=40)

    def clean_cost(self) -> Decimal | None:
        try:
            return parse_value(self.cleaned_data["cost"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc))

    @classmethod
    def initial_for(cls, item: Any) -> dict[str, Any]:
        return {"kind": item.kind, "text": item.text,
                "lead_unit": item.lead_unit if item.lead_unit_id else "",
                "coordinating_units": list(item.coordinating_units.all()),
                "lead_unit_name": item.lead_unit.name if item.lead_unit_id else "",
                "coordinating_names": ", ".join(u.name for u in item.coordinating_units.all()),
                "period": item.period, "product": item.product,
                "cost": format_number(item.cost)}


ProposalFormSet = forms.formset_factory(ProposalForm, extra=2, can_delete=True)


def proposal_formset(submission: Submission, data: Any = None) -> Any:
    """The Phụ lục III lines of a submission as a formset (bound to ``data`` when given)."""
    items = submission.proposals.select_related("lead_unit").prefetch_related(
        "coordinating_units")
    return ProposalFormSet(data, prefix="pr",
                           initial=[ProposalForm.initial_for(i) for i in items])


class SectionsForm(forms.Form):
    """The round's text sections: a tick, a title, a length guide and guidance per section of
    the short list, in the list's order (the order of the report)."""

    def __init__(self, *args: Any, round: Round, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {s.key: s for s in round.sections.all()}
        for key, label in SectionKey.choices:
            section = current.get(key)
            self.fields[f"use_{key}"] = forms.BooleanField(
                label=label, required=False, initial=section is not None)
            self.fields[f"title_{key}"] = forms.CharField(
                label=_("Tên mục"), max_length=200, required=False,
                initial=section.title if section else label)
            self.fields[f"max_words_{key}"] = forms.IntegerField(
                label=_("Số từ khuyến nghị"), min_value=1, max_value=20_000, required=False,
                initial=section.max_words if section else None)
            self.fields[f"guidance_{key}"] = forms.CharField(
                label=_("Hướng dẫn viết"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
                initial=section.guidance if section else "")

    def rows(self) -> list[dict[str, Any]]:
        return [{"key": key, "label": label, "use": self[f"use_{key}"],
                 "title": self[f"title_{key}"], "max_words": self[f"max_words_{key}"],
                 "guidance": self[f"guidance_{key}"]} for key, label in SectionKey.choices]

    def chosen(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        return [{"key": key, "title": data[f"title_{key}"], "max_words": data[f"max_words_{key}"],
                 "guidance": data[f"guidance_{key}"]}
                for key in SectionKey.values if data.get(f"use_{key}")]


class TextsUploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp Word (.docx)"), validators=[upload_size_validator])
    fallback = forms.ChoiceField(
        label=_("Nếu không nhận ra đề mục, đưa văn bản vào mục"), required=False)

    def __init__(self, *args: Any, sections: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["fallback"])
        field.choices = [("", _("— chọn mục —"))] + [(s.key, s.title) for s in sections]
