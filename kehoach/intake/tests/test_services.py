"""The review flow: store a session, suggestions, corrections, creating targets all or nothing."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError

from kehoach.core.models import AuditEntry
from kehoach.intake.matching import IndicatorMatcher
from kehoach.intake.models import ExtractedItem, Extraction
from kehoach.intake.scaling import scaling
from kehoach.intake.services import (
    extracted_item_update,
    extraction_create,
    extraction_create_targets,
    item_problems,
)
from kehoach.intake.tests.conftest import TEXT
from kehoach.plans.models import Target
from kehoach.testing.factories import TargetFactory

pytestmark = pytest.mark.django_db


def _items(extraction: Extraction) -> dict[str, ExtractedItem]:
    return {i.indicator_text.lower(): i for i in extraction.items.select_related("indicator")}


def test_extraction_stores_items_with_suggestions(planner, catalogue):
    extraction = extraction_create(actor=planner, text=TEXT, source_name="qh.txt")
    items = _items(extraction)
    assert len(items) == 5
    per_capita = items["grdp bình quân/người"]
    assert per_capita.suggestions[0]["code"] == "GRDP_PER_CAPITA"
    assert per_capita.indicator == catalogue["GRDP_PER_CAPITA"]  # chosen in advance
    assert per_capita.accepted and per_capita.final_value == Decimal("100")
    assert per_capita.final_comparator == "above" and per_capita.final_period == "2030"
    assert items["tổng vốn đầu tư toàn xã hội"].indicator.code == "SOCIAL_INVESTMENT"
    assert extraction.text[per_capita.value_start:per_capita.value_end] == \
        "trên 100 triệu đồng/người"
    assert AuditEntry.objects.filter(action="extraction_create", object_id=str(extraction.pk)).exists()


def test_suggestions_ignore_accents_and_word_order(catalogue):
    matcher = IndicatorMatcher(catalogue.values())
    assert matcher.suggest("grdp binh quan/nguoi")[0].code == "GRDP_PER_CAPITA"
    assert matcher.suggest("che phủ rừng (tỷ lệ)")[0].code == "FOREST_COVER"
    assert len(matcher.suggest("GRDP")) <= 3
    assert matcher.suggest("số con mèo trong làng") == []


def test_suggestions_use_name_ascii_too():
    indicator = SimpleNamespace(pk=1, code="X", name_vi="", name_ascii="ty le ho ngheo")
    assert IndicatorMatcher([indicator]).suggest("Tỷ lệ hộ nghèo")[0].code == "X"


def test_empty_text_is_refused_and_nothing_stored(planner):
    with pytest.raises(ValidationError) as err:
        extraction_create(actor=planner, text="  \n ")
    assert "rỗng" in str(err.value)
    assert Extraction.objects.count() == 0


def test_too_long_text_is_refused(planner, settings):
    settings.KEHOACH_MAX_UPLOAD_BYTES = 100
    with pytest.raises(ValidationError):
        extraction_create(actor=planner, text="Tỷ lệ che phủ rừng đạt 70%. " * 10)
    assert Extraction.objects.count() == 0


@pytest.mark.parametrize(("written", "target", "factor", "ok"), [
    ("nghìn tỷ đồng", "tỷ đồng", Decimal(1000), True),
    ("triệu lượt người", "lượt người", Decimal(10) ** 6, True),
    ("tỷ đồng", "triệu đồng", Decimal(1000), True),
    ("triệu đồng", "tỷ đồng", Decimal("0.001"), True),
    ("%/năm", "%", Decimal(1), True),
    ("%", "%", Decimal(1), True),
    ("giường", "%", Decimal(1), False),
])
def test_scaling(written, target, factor, ok):
    result = scaling(written, target)
    assert (result.factor, result.compatible) == (factor, ok)


def test_create_targets_as_reviewed(planner, catalogue, plan):
    extraction = extraction_create(actor=planner, text=TEXT)
    items = _items(extraction)
    growth = items["tốc độ tăng trưởng kinh tế (grdp) bình quân"]
    extracted_item_update(item=growth, actor=planner, indicator=catalogue["GRDP_GROWTH"],
                          final_value=Decimal("8"), final_comparator="at_least")
    extracted_item_update(item=items["tỷ lệ che phủ rừng"], actor=planner, accepted=False)
    extracted_item_update(item=items["tổng lượng khách du lịch"], actor=planner,
                          indicator=catalogue["TOURISTS"])
    targets = extraction_create_targets(extraction=extraction, actor=planner, plan=plan)
    assert len(targets) == 4
    got = {t.indicator.code: t for t in Target.objects.filter(plan=plan)}
    assert set(got) == {"GRDP_GROWTH", "GRDP_PER_CAPITA", "SOCIAL_INVESTMENT", "TOURISTS"}
    assert (got["GRDP_GROWTH"].comparator, got["GRDP_GROWTH"].value) == ("at_least", Decimal(8))
    assert got["GRDP_GROWTH"].period == "2021-2030"
    assert got["GRDP_GROWTH"].target_type == "average_growth"
    assert got["GRDP_GROWTH"].wording == ""  # corrected: the written phrase no longer applies
    investment = got["SOCIAL_INVESTMENT"]
    assert investment.value == Decimal(105000)  # 105 nghìn tỷ đồng in tỷ đồng
    assert investment.wording == "trên 105 nghìn tỷ đồng"
    assert investment.target_type == "cumulative" and investment.unit == plan.unit
    assert got["TOURISTS"].value == Decimal(3000000) and got["TOURISTS"].comparator == "about"
    assert got["GRDP_PER_CAPITA"].value == Decimal(100)
    extraction.refresh_from_db()
    assert extraction.plan == plan and extraction.completed_at is not None
    assert ExtractedItem.objects.filter(extraction=extraction, target__isnull=False).count() == 4
    with pytest.raises(ValidationError):
        extraction_create_targets(extraction=extraction, actor=planner, plan=plan)
    assert Target.objects.filter(plan=plan).count() == 4


def test_create_targets_all_or_nothing(planner, catalogue, plan):
    TargetFactory(plan=plan, indicator=catalogue["FOREST_COVER"], unit=plan.unit, period="2030",
                  start_year=2030, end_year=2030)
    extraction = extraction_create(actor=planner, text=TEXT)
    items = _items(extraction)
    tourists = items["tổng lượng khách du lịch"]
    extracted_item_update(item=tourists, actor=planner, indicator=None)
    per_capita = items["grdp bình quân/người"]
    extracted_item_update(item=per_capita, actor=planner, final_period="2035")
    with pytest.raises(ValidationError) as err:
        extraction_create_targets(extraction=extraction, actor=planner, plan=plan)
    problems = item_problems(err.value)
    forest = items["tỷ lệ che phủ rừng"]
    assert set(problems) == {tourists.pk, per_capita.pk, forest.pk}
    assert "Chưa chọn chỉ tiêu" in problems[tourists.pk][0]
    assert "ngoài các năm" in problems[per_capita.pk][0]
    assert "đã có chỉ tiêu này" in problems[forest.pk][0]
    assert Target.objects.filter(plan=plan).count() == 1  # only the one made before
    assert ExtractedItem.objects.filter(target__isnull=False).count() == 0
    extraction.refresh_from_db()
    assert extraction.completed_at is None


def test_nothing_chosen_is_refused(planner, catalogue, plan):
    extraction = extraction_create(actor=planner, text=TEXT)
    extraction.items.update(accepted=False)
    with pytest.raises(ValidationError, match="Chưa chọn mục nào"):
        extraction_create_targets(extraction=extraction, actor=planner, plan=plan)
    assert Target.objects.count() == 0


def test_item_update_checks_period_and_range(planner, catalogue):
    extraction = extraction_create(actor=planner, text=TEXT)
    item = extraction.items.first()
    with pytest.raises(ValidationError) as err:
        extracted_item_update(item=item, actor=planner, final_period="2030-Q1")
    assert "final_period" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        extracted_item_update(item=item, actor=planner, final_comparator="between",
                              final_value=Decimal(9), final_value_max=Decimal(8))
    assert "final_value_max" in err.value.message_dict
    item.refresh_from_db()
    assert item.final_comparator == "above" and item.final_period == "2021-2030"
    extracted_item_update(item=item, actor=planner, final_comparator="between",
                          final_value=Decimal(7), final_value_max=Decimal(8),
                          final_period=" 2021 - 2030 ")
    item.refresh_from_db()
    assert (item.final_value, item.final_value_max, item.final_period) == (7, 8, "2021-2030")
    extracted_item_update(item=item, actor=planner, final_comparator="above")
    item.refresh_from_db()
    assert item.final_value_max is None
