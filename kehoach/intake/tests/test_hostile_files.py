"""Text intake (page, API, command) given a .docx bomb or a broken .docx: a clear message and
exit code 1, never a 500 or a traceback (issue 14, points 2–3)."""

from __future__ import annotations

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from docx import Document
from rest_framework.test import APIClient

from kehoach.core.tests import bombs
from kehoach.intake.models import Extraction

MB = 1024 * 1024


def _docx() -> bytes:
    document = Document()
    document.add_paragraph("Tỷ lệ che phủ rừng đạt trên 70% vào năm 2030.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _broken() -> bytes:
    data = _docx()
    content = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    return bombs.replace_member(data, "word/document.xml", content[: len(content) // 2])


@pytest.mark.parametrize("kind", ["bomb", "broken"])
def test_extract_api(planner, kind):
    data = bombs.inflate(_docx(), "word/document.xml", 450) if kind == "bomb" else _broken()
    client = APIClient()
    client.force_authenticate(planner)
    tracemalloc.start()
    try:
        response = client.post("/api/v1/extract/",
                               {"file": SimpleUploadedFile("kh.docx", data)}, format="multipart")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert response.status_code == 400
    message = " ".join(response.json()["error"]["fields"]["file"])
    assert ("khi giải nén quá lớn" if kind == "bomb" else "bị hỏng") in message
    assert peak < 40 * MB
    assert not Extraction.objects.exists()


@pytest.mark.parametrize("kind", ["bomb", "broken"])
def test_extract_command(tmp_path, capsys, kind):
    path = tmp_path / "kh.docx"
    path.write_bytes(bombs.inflate(_docx(), "word/document.xml", 450) if kind == "bomb"
                     else _broken())
    with pytest.raises(SystemExit) as exit_info:
        call_command("extract_targets", str(path))
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and ("quá lớn" in err or "bị hỏng" in err)
