import io
from decimal import Decimal

from openpyxl import load_workbook

from kehoach.documents.xlsx import (
    MERGE_LEFT,
    MERGE_UP,
    new_workbook,
    number_format,
    to_bytes,
    write_table,
)


def test_titled_table_with_merged_header_numbers_and_print_setup():
    wb, ws = new_workbook("Biểu tổng hợp ý kiến góp ý rất dài quá 31 ký tự")
    area = write_table(
        ws, label="Biểu số 01", title="BIỂU TỔNG HỢP", subtitle="(Kèm theo)",
        unit_note="Đơn vị tính: tỷ đồng",
        header_rows=[["STT", "Chỉ tiêu", "Năm 2025", MERGE_LEFT], [MERGE_UP, MERGE_UP, "KH", "ƯTH"]],
        rows=[["I", "Kinh tế", None, None], [1, "GRDP", Decimal("42000"), 41850.55]],
        widths=[6, 40, 14, 14], decimals={2: 0, 3: 2}, bold_rows=[0], landscape=True,
    )
    assert (area.header_first, area.header_last, area.first_row, area.last_row) == (5, 6, 7, 8)
    ws2 = load_workbook(io.BytesIO(to_bytes(wb))).active
    assert len(ws2.title) <= 31
    assert ws2["A2"].value == "BIỂU TỔNG HỢP" and ws2["A2"].font.name == "Times New Roman"
    merged = {str(r) for r in ws2.merged_cells.ranges}
    assert {"C5:D5", "A5:A6", "B5:B6", "A2:D2"} <= merged
    assert ws2["C8"].value == 42000 and ws2["C8"].number_format == "#,##0"
    assert ws2["D8"].value == 41850.55 and ws2["D8"].number_format == "#,##0.00"
    assert ws2["B7"].font.bold and not ws2["B8"].font.bold
    assert ws2["B8"].border.left.style == "thin"
    assert ws2.page_setup.orientation == "landscape" and int(ws2.page_setup.paperSize) == 9
    assert ws2.print_title_rows == "$5:$6"
    assert ws2.column_dimensions["B"].width == 40


def test_number_format():
    assert number_format(0) == "#,##0" and number_format(1) == "#,##0.0"
