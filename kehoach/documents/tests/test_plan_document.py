"""The plan itself as a draft document: read back (header, draft mark, sections, targets with last
year's estimate, tasks, projects, signature, landscape appendices), from the page, the API and the
command, with bad input; LibreOffice renders its first and last page."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from docx.enum.section import WD_ORIENT
from rest_framework.test import APIClient

from kehoach.core.tests.factories import IndicatorFactory, PlanFactory
from kehoach.documents.reports.plan_document import plan_document_docx
from kehoach.plans.wording import target_wording
from kehoach.projects import services as project_services
from kehoach.tasks import services as task_services
from kehoach.testing.pdf import Rendered, needs_libreoffice

from .conftest import put, target

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def annual(province, unit_a, planner):
    five = PlanFactory(
        code="KH-5N",
        name="Kế hoạch 5 năm 2026-2030",
        kind="five_year",
        start_year=2026,
        end_year=2030,
        unit=province,
        status="approved",
        goal="Phát triển nhanh và bền vững.",
    )
    plan = PlanFactory(
        code="KH-2026",
        name="Kế hoạch phát triển kinh tế - xã hội năm 2026",
        kind="annual",
        start_year=2026,
        end_year=2026,
        unit=province,
        parent=five,
        status="draft",
    )
    growth = IndicatorFactory(
        code="P_GROWTH",
        name_vi="Tốc độ tăng trưởng GRDP",
        kind="growth",
        unit="%",
        aggregation="none",
        decimals=1,
    )
    budget = IndicatorFactory(
        code="P_BUDGET",
        name_vi="Thu ngân sách nhà nước",
        kind="flow",
        unit="tỷ đồng",
        aggregation="sum",
        decimals=0,
    )
    target(plan, growth, province, "2026", "above", "10", responsible_unit=unit_a)
    target(plan, budget, province, "2026", "at_least", 22000)
    target(five, growth, province, "2026-2030", "above", "8", target_type="average_growth")
    put(growth, province, 2025, "8.2", kind="estimate")
    put(budget, province, 2025, 20500, kind="estimate")
    put(budget, province, 2024, 19000)
    task_services.task_create(
        actor=planner,
        plan=plan,
        number="1",
        lead_unit=unit_a,
        text="Đề án chuyển đổi số",
        deadline_text="Quý II/2026",
        product="Đề án",
        group="key",
    )
    road = project_services.project_create(
        actor=planner,
        plan=plan,
        name="Đường tỉnh 258",
        sector="Giao thông",
        funding_source="nsnn_dp",
        phase="2026-2030",
        total_investment=Decimal("650.5"),
    )
    project_services.capital_plan_set(project=road, actor=planner, year=2026, amount=120)
    return plan


def _document(plan, **kwargs):
    return Document(io.BytesIO(plan_document_docx(plan=plan, **kwargs)))


def test_the_document_reads_back(annual):
    document = _document(annual, date=dt.date(2026, 12, 10), number_text="125")
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "DỰ THẢO"
    left, right = document.tables[0].rows[0].cells
    assert "ỦY BAN NHÂN DÂN" in left.text and "Số: 125/KH-UBND" in left.text
    assert "ngày 10 tháng 12 năm 2026" in right.text
    assert "KẾ HOẠCH" in texts and "Phát triển kinh tế - xã hội năm 2026" in texts
    assert "Căn cứ Kế hoạch 5 năm 2026-2030;" in texts
    headings = [t for t in texts if t[:3] in ("I. ", "II.", "III", "IV.", "V. ")]
    assert headings == [
        "I. MỤC TIÊU TỔNG QUÁT",
        "II. CÁC CHỈ TIÊU CHỦ YẾU",
        "III. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU",
        "IV. ĐẦU TƯ CÔNG VÀ CÁC DỰ ÁN TRỌNG ĐIỂM",
        "V. TỔ CHỨC THỰC HIỆN",
    ]
    assert "Phát triển nhanh và bền vững." in texts  # the parent's goal
    assert ("- Tốc độ tăng trưởng GRDP: trên 10% (ước thực hiện năm 2025: 8,2%);") in texts
    assert (
        "- Thu ngân sách nhà nước: tối thiểu 22.000 tỷ đồng (ước thực hiện năm 2025: "
        "20.500 tỷ đồng)."
    ) in texts
    assert any(t.startswith("- Đề án chuyển đổi số (chủ trì: Sở A;") for t in texts)
    assert any("Tổng kế hoạch vốn năm 2026" in t and "120 tỷ đồng" in t for t in texts)
    assert any(
        t.startswith(
            "- Sở A: chủ trì theo dõi, thực hiện các chỉ tiêu: tốc độ tăng "
            "trưởng GRDP; chủ trì 1 nhiệm vụ"
        )
        for t in texts
    )
    sign = document.tables[1].rows[0].cells
    assert "- Thường trực HĐND tỉnh (b/c);" in [p.text for p in sign[0].paragraphs]
    assert [s.orientation for s in document.sections][1:] == [WD_ORIENT.LANDSCAPE] * 2
    assert "Phụ lục I" in texts and "Phụ lục II" in texts


def test_appendix_one_shows_next_years_plan_beside_this_years_estimate(annual):
    table = _document(annual).tables[2]
    header = [c.text for c in table.rows[0].cells]
    assert header[3:7] == ["TH 2024", "KH 2025", "ƯTH 2025", "KH 2026"]
    budget = next(r for r in table.rows if r.cells[1].text == "Thu ngân sách nhà nước")
    # KH 2026 / ƯTH 2025 = 22.000 / 20.500 = 107,3
    assert [c.text for c in budget.cells[3:10]] == [
        "19.000",
        "",
        "20.500",
        "22.000",
        "",
        "107,9",
        "107,3",
    ]
    growth = next(r for r in table.rows if r.cells[1].text == "Tốc độ tăng trưởng GRDP")
    assert growth.cells[9].text == "+1,8\u00a0điểm"  # a rate against a rate: points


def test_a_multi_year_plan_lists_its_targets(annual):
    document = _document(annual.parent)
    assert document.paragraphs[0].text != "DỰ THẢO"  # approved: no draft mark
    table = document.tables[2]
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Chỉ tiêu kế hoạch",
        "Kỳ",
        "Cơ quan chủ trì theo dõi",
    ]
    growth = next(r for r in table.rows if r.cells[1].text == "Tốc độ tăng trưởng GRDP")
    five_year_target = annual.parent.targets.get()
    assert [c.text for c in growth.cells[3:5]] == [target_wording(five_year_target), "2026-2030"]
    assert "8%" in growth.cells[3].text


def test_page_api_and_command(annual, planner_client, planner, reporter_a, tmp_path):
    page = planner_client.get("/van-ban/ke-hoach/KH-2026/")
    assert page.status_code == 200 and 'id="plan-document-form"' in page.content.decode()
    detail = planner_client.get("/ke-hoach/KH-2026/").content.decode()
    assert "/van-ban/ke-hoach/KH-2026/" in detail
    ok = planner_client.get("/van-ban/ke-hoach/KH-2026/du-thao.docx", {"date": "10/12/2026"})
    assert ok.status_code == 200 and ok["Content-Type"] == DOCX
    assert 'filename="du-thao-kh-2026.docx"' in ok["Content-Disposition"]
    bad = planner_client.get("/van-ban/ke-hoach/KH-2026/du-thao.docx", {"date": "31/02/2026"})
    assert bad.status_code == 400 and "Ngày không hợp lệ" in bad.content.decode()
    client = APIClient()
    client.force_authenticate(planner)
    assert client.get("/api/v1/plans/KH-2026/document/").status_code == 200
    wrong = client.get("/api/v1/plans/KH-2026/document/", {"date": "1800-01-01"})
    assert wrong.status_code == 400 and "date" in wrong.json()["error"]["fields"]
    assert client.get("/api/v1/plans/KHONG-CO/document/").status_code == 404
    client.force_authenticate(reporter_a)
    assert client.get("/api/v1/plans/KH-2026/document/").status_code == 403
    out = tmp_path / "kh.docx"
    text = io.StringIO()
    call_command("plan_document", "--plan", "KH-2026", "--out", str(out), stdout=text)
    assert out.read_bytes().startswith(b"PK") and "plan KH-2026, 2 targets" in text.getvalue()
    for args, message in (
        (["--plan", "KHONG-CO", "--out", str(out)], "Không có kế hoạch"),
        (["--plan", "KH-2026", "--out", str(tmp_path / "a.pdf")], "Đuôi tệp"),
        (["--plan", "KH-2026", "--out", str(out), "--date", "hôm nay"], "Ngày không hợp lệ"),
    ):
        with pytest.raises(CommandError, match=message) as caught:
            call_command("plan_document", *args)
        assert caught.value.returncode == 2


def test_reporters_and_anonymous_are_kept_out(annual, reporter_a_client, anon_client):
    assert reporter_a_client.get("/van-ban/ke-hoach/KH-2026/du-thao.docx").status_code == 403
    assert anon_client.get("/van-ban/ke-hoach/KH-2026/").status_code == 302


@needs_libreoffice
def test_libreoffice_renders_first_and_last_page(annual, tmp_path):
    source = tmp_path / "ke-hoach.docx"
    source.write_bytes(plan_document_docx(plan=annual))
    pdf = Rendered(source)
    assert pdf.pages >= 3
    pdf.save_pngs("plan-document", {"first": 1, "last": pdf.pages})


def test_an_annual_plan_without_targets_still_gives_its_document(province, planner):
    """A new annual plan has no targets yet: the document comes out without Phụ lục I (it used
    to answer 500: no Biểu 01 to take)."""
    PlanFactory(code="KH-2027", name="Kế hoạch năm 2027", kind="annual", start_year=2027,
                end_year=2027, unit=province, status="draft")
    client = APIClient()
    client.force_authenticate(planner)
    answer = client.get("/api/v1/plans/KH-2027/document/")
    assert answer.status_code == 200 and answer["Content-Type"] == DOCX
    text = "\n".join(p.text for p in Document(io.BytesIO(answer.content)).paragraphs)
    assert "Phụ lục I" not in text
