"""Pages of the written part: the sections on the form page (autosave, .docx, return with a
section comment) and the planning office's compilation, for every member of the cast."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document

from kehoach.reporting import services
from kehoach.reporting.models import (
    Comment,
    CompiledPassage,
    RoundSection,
    SubmissionText,
)
from kehoach.reporting.tests.conftest import full_changes
from kehoach.reporting.tests.test_texts import SECTIONS, docx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(round_, planner):
    return {
        s.key: s
        for s in services.round_sections_set(round=round_, sections=SECTIONS, actor=planner)
    }


def post_texts(client, sub, changes):
    return client.post(
        f"/bao-cao/bieu/{sub.pk}/phan-viet/",
        json.dumps({"changes": changes}),
        content_type="application/json",
    )


def test_form_page_shows_sections(sections, sub_a, reporter_a_client, leader_client):
    page = reporter_a_client.get(f"/bao-cao/bieu/{sub_a.pk}/").content.decode()
    assert 'id="texts"' in page and 'name="text_shortcomings"' in page and "texts/main.js" in page
    assert "khoảng 300 từ" in page
    page = leader_client.get(f"/bao-cao/bieu/{sub_a.pk}/").content.decode()
    assert 'id="texts"' in page and '<textarea class="text-input"' not in page


def test_autosave_versions_conflict_and_bad_input(sections, sub_a, reporter_a_client):
    response = post_texts(
        reporter_a_client,
        sub_a,
        [{"section": "shortcomings", "text": "Một hai ba bốn năm sáu.", "version": 0}],
    )
    assert response.status_code == 200
    entry = next(e for e in response.json()["sections"] if e["section"] == "shortcomings")
    assert entry["version"] == 1 and entry["over"] is True and entry["words"] == 6
    stale = post_texts(
        reporter_a_client, sub_a, [{"section": "shortcomings", "text": "Bản khác", "version": 0}]
    )
    assert stale.status_code == 409
    assert stale.json()["problems"][0]["current_text"] == "Một hai ba bốn năm sáu."
    for body in (
        [{"section": "shortcomings", "text": "x"}],
        [],
        "nope",
        [{"section": "shortcomings", "text": "x", "version": True}],
    ):
        response = reporter_a_client.post(
            f"/bao-cao/bieu/{sub_a.pk}/phan-viet/",
            json.dumps({"changes": body}),
            content_type="application/json",
        )
        assert response.status_code == 400
    assert (
        post_texts(
            reporter_a_client, sub_a, [{"section": "poems", "text": "x", "version": 0}]
        ).status_code
        == 400
    )
    assert SubmissionText.objects.get(submission=sub_a).text == "Một hai ba bốn năm sáu."
    page = reporter_a_client.get(f"/bao-cao/bieu/{sub_a.pk}/").content.decode()
    assert "Phần viết “Tồn tại, hạn chế”: 0 → 6 từ" in page


def test_autosave_access(sections, sub_a, reporter_b_client, leader_client, anon_client):
    change = [{"section": "results", "text": "x", "version": 0}]
    assert post_texts(reporter_b_client, sub_a, change).status_code == 404
    assert post_texts(leader_client, sub_a, change).status_code == 403
    assert post_texts(anon_client, sub_a, change).status_code == 302
    assert not SubmissionText.objects.exists()


def test_docx_upload_page(sections, sub_a, reporter_a_client):
    data = docx_bytes([("p", "Không có đề mục nào ở đây.")])
    url = f"/bao-cao/bieu/{sub_a.pk}/phan-viet/word/"
    response = reporter_a_client.post(url, {"file": io.BytesIO(data)}, follow=True)
    assert "Không nhận ra đề mục" in response.content.decode()
    assert not SubmissionText.objects.exists()
    upload = io.BytesIO(data)
    upload.name = "bao-cao.docx"
    response = reporter_a_client.post(url, {"file": upload, "fallback": "causes"}, follow=True)
    assert "toàn bộ văn bản đã đưa vào mục" in response.content.decode()
    assert SubmissionText.objects.get(submission=sub_a).section.key == "causes"


def test_return_with_section_comment(sections, sub_a, reporter_a, planner_client):
    services.cell_save(submission=sub_a, changes=full_changes(sub_a), actor=reporter_a)
    services.submission_texts_save(
        submission=sub_a,
        actor=reporter_a,
        changes=[{"section": "shortcomings", "text": "Chưa rõ."}],
    )
    services.submission_submit(submission=sub_a, actor=reporter_a)
    sub_a.refresh_from_db()
    page = planner_client.get(f"/bao-cao/bieu/{sub_a.pk}/").content.decode()
    assert 'name="section_comment_shortcomings"' in page
    response = planner_client.post(
        f"/bao-cao/bieu/{sub_a.pk}/tra-lai/",
        {
            "version": sub_a.version,
            "comment": "",
            "section_comment_shortcomings": "Nêu rõ\x0b nguyên nhân.",
        },
    )
    assert response.status_code == 302
    comment = Comment.objects.get(submission=sub_a)
    assert comment.section.key == "shortcomings" and comment.text == "Nêu rõ nguyên nhân."


# --- the office's pages ---------------------------------------------------------------------


def test_sections_page(round_, planner_client, reporter_a_client, leader_client):
    url = f"/bao-cao/{round_.code}/muc-viet/"
    assert reporter_a_client.get(url).status_code == 403
    assert leader_client.get(url).status_code == 403
    assert planner_client.get(url).status_code == 200
    response = planner_client.post(
        url, {"use_results": "on", "title_results": "Kết quả 6 tháng", "max_words_results": "-5"}
    )
    assert response.status_code == 400 and not RoundSection.objects.exists()
    response = planner_client.post(
        url,
        {
            "use_results": "on",
            "title_results": "Kết quả 6 tháng",
            "max_words_results": "500",
            "use_solutions": "on",
        },
    )
    assert response.status_code == 302
    assert list(round_.sections.values_list("key", "title", "max_words")) == [
        ("results", "Kết quả 6 tháng", 500),
        ("solutions", "Nhiệm vụ, giải pháp", None),
    ]


def test_compile_pages_access(
    round_, sections, planner_client, reporter_a_client, leader_client, anon_client
):
    for url in (
        f"/bao-cao/{round_.code}/tong-hop/",
        f"/bao-cao/{round_.code}/tong-hop/shortcomings/",
        f"/bao-cao/{round_.code}/tong-hop/phan-viet.docx",
    ):
        assert anon_client.get(url).status_code == 302
        assert reporter_a_client.get(url).status_code == 403
        assert leader_client.get(url).status_code == 200
        assert planner_client.get(url).status_code == 200
    assert planner_client.get(f"/bao-cao/{round_.code}/tong-hop/lessons/").status_code == 404
    assert (
        leader_client.post(
            f"/bao-cao/{round_.code}/tong-hop/shortcomings/chon/", {"pick": "1:0"}
        ).status_code
        == 403
    )


def test_compile_pick_and_save(
    round_, sections, sub_a, sub_b, reporter_a, reporter_b, planner_client, unit_a, unit_b
):
    a = services.submission_texts_save(
        submission=sub_a,
        actor=reporter_a,
        changes=[{"section": "shortcomings", "text": "Giải ngân chậm.\n- Thiếu vốn."}],
    )[0]
    b = services.submission_texts_save(
        submission=sub_b,
        actor=reporter_b,
        changes=[{"section": "shortcomings", "text": "Thiếu nhân lực."}],
    )[0]
    base = f"/bao-cao/{round_.code}/tong-hop/shortcomings/"
    page = planner_client.get(base).content.decode()
    assert f'value="{a.pk}:1"' in page and unit_b.name in page
    assert planner_client.post(base + "chon/", {"version": 0}).status_code == 400
    assert planner_client.post(base + "chon/", {"pick": ["x"], "version": 0}).status_code == 400
    response = planner_client.post(
        base + "chon/", {"pick": [f"{a.pk}:0", f"{b.pk}:0"], "merge": "1", "version": 0}
    )
    assert response.status_code == 302
    passage = CompiledPassage.objects.get()
    assert passage.text == "Giải ngân chậm.\nThiếu nhân lực."
    assert {u.code for u in passage.sources.all()} == {unit_a.code, unit_b.code}
    stale = planner_client.post(
        base + "luu/", {"version": 0, "text": ["x"], "sources": [""], "order": ["1"]}
    )
    assert stale.status_code == 409
    bad = planner_client.post(
        base + "luu/", {"version": 1, "text": ["x"], "sources": ["NOPE"], "order": ["1"]}
    )
    assert bad.status_code == 400
    response = planner_client.post(
        base + "luu/",
        {
            "version": 1,
            "text": ["Giải ngân chậm; thiếu nhân lực.", "Do mưa lũ."],
            "sources": [f"{unit_a.code},{unit_b.code}", ""],
            "order": ["2", "1"],
        },
    )
    assert response.status_code == 302
    assert list(CompiledPassage.objects.values_list("text", flat=True)) == [
        "Do mưa lũ.",
        "Giải ngân chậm; thiếu nhân lực.",
    ]
    docx = planner_client.get(f"/bao-cao/{round_.code}/tong-hop/phan-viet.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "TỒN TẠI, HẠN CHẾ" in text and "Thiếu nhân lực." in text and unit_a.name in text
    assert "Do mưa lũ." in text and "Chưa viết" in text


def test_autosave_refused_after_acceptance_and_in_a_closed_round(
        round_, sections, sub_a, reporter_a, planner, reporter_a_client):
    services.cell_save(submission=sub_a, changes=full_changes(sub_a), actor=reporter_a)
    services.submission_submit(submission=sub_a, actor=reporter_a)
    services.submission_accept(submission=sub_a, actor=planner)
    response = post_texts(reporter_a_client, sub_a, [
        {"section": "results", "text": "Sửa muộn", "version": 0}])
    assert response.status_code == 400 and "không sửa được" in response.json()["message"]
    page = reporter_a_client.get(f"/bao-cao/bieu/{sub_a.pk}/").content.decode()
    assert 'class="text-input"' not in page and "Chưa viết." in page
    services.submission_reopen(submission=sub_a, actor=planner, comment="Bổ sung phần viết.")
    services.round_close(round=round_, actor=planner)
    response = post_texts(reporter_a_client, sub_a, [
        {"section": "results", "text": "Sửa khi đợt đã kết thúc", "version": 0}])
    assert response.status_code == 400 and "không mở" in response.json()["message"]
    assert not SubmissionText.objects.exists()
