"""Printing the values table on A4 landscape with readable columns: short values (period, kind,
numbers, STT) never break, the unit's name and the date keep a usable width (checked in
Chromium's print rendering and in its PDF)."""

from __future__ import annotations

import subprocess
from decimal import Decimal

import pytest

from kehoach.core.tests.browser import ARTIFACTS, login
from kehoach.core.tests.factories import IndicatorFactory, ValueFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_values_print_landscape_with_columns_that_do_not_break(page, live_server, planner,
                                                               province):
    indicator = IndicatorFactory(code="BEDS_PER_10K", name_vi="Số giường bệnh trên 10.000 dân",
                                 unit="giường/vạn dân")
    for year in (2022, 2023, 2024):
        ValueFactory(indicator=indicator, unit=province, period=str(year), year=year,
                     end_year=year, kind="estimate", value=Decimal("12345.5"),
                     note="Số liệu minh họa, không phải số công bố")
    login(page, live_server, planner.username)
    page.set_viewport_size({"width": 1100, "height": 800})
    page.goto(f"{live_server.url}/so-lieu/")
    page.emulate_media(media="print")
    styles = page.evaluate("""() => {
        const cell = (sel) => document.querySelector(sel);
        const ws = (sel) => getComputedStyle(cell(sel)).whiteSpace;
        return {period: ws('td.nw'), value: ws('td.num'),
                unitWidth: cell('td.unit-col').getBoundingClientRect().width};
    }""")
    assert styles["period"] == "nowrap" and styles["value"] == "nowrap"
    assert styles["unitWidth"] >= 120
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "print-values.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    assert "841.92 x 594.96" in info.stdout  # A4 landscape, in points
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "12.345,5" in text and "Ước thực hiện" in text  # neither broken over two lines


def test_printout_follows_the_language_the_person_chose(page, live_server, planner, province):
    """A printout is the page: in English for whom chose English (headings, numbers, dates
    "6 Dec 2026"), in Vietnamese otherwise — whatever the browser's language."""
    from django.utils import timezone

    indicator = IndicatorFactory(code="GRDP_X", name_vi="Tăng trưởng GRDP", unit="%")
    ValueFactory(indicator=indicator, unit=province, value=Decimal("12345.5"))
    planner.language = "en"
    planner.save(update_fields=["language"])
    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/so-lieu/")
    ARTIFACTS.mkdir(exist_ok=True)
    pdf = ARTIFACTS / "print-values-en.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    today = timezone.localdate()
    assert "Values" in text and "12,345.5" in text
    assert f"{today.day} {today:%b} {today.year}" in text
    assert today.strftime("%d/%m/%Y") not in text and "12.345,5" not in text
