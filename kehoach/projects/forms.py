"""Forms of the project pages."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kehoach.core.exchange.numbers import parse_number
from kehoach.plans.models import Plan
from kehoach.projects.models import FundingSource, ProjectGroup, ProjectStatus
from kehoach.units.picker import UnitField


def amount_field(label: Any, required: bool = True) -> forms.CharField:
    return forms.CharField(label=label, max_length=40, required=required,
                           help_text=_("tỷ đồng; viết 1.234,5 hoặc 1234.5"))


def clean_amount(text: str) -> Decimal | None:
    if not (text or "").strip():
        return None
    try:
        return parse_number(text, locale="vi")
    except ValueError as exc:
        raise forms.ValidationError(str(exc))


class ProjectForm(forms.Form):
    plan = forms.ModelChoiceField(label=_("Kế hoạch"), queryset=Plan.objects.order_by("-start_year"),
                                  to_field_name="code")
    number = forms.CharField(label=_("STT"), max_length=16, required=False)
    name = forms.CharField(label=_("Tên dự án"), max_length=500)
    sector = forms.CharField(label=_("Lĩnh vực"), max_length=120)
    location = UnitField(label=_("Địa điểm"), required=False)
    investor = forms.CharField(label=_("Chủ đầu tư"), max_length=255, required=False)
    investor_unit = UnitField(label=_("Đơn vị báo cáo giải ngân"), required=False)
    funding_source = forms.ChoiceField(label=_("Nguồn vốn"), choices=FundingSource.choices)
    group = forms.ChoiceField(label=_("Nhóm dự án"), required=False,
                              choices=[("", "—"), *ProjectGroup.choices])
    total_investment = amount_field(_("Tổng mức đầu tư (tỷ đồng)"), required=False)
    phase = forms.CharField(label=_("Giai đoạn"), max_length=9, help_text=_("Như 2021-2025"))
    status = forms.ChoiceField(label=_("Tình trạng"), choices=ProjectStatus.choices)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def clean_total_investment(self) -> Decimal | None:
        return clean_amount(self.cleaned_data["total_investment"])

    @classmethod
    def initial_for(cls, p: Any) -> dict[str, Any]:
        from kehoach.core.templatetags.kh import format_number

        return {"plan": p.plan.code, "number": p.number, "name": p.name, "sector": p.sector,
                "location": p.location, "investor": p.investor,
                "investor_unit": p.investor_unit,
                "funding_source": p.funding_source, "group": p.group,
                "total_investment": format_number(p.total_investment) if p.total_investment
                is not None else "", "phase": p.phase, "status": p.status, "note": p.note,
                "version": p.version}


class MoneyForm(forms.Form):
    """One amount: the year's capital plan (no month) or one month's disbursement."""

    year = forms.IntegerField(label=_("Năm"), min_value=1900, max_value=2200)
    month = forms.IntegerField(label=_("Tháng"), required=False)
    amount = amount_field(_("Số tiền (tỷ đồng)"))

    def clean_amount(self) -> Decimal | None:
        return clean_amount(self.cleaned_data["amount"])
