"""A note or a name with a control character or a formula (issue 14, points 4 and 6): the form's
.xlsx and the completeness .xlsx still download for everyone, the text stays text."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from kehoach.reporting import services
from kehoach.reporting.models import Cell
from kehoach.reporting.tests.conftest import row
from kehoach.units.models import Unit

pytestmark = pytest.mark.django_db


def test_autosave_drops_control_characters(sub_a, reporter_a_client):
    r = row(sub_a, "GRDP_GROWTH")
    response = reporter_a_client.post(
        f"/bao-cao/bieu/{sub_a.pk}/o/", data={"changes": [
            {"row": r.pk, "column": "UTH_Y", "value": "7,5", "note": "ghi\x0bchú\x00", "version": 0}]},
        content_type="application/json")
    assert response.status_code == 200, response.content
    assert Cell.objects.get().note == "ghichú"


def test_form_xlsx_with_stored_control_characters_and_formulas(sub_a, reporter_a,
                                                               leader_client):
    r = row(sub_a, "GRDP_GROWTH")
    services.cell_save(submission=sub_a, actor=reporter_a, changes=[
        {"row": r.pk, "column": "UTH_Y", "value": "7,5", "note": "x", "version": 0}])
    Cell.objects.update(note='=HYPERLINK("http://evil.example")\x0b')  # stored before the fix
    response = leader_client.get(f"/api/v1/submissions/{sub_a.pk}/xlsx/")
    assert response.status_code == 200
    cells = [c for ws in load_workbook(io.BytesIO(response.content)).worksheets
             for line in ws.iter_rows() for c in line]
    note = [c for c in cells if c.value == '=HYPERLINK("http://evil.example")']
    assert note and note[0].data_type == "s" and note[0].quotePrefix


def test_completeness_xlsx_with_a_control_character_in_a_name(round_, planner_client, unit_a):
    Unit.objects.filter(pk=unit_a.pk).update(name="Sở\x0b A")
    response = planner_client.get("/api/v1/rounds/kh-2026/completeness/?download=xlsx")
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(response.content)).active
    assert ws["B4"].value == "Sở A"
