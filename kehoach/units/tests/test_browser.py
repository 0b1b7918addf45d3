"""The unit tree in a real browser: search, the "as of" switch, lazy expansion with htmx."""

from __future__ import annotations

import datetime as dt

import pytest

from kehoach.core.tests.browser import login, screenshot
from kehoach.units.services import succession_set, unit_create


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_tree_expands_lazily_and_switches_date(page, live_server, leader):
    old = unit_create(code="06-cu", gso_code="06", name="Tỉnh Bắc Kạn", type="province",
                      valid_to=dt.date(2025, 6, 30))
    unit_create(code="058-cu", name="Thành phố Bắc Kạn", type="district", parent=old,
                valid_to=dt.date(2025, 6, 30))
    new = unit_create(code="19", gso_code="19", name="Tỉnh Thái Nguyên", type="province",
                      valid_from=dt.date(2025, 7, 1))
    succession_set(predecessor=old, successor=new, effective=dt.date(2025, 7, 1))
    login(page, live_server, leader.username)
    page.goto(f"{live_server.url}/don-vi/?on=2025-07-01")
    assert "Tỉnh Bắc Kạn" not in page.locator("#unit-tree").inner_text()
    page.click("text=Trước 1/7/2025")
    page.wait_for_load_state("networkidle")
    tree = page.locator("#unit-tree")
    assert "Tỉnh Bắc Kạn" in tree.inner_text()
    assert "Thành phố Bắc Kạn" not in tree.inner_text()
    page.locator("#unit-tree summary").filter(has_text="Tỉnh Bắc Kạn").first.click(position={"x": 4, "y": 8})
    page.wait_for_selector("text=Thành phố Bắc Kạn")
    screenshot(page, "units-tree-before-reform")
    page.fill("input[name=q]", "bac kan")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "2 kết quả" in page.content()
