"""Texts that read right: "đạt 0,699" is "reach 0.699" in English, never the status "met"; a
target of an indicator without a unit (HDI) shows no empty "()"."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from django.utils import translation

from kehoach.plans.models import Comparator, TargetType
from kehoach.plans.wording import target_wording


def _hdi_target(**overrides):
    indicator = SimpleNamespace(unit="", direction="up", name="Chỉ số phát triển con người (HDI)")
    data = {"wording": "", "indicator": indicator, "value": Decimal("0.699"), "value_max": None,
            "comparator": Comparator.EXACTLY, "target_type": TargetType.LEVEL, "period": "2025"}
    data.update(overrides)
    return SimpleNamespace(**data)


def test_the_comparator_is_not_the_evaluation_status():
    with translation.override("en"):
        status_met = translation.gettext("đạt")  # the evaluation's status: "met"
        assert str(Comparator.EXACTLY.label) != status_met
        assert str(Comparator.EXACTLY.label).lower() != "met"


def test_hdi_target_reads_reach_without_empty_unit():
    with translation.override("en"):
        assert target_wording(_hdi_target()) == "reach 0.699"
    with translation.override("vi"):
        wording = target_wording(_hdi_target())
        assert wording == "đạt 0,699" and "()" not in wording
