"""Dates in the language the person chose: 01/12/2026 in Vietnamese, 1 Dec 2026 in English (never
the machine's 2026-12-01), in pages, messages and the working exports that follow the interface."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from kehoach.core.templatetags.kh import vdate, vdatetime

DAY = dt.date(2026, 12, 1)
MOMENT = dt.datetime(2026, 12, 1, 14, 30)


def test_vietnamese_dates_are_day_month_year():
    with translation.override("vi"):
        assert vdate(DAY) == "01/12/2026"
        assert vdatetime(MOMENT) == "14:30 01/12/2026"


def test_english_dates_name_the_month():
    with translation.override("en"):
        assert vdate(DAY) == "1 Dec 2026"
        assert vdatetime(MOMENT) == "1 Dec 2026, 14:30"
        assert "2026-12-01" not in vdate(DAY) + vdatetime(MOMENT)


@pytest.mark.django_db
def test_a_page_shows_english_dates_to_whom_chose_english(planner, planner_client):
    from kehoach.consultation.tests.conftest import make_consultation

    consultation = make_consultation(actor=planner)
    closes = timezone.localtime(consultation.closes_at)
    planner.language = "en"
    planner.save(update_fields=["language"])
    body = planner_client.get(f"/lay-y-kien/{consultation.slug}/").content.decode()
    assert f"{closes.day} {closes:%b} {closes.year}" in body
    assert closes.strftime("%d/%m/%Y") not in body and closes.strftime("%Y-%m-%d") not in body
    planner.language = "vi"
    planner.save(update_fields=["language"])
    body = planner_client.get(f"/lay-y-kien/{consultation.slug}/").content.decode()
    assert closes.strftime("%d/%m/%Y") in body


@pytest.mark.django_db
def test_messages_with_dates_follow_the_language():
    from django.core.exceptions import ValidationError

    from kehoach.units.services import _check_range

    with translation.override("en"), pytest.raises(ValidationError) as exc:
        _check_range(dt.date(2026, 1, 2), dt.date(2026, 1, 1))
    assert "1 Jan 2026" in str(exc.value) and "2 Jan 2026" in str(exc.value)


def test_completeness_export_follows_the_language():
    from kehoach.reporting.exports import completeness_csv

    data = {"rows": [{"unit": "SO-A", "unit_name": "Sở A", "form": "PL1", "status": "submitted",
                      "submitted_at": timezone.make_aware(MOMENT), "deadline": DAY,
                      "filled_percent": 100, "late": False}]}
    with translation.override("en"):
        assert "1 Dec 2026" in completeness_csv(data)
    with translation.override("vi"):
        assert "01/12/2026" in completeness_csv(data)
