"""The written part in a real browser: a department writes its sections (autosaved), sends the
form; the office returns one section with a comment; the department corrects and sends again;
the office compiles the province's section II (tồn tại, hạn chế) from three departments."""

from __future__ import annotations

import pytest

from kehoach.core.tests.browser import login, screenshot
from kehoach.core.tests.factories import UnitFactory, UserFactory
from kehoach.reporting import selectors, services
from kehoach.reporting.models import Comment, SubmissionText
from kehoach.reporting.tests.conftest import full_changes

SECTIONS = [
    {"key": "results", "max_words": 200},
    {"key": "shortcomings", "max_words": 12},
    {"key": "solutions"},
]


@pytest.fixture
def three(round_, planner, pl1, province, sub_a, sub_b, reporter_a, reporter_b):
    unit_c = UnitFactory(code="SO-C", name="Sở C", type="department", parent=province)
    reporter_c = UserFactory(username="bao-cao-c", role="reporter", unit=unit_c)
    services.round_assign(round=round_, units=[unit_c], templates=[pl1], actor=planner)
    sub_c = round_.submissions.get(unit=unit_c)
    services.round_sections_set(round=round_, sections=SECTIONS, actor=planner)
    for sub, user, text in (
        (sub_b, reporter_b, "Thiếu nhân lực y tế cơ sở."),
        (sub_c, reporter_c, "Ô nhiễm môi trường tại khu khai thác khoáng sản."),
    ):
        services.cell_save(submission=sub, changes=full_changes(sub), actor=user)
        services.submission_texts_save(
            submission=sub, actor=user, changes=[{"section": "shortcomings", "text": text}]
        )
        services.submission_submit(submission=sub, actor=user)
    services.cell_save(submission=sub_a, changes=full_changes(sub_a), actor=reporter_a)
    return sub_a


def _type(page, key: str, text: str) -> None:
    page.fill(f"#input-{key}", text)
    page.wait_for_function(
        "() => document.getElementById('texts-state').textContent.includes('Đã lưu')"
    )


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_write_return_correct_compile(
    page, live_server, three, reporter_a, planner, round_, unit_a
):
    sub = three
    login(page, live_server, reporter_a.username)
    page.goto(f"{live_server.url}/bao-cao/bieu/{sub.pk}/")
    page.wait_for_function("() => document.getElementById('texts').dataset.ready === '1'")
    # pasted from Word: a Symbol-font bullet, a no-break space, a vertical tab
    _type(page, "results", "Tăng trưởng\u00a0khá.\n\uf0b7\tThu ngân sách vượt dự toán.\x0b")
    _type(
        page,
        "shortcomings",
        "Giải ngân vốn đầu tư công còn chậm ở nhiều dự án trọng điểm "
        "của tỉnh trong những tháng đầu năm.",
    )
    assert page.locator("#text-shortcomings .over-warning").is_visible()  # a warning only
    assert page.input_value("#input-results") == "Tăng trưởng khá.\n- Thu ngân sách vượt dự toán."
    screenshot(page, "texts-written")
    saved = dict(SubmissionText.objects.filter(submission=sub).values_list("section__key", "text"))
    assert saved["results"] == "Tăng trưởng khá.\n- Thu ngân sách vượt dự toán."
    with page.expect_navigation():
        page.click("#btn-submit")
    sub.refresh_from_db()
    assert sub.status == "submitted"

    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/bao-cao/bieu/{sub.pk}/")
    page.fill("#section-comment-shortcomings", "Nêu rõ dự án nào chậm và vì sao.")
    with page.expect_navigation():
        page.click("#btn-return")
    assert Comment.objects.get(submission=sub, section__key="shortcomings").text.startswith("Nêu")

    login(page, live_server, reporter_a.username)
    page.goto(f"{live_server.url}/bao-cao/bieu/{sub.pk}/")
    assert "Nêu rõ dự án nào chậm" in page.locator("#text-shortcomings").inner_text()
    page.wait_for_function("() => document.getElementById('texts').dataset.ready === '1'")
    _type(page, "shortcomings", "Dự án đường vành đai V chậm giải phóng mặt bằng.")
    with page.expect_navigation():
        page.click("#btn-submit")
    sub.refresh_from_db()
    assert sub.status == "submitted"

    login(page, live_server, planner.username)
    page.goto(f"{live_server.url}/bao-cao/{round_.code}/tong-hop/shortcomings/")
    assert page.locator(".unit-text").count() == 3
    for box in page.locator("input[name=pick]").all():
        box.check()
    with page.expect_navigation():
        page.click("#btn-merge")
    page.fill(
        "#passage-1 textarea",
        "Giải ngân chậm (dự án đường vành đai V); thiếu nhân lực "
        "y tế cơ sở; ô nhiễm môi trường tại khu khai thác khoáng sản.",
    )
    with page.expect_navigation():
        page.click("#btn-save-draft")
    screenshot(page, "texts-compiled")
    part = selectors.round_compiled_sections(round=round_)["shortcomings"]
    assert part["report_part"] == "II"
    assert [p["text"] for p in part["paragraphs"]] == [
        "Giải ngân chậm (dự án đường vành đai V); thiếu nhân lực y tế cơ sở; ô nhiễm môi "
        "trường tại khu khai thác khoáng sản."
    ]
    assert {s["code"] for s in part["paragraphs"][0]["sources"]} == {"SO-A", "SO-B", "SO-C"}
