import io
from decimal import Decimal

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


def _project_with_money(plan, province, planner, unit_a):
    project = project_services.project_create(
        actor=planner, plan=plan, name="Hồ chứa nước Nặm Cắt", sector="Thủy lợi",
        funding_source="nsnn_tw", phase="2021-2025", investor="Ban QLDA nông nghiệp",
        investor_unit=unit_a, group="B", note="Vốn bố trí theo kế hoạch trung hạn.")
    project_services.capital_plan_set(project=project, actor=planner, year=2024, amount="120.5")
    project_services.disbursement_set(project=project, actor=planner, year=2024, month=3,
                                      amount="10.25")
    project_services.disbursement_set(project=project, actor=planner, year=2024, month=12,
                                      amount="0")
    return project


def test_project_export_reads_back_its_money_and_links(plan, task_a, province, planner, unit_a):
    project = _project_with_money(plan, province, planner, unit_a)
    project_services.project_update(project=project, actor=planner, tasks=[task_a])
    copy = PlanFactory(code="KH-COPY", kind="master", start_year=2021, end_year=2030, unit=province)
    assert tasks_import(data=tasks_xlsx(plan=plan), filename="t.xlsx", plan=copy,
                        actor=planner).ok
    data = projects_xlsx(plan=plan)
    result = projects_import(data=data, filename="x.xlsx", plan=copy, actor=planner)
    assert result.ok and (result.created, result.updated) == (2, 0), result.errors  # + one year
    made = copy.projects.get()
    assert (made.investor, made.investor_unit, made.group, made.note) == (
        "Ban QLDA nông nghiệp", unit_a, "B", "Vốn bố trí theo kế hoạch trung hạn.")
    assert [t.number for t in made.tasks.all()] == [task_a.number]
    assert list(made.capital_plans.values_list("year", "amount")) == [(2024, Decimal("120.5"))]
    assert sorted(made.disbursements.values_list("month", "amount")) == [
        (3, Decimal("10.25")), (12, Decimal("0"))]
    again = projects_import(data=data, filename="x.xlsx", plan=copy, actor=planner)
    assert again.ok and not again.changed and again.unchanged == 2


def _money_sheet_with(data: bytes, cells: dict[str, object]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    for ref, value in cells.items():
        book.worksheets[1][ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_bad_money_row_names_the_sheet_and_line_and_stores_nothing(plan, province, planner,
                                                                     unit_a):
    _project_with_money(plan, province, planner, unit_a)
    data = _money_sheet_with(projects_xlsx(plan=plan), {"E2": "mười", "A3": "Dự án không có",
                                                        "B3": 2024, "C3": 5})
    copy = PlanFactory(code="KH-COPY", kind="master", start_year=2021, end_year=2030, unit=province)
    result = projects_import(data=data, filename="x.xlsx", plan=copy, actor=planner)
    assert not result.ok
    messages = {(e.line, e.column): e.message for e in result.errors}
    assert set(messages) == {(2, "T2"), (3, "Dự án")}, messages
    assert messages[(2, "T2")].startswith("trang “Vốn và giải ngân”: ")
    assert "Dự án không có" in messages[(3, "Dự án")]
    assert not copy.projects.exists()
