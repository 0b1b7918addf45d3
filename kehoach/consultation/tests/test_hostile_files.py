"""A draft that is a zip bomb or has cut-off XML: a clear message, nothing changed, memory
bounded (issue 14, points 2–3)."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.urls import reverse

from kehoach.consultation.tests.test_drafts import make_docx
from kehoach.core.tests import bombs

MB = 1024 * 1024


def _upload(client, consultation, data):
    handle = io.BytesIO(data)
    handle.name = "du-thao.docx"
    before = list(consultation.sections.values_list("pk", "title"))
    tracemalloc.start()
    try:
        response = client.post(reverse("consultation:upload", args=[consultation.slug]),
                               {"file": handle})
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    assert list(consultation.sections.values_list("pk", "title")) == before
    return response.content.decode(), peak


def test_docx_bomb_draft(planner_client, draft_consultation):
    bomb = bombs.inflate(make_docx(), "word/document.xml", 400)
    assert len(bomb) < 2 * MB
    body, peak = _upload(planner_client, draft_consultation, bomb)
    assert "khi giải nén quá lớn" in body
    assert peak < 40 * MB


@pytest.mark.parametrize("member", ["word/document.xml", "[Content_Types].xml",
                                    "word/_rels/document.xml.rels", "word/styles.xml"])
def test_cut_off_docx_draft(planner_client, draft_consultation, member):
    data = make_docx()
    content = zipfile.ZipFile(io.BytesIO(data)).read(member)
    body, _peak = _upload(planner_client, draft_consultation,
                          bombs.replace_member(data, member, content[: len(content) // 2]))
    assert "Không đọc được tệp Word" in body
