"""End to end: a visitor comments, the planning office publishes and answers, the visitor sees it."""

from __future__ import annotations

import pytest

from kehoach.consultation.models import Comment, Response
from kehoach.core.tests.browser import login, screenshot


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_comment_moderate_answer_round_trip(page, live_server, consultation, planner):
    detail = f"{live_server.url}/lay-y-kien/{consultation.slug}/"
    page.goto(detail)
    assert "I. ĐÁNH GIÁ" in page.inner_text("main")
    page.click("#muc-{} >> text=Góp ý mục này".format(consultation.sections.get(number="II").pk))
    page.fill("#id_author_name", "Nguyễn Thị Hoa")
    page.fill("#id_contact", "hoa@example.vn")
    page.fill("#id_text", "Đề nghị bổ sung chỉ tiêu nước sạch cho các xã vùng cao.")
    screenshot(page, "consultation-1-visitor-form")
    page.click("#gop-y button[type=submit]")
    page.wait_for_selector("text=Cảm ơn bạn đã góp ý")
    screenshot(page, "consultation-2-thanks")
    comment = Comment.objects.get()
    assert comment.section.number == "II" and comment.status == "pending"
    assert page.inner_text("#reference") == comment.reference
    follow = page.get_attribute("#follow-link", "href")
    assert follow.endswith(f"/lay-y-kien/y-kien/{comment.follow_token}/")
    assert "Tiếp theo" in page.inner_text("#tiep-theo")
    from django.core import mail

    assert [m.to for m in mail.outbox] == [["hoa@example.vn"]] and follow in mail.outbox[0].body
    page.goto(follow)
    assert "Chờ kiểm duyệt" in page.inner_text("#comment-status")
    assert "Chưa có trả lời" in page.inner_text("#answer")
    page.goto(detail)
    assert "nước sạch cho các xã" not in page.inner_text("main")

    office = page.context.browser.new_context(locale="vi-VN",
                                              viewport={"width": 1366, "height": 900})
    desk = office.new_page()
    login(desk, live_server, planner.username)
    desk.goto(f"{detail}kiem-duyet/")
    row = desk.locator(f"#y-kien-{comment.pk}")
    assert "hoa@example.vn" in row.inner_text()
    row.locator("button[value=publish]").click()
    desk.wait_for_selector(f"#y-kien-{comment.pk} >> text=Đã công khai")
    desk.select_option(f"#kind-{comment.pk}", "tiep_thu")
    desk.fill(f"#answer-{comment.pk}", "Tiếp thu, bổ sung chỉ tiêu nước sạch vào mục II.")
    desk.locator(f"#y-kien-{comment.pk} >> text=Ghi trả lời").click()
    desk.wait_for_selector(f"#y-kien-{comment.pk} >> text=Đã trả lời")
    screenshot(desk, "consultation-3-moderation")
    desk.goto(f"{detail}tong-hop/")
    desk.wait_for_function("() => document.querySelector('#kinds-chart').width > 0")
    screenshot(desk, "consultation-4-synthesis")
    office.close()
    assert Response.objects.get().kind == "tiep_thu"

    page.goto(detail)
    text = page.inner_text(f"#muc-{comment.section_id}")
    assert "nước sạch cho các xã vùng cao" in text and "Tiếp thu" in text
    assert "hoa@example.vn" not in page.content()
    screenshot(page, "consultation-5-visitor-sees-answer")
    page.goto(follow)  # the private link: status and answer of this comment only
    assert "Đã công khai" in page.inner_text("#comment-status")
    assert "Tiếp thu, bổ sung chỉ tiêu nước sạch" in page.inner_text("#answer")
    screenshot(page, "consultation-6-private-link")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_demo_draft_reads_well(page, live_server):
    import io

    from kehoach.consultation import demo
    from kehoach.core.models import Role
    from kehoach.testing.factories import PlanFactory, UnitFactory, UserFactory

    province = UnitFactory(code="19", name="Tỉnh Thái Nguyên", type="province")
    PlanFactory(code="KH-TN-2026-2030", unit=province, status="consultation", start_year=2026,
                end_year=2030, name="Kế hoạch phát triển kinh tế - xã hội 5 năm 2026-2030")
    UserFactory(username="kehoach", role=Role.PLANNING, unit=province)
    consultation = demo.load(stdout=io.StringIO())
    page.goto(f"{live_server.url}/lay-y-kien/")
    page.click(f"text={consultation.title}")
    page.wait_for_selector("text=III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU")
    assert "Tiếp thu" in page.inner_text("main")
    screenshot(page, "consultation-demo-draft")
