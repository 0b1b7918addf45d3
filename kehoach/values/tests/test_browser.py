"""In Chromium: the planning office enters a value typed the Vietnamese way, finds it in the list,
changes it with a reason and reads the change in the value's history."""

from __future__ import annotations

from decimal import Decimal

import pytest

from kehoach.core.tests.browser import login, screenshot
from kehoach.core.tests.factories import IndicatorFactory
from kehoach.values.models import Value, ValueRevision


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_enter_change_and_read_history(page, live_server, planner, unit_a, unit_b):
    population = IndicatorFactory(code="POP", name_vi="Dân số trung bình", unit="người")
    login(page, live_server, planner.username)

    page.goto(f"{live_server.url}/so-lieu/nhap/")
    page.select_option("#id_unit", str(unit_a.pk))
    page.select_option("#id_indicator", str(population.pk))
    page.fill("#id_period", "2024")
    page.select_option("#id_kind", "actual")
    page.fill("#id_value", "1.791.857,5")
    page.fill("#id_note", "Niên giám thống kê 2024")
    page.click("form.card button")
    page.wait_for_selector("text=Đã lưu số liệu mới.")
    value = Value.objects.get()
    assert (value.unit, value.indicator, value.period, value.value) == (
        unit_a, population, "2024", Decimal("1791857.5"))

    page.goto(f"{live_server.url}/so-lieu/")
    row = page.locator("table.data tbody tr", has_text="POP")
    assert row.locator("td.num").inner_text() == "1.791.857,5"
    assert "Sở A" in row.inner_text() and "Niên giám thống kê 2024" in row.inner_text()

    row.locator("a", has_text="POP").click()
    page.click("text=Sửa số liệu")
    assert page.input_value("#id_value") == "1.791.857,5"
    assert page.locator("#id_unit").is_disabled()
    page.fill("#id_value", "1.802.000")
    page.click("form.card button")  # a change needs a reason: the browser asks for it first
    assert page.locator("#id_comment").evaluate("field => field.validity.valueMissing")
    assert page.url.endswith(f"/so-lieu/{value.pk}/sua/")
    assert Value.objects.get().value == Decimal("1791857.5")
    page.fill("#id_comment", "Số liệu chính thức của Cục Thống kê")
    page.click("form.card button")
    page.wait_for_selector("text=Đã cập nhật số liệu.")

    update = page.locator("table.data tbody tr", has_text="Sửa")
    cells = update.locator("td.num")
    assert [cells.nth(0).inner_text(), cells.nth(1).inner_text()] == ["1.791.857,5", "1.802.000"]
    assert "Số liệu chính thức của Cục Thống kê" in update.inner_text()
    assert "1.802.000" in page.inner_text("dl.kv")
    screenshot(page, "values-history")

    value.refresh_from_db()
    assert value.value == Decimal("1802000")
    revision = ValueRevision.objects.get(action="update")
    assert (revision.old_value, revision.new_value, revision.changed_by, revision.comment) == (
        Decimal("1791857.5"), Decimal("1802000"), planner, "Số liệu chính thức của Cục Thống kê")
    assert ValueRevision.objects.count() == 2
