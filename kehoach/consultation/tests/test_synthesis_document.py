"""The synthesis table as an issued document: số ký hiệu, date (never before the consultation
closed), signer and Nơi nhận from the page, the API and the command; the statistics count
exactly the table's comments."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook
from rest_framework.test import APIClient

from kehoach.consultation.models import Consultation
from kehoach.consultation.services import comment_moderate, comment_submit, response_record
from kehoach.consultation.synthesis import synthesis_counts, synthesis_groups
from kehoach.consultation.tests.conftest import section
from kehoach.testing.pdf import Rendered, needs_libreoffice

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(consultation, planner):
    """The open draft once it has received comments, then closed yesterday."""
    made = []
    for text, sec in (
        ("Bổ sung chỉ tiêu nước sạch.", "1"),
        ("Nêu rõ nguồn vốn.", "II"),
        ("Thêm mục tiêu về rừng.", "1"),
        ("Ý kiến chung.", None),
    ):
        comment = comment_submit(
            consultation=consultation,
            text=text,
            author_name="Chị Hoa",
            ip_hash="h",
            section=section(consultation, sec) if sec else None,
        )
        comment_moderate(comment=comment, status="published", actor=planner)
        made.append(comment)
    response_record(comment=made[0], kind="tiep_thu", text="Đã bổ sung.", actor=planner)
    comment_submit(consultation=consultation, text="Chưa duyệt", author_name="X", ip_hash="h")
    Consultation.objects.filter(pk=consultation.pk).update(
        closes_at=timezone.now() - dt.timedelta(days=1)
    )
    consultation.refresh_from_db()
    return consultation


def _closes(consultation) -> dt.date:
    return timezone.localtime(consultation.closes_at).date()


def test_groups_follow_the_draft_and_counts_match_the_table(closed):
    groups = synthesis_groups(consultation=closed)
    assert [(g.number, g.label, [r.number for r in g.rows]) for g in groups] == [
        ("I", "I. ĐÁNH GIÁ › 1. Kết quả", [1, 2]),
        ("II", "II. MỤC TIÊU", [3]),
        ("III", "Góp ý chung", [4]),
    ]
    counts = synthesis_counts(consultation=closed)
    assert counts.total == 4 == sum(n for _label, n in counts.by_section)
    assert counts.total == sum(n for _label, n in counts.by_kind)
    assert counts.answered == 1 and counts.pending == 1


def test_the_statistics_sheet_counts_the_table(planner_client, closed):
    url = reverse("consultation:synthesis_xlsx", args=[closed.slug])
    workbook = load_workbook(io.BytesIO(planner_client.get(url).content))
    table = workbook["Tổng hợp ý kiến"]
    in_table = sum(1 for row in table.iter_rows(values_only=True) if isinstance(row[0], int))
    stats = {row[1]: row[2] for row in workbook["Thống kê"].iter_rows(values_only=True)}
    assert in_table == stats["Tổng số ý kiến trong bảng tổng hợp"] == 4
    assert (
        stats["I. ĐÁNH GIÁ › 1. Kết quả"] + stats["II. MỤC TIÊU"] + stats["Góp ý chung"] == in_table
    )
    assert all(table.row_dimensions[r].height for r in range(5, table.max_row + 1))


def test_docx_carries_number_date_signer_and_recipients(planner_client, closed):
    day = _closes(closed) + dt.timedelta(days=2)
    response = planner_client.get(
        reverse("consultation:synthesis_docx", args=[closed.slug]),
        {
            "number": "12",
            "date": day.strftime("%d/%m/%Y"),
            "signer_name": "Nguyễn Văn An",
            "signer_title": "PHÓ GIÁM ĐỐC",
            "recipients": "UBND tỉnh (b/c)\nCác sở, ngành\nLưu: VT, TH",
        },
    )
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    left, right = document.tables[0].rows[0].cells
    assert "Số: 12/BC-STC" in left.text and "SỞ TÀI CHÍNH" in left.text
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    assert f"ngày {day.day:02d} tháng {month} năm {day.year}" in right.text
    sign = document.tables[1].rows[0].cells
    assert [p.text for p in sign[0].paragraphs if p.text] == [
        "Nơi nhận:",
        "- UBND tỉnh (b/c);",
        "- Các sở, ngành;",
        "- Lưu: VT, TH.",
    ]
    signer = [p.text for p in sign[1].paragraphs if p.text]
    assert signer == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Văn An"]
    texts = [p.text for p in document.paragraphs]
    assert any("Bảng tổng hợp gồm 4 ý kiến" in t and "1 ý kiến chờ kiểm duyệt" in t for t in texts)
    table = document.tables[-1]
    assert sum(1 for r in table.rows[1:] if r.cells[0].text.isdigit()) == 4


def test_the_director_signing_himself(planner_client, closed):
    """``-`` for Ký thay: no KT. line, and the director signs as GIÁM ĐỐC (not his deputy's
    title), as the report does (``documents.signing.SigningOptions``)."""
    response = planner_client.get(reverse("consultation:synthesis_docx", args=[closed.slug]),
                                  {"signer_on_behalf": "-", "signer_name": "Lê Văn C"})
    assert response.status_code == 200
    sign = Document(io.BytesIO(response.content)).tables[1].rows[0].cells
    assert [p.text for p in sign[1].paragraphs if p.text] == ["GIÁM ĐỐC", "Lê Văn C"]


def test_default_recipients_and_blank_date(planner_client, closed):
    response = planner_client.get(reverse("consultation:synthesis_docx", args=[closed.slug]))
    document = Document(io.BytesIO(response.content))
    assert "ngày      tháng      năm" in document.tables[0].rows[0].cells[1].text
    recipients = [p.text for p in document.tables[1].rows[0].cells[0].paragraphs if p.text]
    assert recipients[-1] == "- Lưu: VT."
    assert "Số:      /BC-STC" in document.tables[0].rows[0].cells[0].text


def test_a_date_before_the_close_is_refused_everywhere(
    planner_client, planner, consultation, tmp_path
):
    early = _closes(consultation) - dt.timedelta(days=1)
    page = planner_client.get(
        reverse("consultation:synthesis_docx", args=[consultation.slug]),
        {"date": early.isoformat()},
    )
    assert page.status_code == 400
    body = page.content.decode()
    assert "trước ngày kết thúc lấy ý kiến" in body and 'id="synthesis-options"' in body
    client = APIClient()
    client.force_authenticate(planner)
    api = client.get(
        f"/api/v1/consultations/{consultation.slug}/synthesis.xlsx", {"date": early.isoformat()}
    )
    assert api.status_code == 400 and "date" in api.json()["error"]["fields"]
    bad = client.get(
        f"/api/v1/consultations/{consultation.slug}/synthesis.docx", {"date": "31/02/2027"}
    )
    assert bad.status_code == 400 and "Ngày không hợp lệ" in str(bad.json())
    out = tmp_path / "th.docx"
    with pytest.raises(CommandError, match="trước ngày kết thúc lấy ý kiến") as caught:
        call_command(
            "consultation_synthesis",
            consultation.slug,
            "--out",
            str(out),
            "--date",
            early.isoformat(),
        )
    assert caught.value.returncode == 2 and not out.exists()


def test_command_writes_the_files(closed, tmp_path):
    out = io.StringIO()
    target = tmp_path / "th.xlsx"
    day = _closes(closed)
    call_command(
        "consultation_synthesis",
        closed.slug,
        "--out",
        str(target),
        "--number",
        "12/BC-STC",
        "--date",
        day.isoformat(),
        stdout=out,
    )
    assert "4 comments in 3 sections, 1 answered, 1 pending" in out.getvalue()
    sheet = load_workbook(target)["Tổng hợp ý kiến"]
    assert sheet.cell(1, 1).value == f"Số: 12/BC-STC, ngày {day.strftime('%d/%m/%Y')}"
    for args, message in (
        (["khong-co", "--out", str(tmp_path / "a.docx")], "Không có đợt"),
        ([closed.slug, "--out", str(tmp_path / "a.pdf")], "Đuôi tệp không được hỗ trợ"),
    ):
        with pytest.raises(CommandError, match=message):
            call_command("consultation_synthesis", *args)


def test_the_page_has_the_options_form(planner_client, closed):
    page = planner_client.get(reverse("consultation:synthesis", args=[closed.slug]))
    body = page.content.decode()
    assert page.status_code == 200 and 'name="signer_name"' in body and 'name="recipients"' in body
    assert "Tổng số ý kiến trong bảng tổng hợp" in body


@needs_libreoffice
def test_libreoffice_renders_the_synthesis(planner_client, closed, tmp_path):
    """Signature and Nơi nhận on the first page, the grouped table on the landscape last page;
    both rendered to test-artifacts for review."""
    day = _closes(closed)
    response = planner_client.get(
        reverse("consultation:synthesis_docx", args=[closed.slug]),
        {"number": "12", "date": day.isoformat(), "signer_name": "Nguyễn Văn An"},
    )
    source = tmp_path / "tong-hop.docx"
    source.write_bytes(response.content)
    pdf = Rendered(source)
    first, last = pdf.text(1), pdf.text(pdf.pages)
    assert "Nơi nhận:" in first and "Nguyễn Văn An" in first and "Số: 12/BC-STC" in first
    assert "Thêm mục tiêu về rừng." in last and "Góp ý chung" in last
    pdf.save_pngs("synthesis", {"first": 1, "last": pdf.pages})
