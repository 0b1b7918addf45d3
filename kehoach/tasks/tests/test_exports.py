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


def test_the_money_sheet_writes_years_as_years(plan, province, planner, unit_a):
    _project_with_money(plan, province, planner, unit_a)
    sheet = load_workbook(io.BytesIO(projects_xlsx(plan=plan))).worksheets[1]
    name, year, amount = sheet["A2"], sheet["B2"], sheet["C2"]
    assert (year.value, year.number_format) == (2024, "0")  # not 2.024
    assert amount.number_format.startswith("#,##0")
    assert name.alignment.horizontal != "center"  # a project's name reads from the left


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


def _lines(response) -> list[str]:
    return b"".join(response.streaming_content).decode().splitlines()


def test_the_programme_page_downloads_the_tasks_it_shows(plan, task_a, task_b, duty, province,
                                                         planner, planner_client,
                                                         reporter_a_client):
    page = planner_client.get("/nhiem-vu/", {"plan": "KH-56", "group": "general"}).content.decode()
    assert 'href="/nhiem-vu/ke-hoach/KH-56/tep-trao-doi/?plan=KH-56&amp;group=general"' in page
    assert "/nhiem-vu/ke-hoach/KH-56/tep-trao-doi/?format=xlsx&amp;plan=KH-56&amp;group=general" \
        in page
    url = "/nhiem-vu/ke-hoach/KH-56/tep-trao-doi/"
    general = _lines(planner_client.get(url, {"group": "general"}))
    assert general[0].startswith("number,text,lead_unit,deadline,coordinating_units,product")
    assert [line.split(",")[0] for line in general[1:]] == ["3"]
    everything = planner_client.get(url)
    assert everything["Content-Disposition"] == 'attachment; filename="nhiem-vu-KH-56.csv"'
    data = b"".join(everything.streaming_content)
    assert [line.split(",")[0] for line in data.decode().splitlines()[1:]] == ["1", "2", "3"]
    copy = PlanFactory(code="KH-COPY", kind="master", start_year=2021, end_year=2030, unit=province)
    result = tasks_import(data=data, filename="nhiem-vu.csv", plan=copy, actor=planner)
    assert result.ok and result.created == 3, result.errors  # the download is the exchange file
    mine = _lines(reporter_a_client.get(url))  # unit A sees the tasks it leads or coordinates
    assert [line.split(",")[0] for line in mine[1:]] == ["1", "3"]
    reporter_page = reporter_a_client.get("/nhiem-vu/", {"plan": "KH-56"}).content.decode()
    assert "/nhiem-vu/ke-hoach/KH-56/tep-trao-doi/" in reporter_page
    sheet = load_workbook(io.BytesIO(planner_client.get(url, {"format": "xlsx", "q": "đề án"})
                                     .content)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert [row[:2] for row in rows] == [("number", "text"), ("1", "Lập đề án chuyển đổi số")]


def test_the_projects_page_downloads_the_projects_it_shows(plan, province, planner,
                                                            planner_client, reporter_a_client):
    for name, status in (("Đường tỉnh 258", "building"), ("Bệnh viện đa khoa", "preparing")):
        project_services.project_create(actor=planner, plan=plan, name=name, sector="Giao thông",
                                        funding_source="nsnn_dp", phase="2021-2025",
                                        location=province, total_investment="100",
                                        status=status)
    page = planner_client.get("/du-an/", {"plan": "KH-56", "status": "building"}).content.decode()
    assert 'href="/du-an/ke-hoach/KH-56/tep-trao-doi/?plan=KH-56&amp;status=building"' in page
    url = "/du-an/ke-hoach/KH-56/tep-trao-doi/"
    building = _lines(planner_client.get(url, {"status": "building"}))
    assert building[0].startswith("name,sector,funding_source,phase,number,location")
    assert [line.split(",")[0] for line in building[1:]] == ["Đường tỉnh 258"]
    everything = _lines(reporter_a_client.get(url))  # the list is read by every user
    assert [line.split(",")[0] for line in everything[1:]] == ["Đường tỉnh 258",
                                                               "Bệnh viện đa khoa"]
    response = planner_client.get(url, {"format": "xlsx", "q": "Bệnh viện"})
    assert response["Content-Disposition"] == 'attachment; filename="du-an-KH-56.xlsx"'
    rows = list(load_workbook(io.BytesIO(response.content)).worksheets[0].iter_rows(values_only=True))
    assert [row[:2] for row in rows] == [("name", "sector"), ("Bệnh viện đa khoa", "Giao thông")]
    assert planner_client.get("/du-an/ke-hoach/KHONG-CO/tep-trao-doi/").status_code == 404
