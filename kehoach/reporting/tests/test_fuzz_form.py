"""Fuzzing the filled-form reader (``import_form``) with random, cut-off, damaged and oversized
workbooks: only ``FormRejected`` escapes, memory stays bounded, no cell is stored."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kehoach.core.tests.fuzz import FUZZ, MB, hostile, peak
from kehoach.reporting.excel import FormRejected, export_form, import_form
from kehoach.reporting.models import Cell

pytestmark = pytest.mark.django_db


@FUZZ
@given(data=st.data())
def test_form_reader(sub_a, reporter_a, data):
    form = export_form(submission=sub_a)
    raw = data.draw(hostile(form))
    before = list(Cell.objects.filter(submission=sub_a).values_list("pk", "value", "note"))
    with peak() as measured:
        try:
            import_form(data=raw, actor=reporter_a, submission=sub_a)
        except FormRejected as exc:
            assert exc.errors and all(str(e) for e in exc.errors)
            assert list(Cell.objects.filter(submission=sub_a)
                        .values_list("pk", "value", "note")) == before  # nothing stored
    assert measured() < 60 * MB
