"""The written part through the API, for the whole cast: unit A's reporter cannot read or write
unit B's texts, the leader reads, anonymous visitors get nothing; conflicts and bad input."""

from __future__ import annotations

import io
import json

import pytest
from docx import Document

from kehoach.reporting import services
from kehoach.reporting.models import CompiledPassage, RoundSection, SubmissionText
from kehoach.reporting.tests.conftest import full_changes
from kehoach.reporting.tests.test_texts import SECTIONS, docx_bytes

pytestmark = pytest.mark.django_db


def put(client, url, data):
    return client.put(url, data=json.dumps(data), content_type="application/json")


@pytest.fixture
def sections(round_, planner):
    return {
        s.key: s
        for s in services.round_sections_set(round=round_, sections=SECTIONS, actor=planner)
    }


def test_read_and_write_by_role(
    sections,
    sub_a,
    sub_b,
    reporter_a_client,
    reporter_b_client,
    leader_client,
    planner_client,
    anon_client,
):
    url = f"/api/v1/submissions/{sub_a.pk}/texts/"
    change = [{"section": "results", "text": "Tăng trưởng 7,5%.", "version": 0}]
    assert anon_client.get(url).status_code in (401, 403)
    assert put(anon_client, url, change).status_code in (401, 403)
    assert reporter_b_client.get(url).status_code == 404
    assert put(reporter_b_client, url, change).status_code == 404
    assert put(leader_client, url, change).status_code == 403
    assert not SubmissionText.objects.exists()
    response = put(reporter_a_client, url, change)
    assert response.status_code == 200
    body = response.json()
    assert [s["key"] for s in body["sections"]] == [
        "results",
        "shortcomings",
        "causes",
        "solutions",
    ]
    assert body["sections"][0]["version"] == 1 and body["sections"][0]["words"] == 3
    for client in (leader_client, planner_client):
        assert client.get(url).json()["sections"][0]["text"] == "Tăng trưởng 7,5%."
    assert reporter_b_client.get(f"/api/v1/submissions/{sub_b.pk}/texts/").status_code == 200


def test_conflict_bad_input_and_warning(sections, sub_a, reporter_a_client):
    url = f"/api/v1/submissions/{sub_a.pk}/texts/"
    long = put(
        reporter_a_client,
        url,
        [{"section": "shortcomings", "version": 0, "text": "một hai ba bốn năm sáu bảy"}],
    )
    assert long.status_code == 200 and long.json()["sections"][1]["over"] is True
    stale = put(reporter_a_client, url, [{"section": "shortcomings", "text": "x", "version": 0}])
    assert stale.status_code == 409
    assert stale.json()["error"]["fields"]["sections"][0]["current_version"] == 1
    for bad in (
        [{"section": "poems", "text": "x", "version": 0}],
        [{"section": "results", "text": "x"}],
        [],
        {"section": "results"},
        [{"section": "lessons", "text": "x", "version": 0}],
    ):
        response = put(reporter_a_client, url, bad)
        assert response.status_code == 400 and "error" in response.json()
    assert SubmissionText.objects.get().text == "một hai ba bốn năm sáu bảy"


def test_locked_after_acceptance(sections, sub_a, reporter_a, planner, reporter_a_client):
    services.cell_save(submission=sub_a, changes=full_changes(sub_a), actor=reporter_a)
    services.submission_submit(submission=sub_a, actor=reporter_a)
    services.submission_accept(submission=sub_a, actor=planner)
    response = put(
        reporter_a_client,
        f"/api/v1/submissions/{sub_a.pk}/texts/",
        [{"section": "results", "text": "muộn", "version": 0}],
    )
    assert response.status_code == 400 and "không sửa được" in response.json()["error"]["message"]
    assert not SubmissionText.objects.exists()


def test_docx_upload(sections, sub_a, reporter_a_client, reporter_b_client):
    url = f"/api/v1/submissions/{sub_a.pk}/texts/docx/"
    data = docx_bytes(
        [("h", "I. Kết quả đạt được"), ("p", "Tốt."), ("h", "II. Hạn chế"), ("p", "Chậm.")]
    )
    assert reporter_b_client.post(url, {"file": io.BytesIO(data)}).status_code == 404
    response = reporter_a_client.post(url, {"file": io.BytesIO(data)})
    assert response.status_code == 200
    assert response.json()["sections"][1]["text"] == "Chậm."
    bad = reporter_a_client.post(url, {"file": io.BytesIO(b"not a docx")})
    assert bad.status_code == 400
    plain = reporter_a_client.post(url, {"file": io.BytesIO(docx_bytes([("p", "Chỉ một đoạn.")]))})
    assert plain.status_code == 400 and "chọn mục" in plain.json()["error"]["message"]


