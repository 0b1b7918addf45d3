"""The reporting workflow in a real browser: a reporter fills the grid with the keyboard and a
pasted block, meets an error on a bad cell, fixes it and submits; the planning office returns it
with comments; the reporter answers and resubmits; the office accepts; the completeness page no
longer lists the unit as late."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from kehoach.core.tests.browser import login, screenshot
from kehoach.reporting import services
from kehoach.reporting.models import Cell, Comment
from kehoach.reporting.tests.conftest import row

PASTE = """(text) => {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  document.activeElement.dispatchEvent(new ClipboardEvent('paste', {
    clipboardData: data, bubbles: true, cancelable: true}));
}"""
SAVED = "() => document.getElementById('save-state').textContent === 'Đã lưu'"


@pytest.fixture
def open_round(planner, pl1, unit_a, unit_b, last_year_values):
    today = timezone.localdate()
    round = services.round_create(
        actor=planner, code="kh-2026", title="Xây dựng kế hoạch năm 2026", kind="annual_plan",
        legal_number="1937/SKHĐT-THQH", legal_date=today - dt.timedelta(days=20),
        legal_issuer="Sở Kế hoạch và Đầu tư", base_year=2025, period_start=2026,
        period_end=2026,
        milestones=[{"name": "Các đơn vị gửi báo cáo", "date": today + dt.timedelta(days=7),
                     "actor": "units"}])
    services.round_assign(round=round, units=[unit_a], templates=[pl1], actor=planner)
    services.round_assign(round=round, units=[unit_b], templates=[pl1], actor=planner,
                          deadline=today - dt.timedelta(days=3))
    services.round_open(round=round, actor=planner)
    return round


def cell(page, submission, code, key):
    return page.locator(f'#grid tr[data-row="{row(submission, code).pk}"] td[data-k="{key}"]')


def type_into(page, target, text, then="Enter"):
    target.click()
    page.keyboard.type(text)
    page.keyboard.press(then)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_fill_return_resubmit_accept(page, live_server, open_round, reporter_a, planner):
    sub = open_round.submissions.get(unit__code="SO-A")
    url = f"{live_server.url}/bao-cao/bieu/{sub.pk}/"
    login(page, live_server, reporter_a.username)
    page.goto(url)

    # keyboard: type replaces, Tab moves right, Enter moves down
    type_into(page, cell(page, sub, "GRDP_GROWTH", "UTH_Y"), "7,5", then="Tab")
    page.keyboard.type("8")
    page.keyboard.press("Enter")
    assert "active" in cell(page, sub, "GRDP_CUR", "KH_NEXT").get_attribute("class")
    page.keyboard.type("2.200")
    page.keyboard.press("ArrowLeft")  # typing mode: the arrow commits and moves
    page.keyboard.type("2.000")
    page.keyboard.press("Enter")
    # the computed column follows as you type: 2.000 / KH 2025 1.950 × 100
    assert cell(page, sub, "GRDP_CUR", "UTH_KH").inner_text() == "102,6"

    # a block copied from a spreadsheet: the economic structure, two columns
    cell(page, sub, "SHARE_AGRI", "UTH_Y").click()
    page.evaluate(PASTE, "30\t29\n30\t31\n35\t35\n5\t5\n")
    assert cell(page, sub, "SHARE_TAX", "KH_NEXT").inner_text() == "5"
    for code, (uth, kh) in {"BUDGET_REVENUE": ("1.000", "1.100"), "POVERTY_RATE": ("12,5", "10"),
                            "POPULATION": ("abc", "322")}.items():
        type_into(page, cell(page, sub, code, "UTH_Y"), uth, then="Tab")
        page.keyboard.type(kh)
        page.keyboard.press("Enter")

    # the bad cell: red, a tooltip, listed under the grid, never sent
    bad = cell(page, sub, "POPULATION", "UTH_Y")
    assert "s-invalid" in bad.get_attribute("class")
    assert "“abc” không phải là số" in bad.get_attribute("title")
    assert "“abc” không phải là số" in page.locator("#cell-problems").inner_text()
    page.wait_for_function("() => !document.querySelector('#grid td.s-dirty, #grid td.s-saving')")
    assert "1 ô nhập sai" in page.locator("#save-state").inner_text()
    assert 'TH 2024: 1.900' in cell(page, sub, "GRDP_CUR", "UTH_Y").get_attribute("title")
    screenshot(page, "reporting-grid")

    type_into(page, bad, "320")
    assert "s-invalid" not in bad.get_attribute("class")
    page.wait_for_function(SAVED)
    assert page.locator("#cell-problems").is_hidden()
    assert Cell.objects.get(submission=sub, row=row(sub, "POPULATION"),
                            column__key="UTH_Y").value == Decimal("320")
    assert Cell.objects.get(submission=sub, row=row(sub, "SHARE_INDUSTRY_CONSTR"),
                            column__key="KH_NEXT").value == Decimal("31")
    assert Cell.objects.get(submission=sub, row=row(sub, "GRDP_CUR"),
                            column__key="UTH_Y").value == Decimal("2000")

    page.click("#btn-check")
    page.wait_for_selector("#issues .ok-line")
    with page.expect_navigation():
        page.click("#btn-submit")
    assert "Đã gửi biểu cho cơ quan kế hoạch." in page.content()

    # the planning office returns it with an overall and a per-cell comment
    login(page, live_server, planner.username)
    page.goto(url)
    cell(page, sub, "POVERTY_RATE", "KH_NEXT").click()
    page.fill("#insp-review", "Giảm 2,5 điểm % trong một năm là quá nhanh, đề nghị xem lại")
    page.click("#insp-review-add")
    page.fill("#return-comment", "Đề nghị rà soát chỉ tiêu hộ nghèo")
    with page.expect_navigation():
        page.click("#btn-return")
    assert "Đã trả lại biểu cho đơn vị." in page.content()
    assert Comment.objects.filter(submission=sub, row=row(sub, "POVERTY_RATE"),
                                  column__key="KH_NEXT").exists()

    # the reporter sees the comments at the cell, fixes and resubmits
    login(page, live_server, reporter_a.username)
    page.goto(url)
    assert "Đề nghị rà soát chỉ tiêu hộ nghèo" in page.locator("#comments").inner_text()
    poverty = cell(page, sub, "POVERTY_RATE", "KH_NEXT")
    assert "has-comment" in poverty.get_attribute("class")
    assert "quá nhanh" in poverty.get_attribute("title")
    type_into(page, poverty, "11")
    poverty.click()
    page.fill("#insp-note", "Theo kế hoạch giảm nghèo bền vững của tỉnh")
    page.keyboard.press("Tab")  # the note is saved when the editor loses focus
    page.wait_for_function(SAVED)
    with page.expect_navigation():
        page.click("#btn-submit")
    assert "Đã gửi biểu cho cơ quan kế hoạch." in page.content()
    stored = Cell.objects.get(submission=sub, row=row(sub, "POVERTY_RATE"), column__key="KH_NEXT")
    assert stored.value == Decimal("11") and stored.note.startswith("Theo kế hoạch")

    # the office accepts
    login(page, live_server, planner.username)
    page.goto(url)
    with page.expect_navigation():
        page.click("#btn-accept")
    assert "Đã tiếp nhận biểu" in page.content()
    assert page.locator("#grid td.ed").count() == 0

    # completeness: A accepted on time, only B is late
    page.goto(f"{live_server.url}/bao-cao/{open_round.code}/tien-do/")
    a_row = page.locator('#completeness tr[data-unit="SO-A"]')
    assert "Đã tiếp nhận" in a_row.inner_text() and "is-late" not in (a_row.get_attribute("class") or "")
    page.wait_for_function("() => document.getElementById('status-chart').width > 0")
    screenshot(page, "reporting-completeness")
    page.check("input[name=late]")
    page.wait_for_load_state("networkidle")
    assert page.locator('#completeness tr[data-unit="SO-A"]').count() == 0
    assert page.locator('#completeness tr[data-unit="SO-B"]').count() == 1


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_conflict_is_shown_at_the_cell(page, live_server, open_round, reporter_a, planner):
    planner.first_name, planner.last_name = "Lan", "Nguyễn"
    planner.save()
    sub = open_round.submissions.get(unit__code="SO-A")
    login(page, live_server, reporter_a.username)
    page.goto(f"{live_server.url}/bao-cao/bieu/{sub.pk}/")
    # meanwhile the planning office types the same cell
    services.cell_save(submission=sub, changes=[{"row": row(sub, "POPULATION").pk,
                                                 "column": "UTH_Y", "value": "321"}],
                       actor=planner)
    type_into(page, cell(page, sub, "POPULATION", "UTH_Y"), "300", then="Tab")
    page.keyboard.type("322")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#grid td.s-conflict')")
    conflict = cell(page, sub, "POPULATION", "UTH_Y")
    message = "Ô này vừa được Lan Nguyễn sửa thành 321; tải lại để xem."
    assert message in conflict.get_attribute("title")
    assert message in page.locator("#cell-problems").inner_text()
    # the other cell of the batch is saved on its own; the conflicting one is not
    page.wait_for_function("() => !document.querySelector('#grid td.s-dirty, #grid td.s-saving')")
    assert "bị người khác sửa" in page.locator("#save-state").inner_text()
    assert Cell.objects.get(submission=sub, row=row(sub, "POPULATION"),
                            column__key="KH_NEXT").value == Decimal("322")
    assert Cell.objects.get(submission=sub, row=row(sub, "POPULATION"),
                            column__key="UTH_Y").value == Decimal("321")
