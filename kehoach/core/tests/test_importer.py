"""The all-or-nothing importer, with a small handler that writes users' audit rows."""

import pytest

from kehoach.core.exchange.importer import CREATED, UNCHANGED, RowProblem, run_import
from kehoach.core.exchange.reader import FileSpec
from kehoach.core.models import AuditEntry

SPEC = FileSpec(name="t", required=("code", "amount"), number_columns=("amount",))


def handler(row, ctx):
    amount = row.number("amount")
    if amount is None or amount < 0:
        raise RowProblem("amount", "phải là số không âm.")
    entry, created = AuditEntry.objects.get_or_create(
        action="test", object_id=row.get("code"), defaults={"summary": str(amount)}
    )
    return CREATED if created else UNCHANGED


@pytest.mark.django_db
def test_all_rows_good_are_stored_and_reimport_is_unchanged():
    data = b"code,amount\nA,1\nB,2.000\n"
    result = run_import(data=data, filename="t.csv", spec=SPEC, handler=handler)
    assert (result.ok, result.created) == (True, 2)
    assert AuditEntry.objects.get(object_id="B").summary == "2000"
    again = run_import(data=data, filename="t.csv", spec=SPEC, handler=handler)
    assert (again.created, again.unchanged, again.changed) == (0, 2, False)
    assert "không thay đổi" in again.summary()


@pytest.mark.django_db
def test_one_bad_row_stores_nothing_and_reports_every_bad_row(caplog):
    data = b"code,amount\nA,1\nB,-2\nC,x\n"
    with caplog.at_level("INFO", logger="kehoach.core.exchange.importer"):
        result = run_import(data=data, filename="t.csv", spec=SPEC, handler=handler)
    assert not result.ok
    assert [r.getMessage() for r in caplog.records] == [
        f"import {SPEC.name} t.csv: refused, 2 errors, nothing stored"]
    assert [str(e) for e in result.errors] == [
        "line 3, column amount: phải là số không âm.",
        "line 4, column amount: “x” không phải là số.",
    ]
    assert not AuditEntry.objects.filter(action="test").exists()


@pytest.mark.django_db
def test_duplicates_and_dry_run():
    result = run_import(
        data=b"code,amount\nA,1\nA,2\n", filename="t.csv", spec=SPEC, handler=handler,
        key=lambda r: (r.get("code"),),
    )
    assert [str(e) for e in result.errors] == ["line 3: trùng với dòng 2."]
    dry = run_import(data=b"code,amount\nA,1\n", filename="t.csv", spec=SPEC, handler=handler,
                     dry_run=True)
    assert dry.created == 1 and not AuditEntry.objects.filter(action="test").exists()