def test_round_sections(round_, sections, planner_client, reporter_a_client, leader_client):
    url = f"/api/v1/rounds/{round_.code}/sections/"
    assert [s["key"] for s in reporter_a_client.get(url).json()] == [s["key"] for s in SECTIONS]
    assert put(leader_client, url, [{"key": "results"}]).status_code == 403
    assert put(planner_client, url, [{"key": "results", "max_words": 0}]).status_code == 400
    response = put(planner_client, url, [{"key": "lessons", "max_words": 200}, {"key": "results"}])
    assert response.status_code == 200
    assert [(s["key"], s["report_part"]) for s in response.json()] == [
        ("lessons", "II"),
        ("results", "I"),
    ]
    assert RoundSection.objects.filter(round=round_).count() == 2


def test_round_texts_and_compiled(
    round_,
    sections,
    sub_a,
    reporter_a,
    planner_client,
    leader_client,
    reporter_a_client,
    anon_client,
    unit_a,
):
    services.submission_texts_save(
        submission=sub_a,
        actor=reporter_a,
        changes=[{"section": "shortcomings", "text": "Giải ngân chậm."}],
    )
    texts = f"/api/v1/rounds/{round_.code}/texts/"
    compiled = f"/api/v1/rounds/{round_.code}/compiled/"
    draft = f"/api/v1/rounds/{round_.code}/compiled/shortcomings/"
    for url in (texts, compiled, draft):
        assert reporter_a_client.get(url).status_code == 403
        assert anon_client.get(url).status_code in (401, 403)
    body = leader_client.get(texts).json()
    assert body[1]["units"][0]["text"] == "Giải ngân chậm."
    docx = leader_client.get(texts + "?download=docx")
    assert docx.status_code == 200 and "Giải ngân chậm." in "\n".join(
        p.text for p in Document(io.BytesIO(docx.content)).paragraphs
    )
    passage = {"text": "Giải ngân vốn đầu tư công chậm.", "sources": [unit_a.code]}
    assert put(leader_client, draft, {"version": 0, "passages": [passage]}).status_code == 403
    assert (
        put(
            planner_client, draft, {"version": 0, "passages": [{"text": "x", "sources": ["NOPE"]}]}
        ).status_code
        == 400
    )
    assert put(planner_client, draft, {"passages": [passage]}).status_code == 400
    response = put(planner_client, draft, {"version": 0, "passages": [passage]})
    assert response.status_code == 200 and response.json()["version"] == 1
    assert put(planner_client, draft, {"version": 0, "passages": []}).status_code == 409
    assert CompiledPassage.objects.count() == 1
    result = leader_client.get(compiled).json()
    assert result["shortcomings"]["report_part"] == "II"
    assert result["shortcomings"]["paragraphs"] == [
        {
            "text": "Giải ngân vốn đầu tư công chậm.",
            "sources": [{"code": unit_a.code, "name": unit_a.name}],
        }
    ]
    assert planner_client.get(f"/api/v1/rounds/{round_.code}/compiled/lessons/").status_code == 404


def test_schema_documents_the_endpoints(planner_client):
    schema = planner_client.get("/api/v1/openapi.json").json()
    for path in (
        "/api/v1/submissions/{id}/texts/",
        "/api/v1/submissions/{id}/texts/docx/",
        "/api/v1/rounds/{code}/sections/",
        "/api/v1/rounds/{code}/texts/",
        "/api/v1/rounds/{code}/compiled/",
        "/api/v1/rounds/{code}/compiled/{key}/",
    ):
        assert path in schema["paths"], path


def test_return_with_a_section_comment_and_copy(
    round_, sections, sub_a, reporter_a, planner, planner_client
):
    services.cell_save(submission=sub_a, changes=full_changes(sub_a), actor=reporter_a)
    services.submission_submit(submission=sub_a, actor=reporter_a)
    url = f"/api/v1/submissions/{sub_a.pk}/return/"
    bad = planner_client.post(
        url,
        data=json.dumps({"cell_comments": [{"section": "lessons", "text": "x"}]}),
        content_type="application/json",
    )
    assert bad.status_code == 400
    response = planner_client.post(
        url,
        data=json.dumps(
            {
                "cell_comments": [
                    {"section": "causes", "text": "Tách nguyên nhân khách quan, chủ quan."}
                ]
            }
        ),
        content_type="application/json",
    )
    assert response.status_code == 200
    detail = planner_client.get(f"/api/v1/submissions/{sub_a.pk}/").json()
    assert detail["comments"][0]["section"] == "causes"
    texts = planner_client.get(f"/api/v1/submissions/{sub_a.pk}/texts/").json()
    assert texts["sections"][2]["comments"][0]["text"].startswith("Tách")
    copy = services.round_copy(source=round_, actor=planner)
    assert list(copy.sections.values_list("key", "max_words")) == [
        (s["key"], s.get("max_words")) for s in SECTIONS
    ]
