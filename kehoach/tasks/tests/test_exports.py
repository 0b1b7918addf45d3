import io

from docx import Document
from openpyxl import load_workbook

from kehoach.documents.reports.programme import projects_xlsx, tasks_docx, tasks_xlsx
from kehoach.projects import services as project_services
from kehoach.projects.importing import projects_import
from kehoach.tasks.importing import tasks_import
from kehoach.tasks.models import Task
from kehoach.testing.factories import PlanFactory


def test_task_export_reads_back_into_an_empty_plan(plan, task_a, duty, province, planner):
    data = tasks_xlsx(plan=plan)
    sheet = load_workbook(io.BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
                           "Thời gian hoàn thành", "Sản phẩm")
    copy = PlanFactory(code="KH-COPY", kind="master", start_year=2021, end_year=2030, unit=province)
    result = tasks_import(data=data, filename="x.xlsx", plan=copy, actor=planner)
    assert result.ok and result.created == 2, result.errors
    fields = ("number", "text", "group", "lead_unit", "deadline_text", "product", "status")
    original = {t.number: [getattr(t, f) for f in fields] for t in Task.objects.filter(plan=plan)}
    copied = {t.number: [getattr(t, f) for f in fields] for t in Task.objects.filter(plan=copy)}
    assert original == copied
    document = Document(io.BytesIO(tasks_docx(plan=plan)))
    rows = [[c.text for c in row.cells][:3] for row in document.tables[-1].rows]
    assert rows[1] == ["I", "NHIỆM VỤ CHUNG", "NHIỆM VỤ CHUNG"] or rows[1][0] == "I"
    assert ["1", "Lập đề án chuyển đổi số", "Sở A"] in rows
    assert ["3", "Báo cáo kết quả thực hiện Quy hoạch tỉnh", "Tỉnh Thử Nghiệm"] in rows


def test_project_export_reads_back(plan, province, planner):
    project_services.project_create(actor=planner, plan=plan, name="Đường tỉnh 258",
                                    sector="Giao thông", funding_source="nsnn_dp",
                                    phase="2021-2025", location=province,
                                    total_investment="1234.5", status="building")
    data = projects_xlsx(plan=plan)
    copy = PlanFactory(code="KH-COPY", kind="master", start_year=2021, end_year=2030, unit=province)
    result = projects_import(data=data, filename="x.xlsx", plan=copy, actor=planner)
    assert result.ok and result.created == 1, result.errors
    made = copy.projects.get()
    assert (made.name, made.funding_source, str(made.total_investment.normalize()), made.status,
            made.location) == ("Đường tỉnh 258", "nsnn_dp", "1234.5", "building", province)
