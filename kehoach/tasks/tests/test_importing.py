import io

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from kehoach.tasks.importing import tasks_import
from kehoach.tasks.models import Task

HEADER = "STT,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian hoàn thành,Sản phẩm\n"


def _csv(*rows: str) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


def test_import_in_the_attachment_layout(plan, unit_a, unit_b, planner):
    data = _csv(
        "I,NHIỆM VỤ ĐỘT PHÁ,,,,",
        '1,Lập đề án chuyển đổi số,Sở A,"Sở B; SO-A",Quý II/2025,Đề án',
        "II,GIẢI PHÁP,,,,",
        '2,Báo cáo thực hiện quy hoạch,TINH,"Sở A, Sở B","Hằng năm, trước 20/10",Báo cáo',
        "3,Rà soát quy hoạch,SO-B,,2026-2030,Báo cáo rà soát",
    )
    result = tasks_import(data=data, filename="nv.csv", plan=plan, actor=planner)
    assert result.ok and (result.created, result.updated) == (3, 0), result.errors
    tasks = {t.number: t for t in Task.objects.all()}
    assert tasks["1"].group == "breakthrough" and tasks["1"].lead_unit == unit_a
    assert [u.code for u in tasks["1"].coordinating_units.all()] == ["SO-B"]
    assert tasks["2"].group == "solution" and tasks["2"].deadline_kind == "recurring"
    assert sorted(u.code for u in tasks["2"].coordinating_units.all()) == ["SO-A", "SO-B"]
    assert tasks["3"].deadline_text == "2026-2030"
    again = tasks_import(data=data, filename="nv.csv", plan=plan, actor=planner)
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 3)


@pytest.mark.parametrize("row, column, message", [
    ("1,Việc,Sở Y tê,,2025,", "lead_unit", "không tìm thấy đơn vị “Sở Y tê”"),
    ("1,Việc,Sở AA,,2025,", "lead_unit", "có phải: Sở A (SO-A)"),
    ("1,Việc,SO-A,Sở Bê,2025,", "coordinating_units", "có phải: Sở B (SO-B)"),
    ("1,Việc,SO-A,,Quý V/2025,", "deadline", "bốn quý"),
    ("1,Việc,SO-A,,2040,", "deadline", "ngoài thời kỳ"),
])
def test_bad_rows_store_nothing(plan, unit_a, unit_b, planner, row, column, message):
    data = _csv("9,Việc tốt,SO-A,,Trước 30/6/2025,Báo cáo", row)
    result = tasks_import(data=data, filename="nv.csv", plan=plan, actor=planner)
    assert not result.ok
    assert [(e.line, e.column) for e in result.errors] == [(3, column)]
    assert message in result.errors[0].message
    assert not Task.objects.exists()


def test_xlsx_and_the_command(plan, unit_a, tmp_path, capsys):
    book = Workbook()
    sheet = book.active
    sheet.append(["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp",
                  "Thời gian hoàn thành", "Sản phẩm"])
    sheet.append([1, "Ban hành kế hoạch", "Sở A", None, "Trước 30/6/2025", "Kế hoạch"])
    path = tmp_path / "nv.xlsx"
    book.save(path)
    call_command("import_tasks", str(path), "--plan", plan.code)
    assert "created 1" in capsys.readouterr().out
    out = io.StringIO()
    call_command("tasks", "--plan", plan.code, "--format", "csv", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "number,text,lead_unit,coordinating_units,deadline,product,status,overdue"
    assert lines[1] == "1,Ban hành kế hoạch,SO-A,,Trước 30/6/2025,Kế hoạch,not_started,True"


def test_command_refuses_bad_file_with_exit_1(plan, unit_a, tmp_path, capsys):
    path = tmp_path / "nv.csv"
    path.write_bytes(_csv("1,Việc,KHONG,,2025,"))
    with pytest.raises(SystemExit) as exc:
        call_command("import_tasks", str(path), "--plan", plan.code)
    assert exc.value.code == 1
    assert "line 2, column lead_unit: không tìm thấy đơn vị “KHONG”" in capsys.readouterr().err
    assert not Task.objects.exists()
