"""DHIS2 in and out: the sample sets of ../shared/data/dhis2/, every DHIS2 shape, the bad input of
issue 12 (each with its summary and nothing half-stored), and the export → import round trip."""

from __future__ import annotations

import io
import json
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command

from kehoach.core.tests.factories import IndicatorFactory, UnitFactory
from kehoach.values.dhis2.importing import dhis2_import
from kehoach.values.dhis2.periods import PeriodNotHeld, from_dhis2, to_dhis2, to_iso
from kehoach.values.models import Value, ValueRevision

#: ../shared/data/dhis2 beside the checkout (/work/main or a worktree under /work/wt)
SAMPLES = next((p / "shared" / "data" / "dhis2" for p in Path(__file__).resolve().parents
                if (p / "shared" / "data" / "dhis2").is_dir()), Path("/work/shared/data/dhis2"))


@pytest.fixture
def world(db):
    return {
        "A": IndicatorFactory(code="IND_A"), "B": IndicatorFactory(code="IND_B"),
        "MALE": IndicatorFactory(code="IND_A_MALE"),
        "ou": UnitFactory(code="XA-A", type="commune"), "ou2": UnitFactory(code="XA-B"),
    }


def _mapping(tmp_path: Path, rows: list[tuple[str, str, str]]) -> Path:
    path = tmp_path / "map.csv"
    path.write_text("dhis2_kind,dhis2_id,kehoach_code\n"
                    + "".join(f"{k},{i},{c}\n" for k, i, c in rows), encoding="utf-8")
    return path


CODES = [("data_element", "DE_A", "IND_A"), ("data_element", "DE_B", "IND_B"),
         ("org_unit", "OU_A", "XA-A")]


def _file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _stored() -> set[tuple]:
    return set(Value.objects.values_list("indicator__code", "unit__code", "period", "value"))


# --- the two sample sets ----------------------------------------------------------------------

def test_sample_xml_with_codes_imports_what_is_mapped_and_lists_the_rest(world, tmp_path) -> None:
    summary = dhis2_import(path=SAMPLES / "dataValueSetBcode.xml",
                           mapping_path=_mapping(tmp_path, CODES))
    data = summary.as_dict()
    assert (data["status"], data["imported"], data["updated"], data["ignored"],
            data["deleted"]) == ("WARNING", 4, 0, 8, 0)
    objects = sorted(c["object"] for c in data["conflicts"])
    assert objects == ["DE_C"] * 4 + ["OU_B"] * 4
    assert _stored() == {("IND_A", "XA-A", "2012-01", Decimal("10001")),
                         ("IND_A", "XA-A", "2012-02", Decimal("10003")),
                         ("IND_B", "XA-A", "2012-01", Decimal("10005")),
                         ("IND_B", "XA-A", "2012-02", Decimal("10007"))}
    assert ValueRevision.objects.filter(action="create").count() == 4


def test_sample_json_with_uids_imports_and_a_second_import_changes_nothing(world, tmp_path) -> None:
    mapping = _mapping(tmp_path, [("data_element", "f7n9E0hX8qk", "IND_A"),
                                  ("org_unit", "DiszpKrYNg8", "XA-A")])
    first = dhis2_import(path=SAMPLES / "dataValueSetJ.json", mapping_path=mapping)
    assert (first.status, first.imported, first.ignored) == ("SUCCESS", 1, 0)
    again = dhis2_import(path=SAMPLES / "dataValueSetJ.json", mapping_path=mapping)
    assert (again.status, again.imported, again.updated, again.unchanged) == ("SUCCESS", 0, 0, 1)
    assert _stored() == {("IND_A", "XA-A", "2012-01", Decimal("10"))}
    assert ValueRevision.objects.count() == 1


# --- shapes -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name, text", [
    ("v.csv", "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,"
              "lastupdated,comment,followup\nDE_A,2024,OU_A,,,12.5,x,,ghi chú,false\n"),
    ("v.csv", "DE_A,2024,OU_A,HllvX50cXC0,HllvX50cXC0,12.5,x,,ghi chú,false\n"),
    ("v.adx.xml", '<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="OU_A" '
                  'period="2024-01-01/P1Y" dataSet="DS"><dataValue dataElement="DE_A" '
                  'value="12.5"/></group></adx>'),
    ("v.json", '{"period": "2024", "orgUnit": "OU_A", "dataValues": [{"dataElement": "DE_A", '
               '"value": 12.5, "comment": "ghi chú"}]}'),
    ("v.xml", '<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0" period="2024" orgUnit="OU_A">'
              '<dataValue dataElement="DE_A" value="12.5"/></dataValueSet>'),
])
def test_every_dhis2_shape_is_read(world, tmp_path, name, text) -> None:
    summary = dhis2_import(path=_file(tmp_path, name, text), mapping_path=_mapping(tmp_path, CODES))
    assert (summary.status, summary.imported) == ("SUCCESS", 1), summary.as_dict()
    assert _stored() == {("IND_A", "XA-A", "2024", Decimal("12.5"))}


def test_the_sets_period_and_org_unit_may_come_after_its_values(world, tmp_path) -> None:
    text = ('{"dataSet": "DS", "dataValues": [{"dataElement": "DE_A", "value": "3", '
            '"comment": "kỳ ], của tệp"}, {"dataElement": "DE_B", "period": "2023", "value": "4"}],'
            ' "period": "2024Q2", "orgUnit": "OU_A", "completeDate": "2024-07-01"}')
    summary = dhis2_import(path=_file(tmp_path, "v.json", text), mapping_path=_mapping(tmp_path, CODES))
    assert (summary.status, summary.imported) == ("SUCCESS", 2), summary.as_dict()
    assert _stored() == {("IND_A", "XA-A", "2024-Q2", Decimal("3")),
                         ("IND_B", "XA-A", "2023", Decimal("4"))}


def test_names_and_disaggregations_map_to_their_own_indicators(world, tmp_path) -> None:
    mapping = _mapping(tmp_path, [("data_element", "Dân số", "IND_A"),
                                  ("category_option_combo", "Dân số.Nam", "IND_A_MALE"),
                                  ("org_unit", "Xã A", "XA-A")])
    text = ("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n"
            "Dân số,2024,Xã A,,,100\nDân số,2024,Xã A,Nam,,48\nDân số,2024,Xã A,Nữ,,52\n")
    summary = dhis2_import(path=_file(tmp_path, "v.csv", text), mapping_path=mapping)
    assert (summary.status, summary.imported, summary.ignored) == ("WARNING", 2, 1)
    assert summary.conflicts[0]["object"] == "Nữ"
    assert _stored() == {("IND_A", "XA-A", "2024", Decimal("100")),
                         ("IND_A_MALE", "XA-A", "2024", Decimal("48"))}


class _Generated(io.RawIOBase):
    """A file of ``count`` data values made as it is read (none of it held in memory)."""

    def __init__(self, head: bytes, row: bytes, tail: bytes, count: int) -> None:
        self.parts = iter([head, *([row] * count), tail])  # the list holds one shared row
        self.pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        while len(self.pending) < len(buffer):
            part = next(self.parts, None)
            if part is None:
                break
            self.pending += part
        size = min(len(buffer), len(self.pending))
        buffer[:size], self.pending = self.pending[:size], self.pending[size:]
        return size


@pytest.mark.parametrize("name, head, row, tail", [
    ("v.json", b'{"dataValues": [', b'{"dataElement": "DE_A", "period": "202401", "orgUnit": '
                                     b'"OU_A", "value": "12.5", "comment": "ghi ch\xc3\xba"},', b"{}]}"),
    ("v.xml", b'<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0">',
     b'<dataValue dataElement="DE_A" period="202401" orgUnit="OU_A" value="12.5"/>\n',
     b"</dataValueSet>"),
    ("v.adx.xml", b'<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="OU_A" period="2024-01-01/P1M">',
     b'<dataValue dataElement="DE_A" value="12.5"><annotation>x</annotation></dataValue>\n',
     b"</group></adx>"),
    ("v.csv", b"", b"DE_A,202401,OU_A,,,12.5,admin,2024-02-01,ghi ch\xc3\xba,false\r\n", b""),
], ids=["json", "xml", "adx", "csv"])
def test_reading_streams_memory_does_not_grow_with_the_file(name, head, row, tail) -> None:
    from kehoach.values.dhis2.reading import read_values

    count = 6_000_000 // len(row)  # about 6 MB: read whole, it would take twice that
    stream = io.BufferedReader(_Generated(head, row, tail, count), buffer_size=1 << 16)
    tracemalloc.start()
    try:
        read = sum(1 for _value in read_values(stream, name)[1])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert read == count + (name == "v.json")
    assert peak < 8 * 1024 * 1024, f"{peak / 1e6:.1f} MB for {count} values"


def test_adx_disaggregations_map_in_any_order_and_go_back_out(world, tmp_path) -> None:
    mapping = _mapping(tmp_path, CODES + [
        ("category_option_combo", "DE_A.SEX=M;AGE_GROUP=0-11m", "IND_A_MALE")])
    text = ('<adx xmlns="urn:ihe:qrph:adx:2015"><group orgUnit="OU_A" period="2024-01-01/P3M" '
            'dataSet="DS"><dataValue dataElement="DE_A" AGE_GROUP="0-11m" SEX="M" value="4"/>'
            '<dataValue dataElement="DE_A" AGE_GROUP="0-11m" SEX="F" value="5"/>'
            '<dataValue dataElement="DE_A" value="9"/></group></adx>')
    summary = dhis2_import(path=_file(tmp_path, "v.adx.xml", text), mapping_path=mapping)
    assert (summary.imported, summary.ignored) == (2, 1)
    assert summary.conflicts[0]["object"] == "AGE_GROUP=0-11m;SEX=F"
    assert _stored() == {("IND_A_MALE", "XA-A", "2024-Q1", Decimal("4")),
                         ("IND_A", "XA-A", "2024-Q1", Decimal("9"))}
    out = tmp_path / "out.adx.xml"
    call_command("export_dhis2", "--mapping", str(mapping), "--out", str(out), "--data-set", "DS",
                 stdout=io.StringIO())
    assert '<dataValue dataElement="DE_A" AGE_GROUP="0-11m" SEX="M" value="4"/>' in out.read_text()


# --- periods ----------------------------------------------------------------------------------

@pytest.mark.parametrize("dhis2, kehoach", [
    ("2024", "2024"), ("2024Q1", "2024-Q1"), ("2024S2", "2024-H2"), ("202401", "2024-01"),
    ("2024-01-01/P1Y", "2024"), ("2024-07-01/P6M", "2024-H2"), ("2024-04-01/P3M", "2024-Q2"),
    ("2024-09-01/P1M", "2024-09"), ("2021-01-01/P5Y", "2021-2025"),
])
def test_dhis2_periods_map_to_kehoach_periods_and_back(dhis2, kehoach) -> None:
    assert from_dhis2(dhis2) == kehoach
    assert to_iso(kehoach) == (dhis2 if "/" in dhis2 else to_iso(kehoach))
    if "/" not in dhis2:
        assert to_dhis2(kehoach) == dhis2


@pytest.mark.parametrize("period", ["2024W5", "20240105", "2024April", "2024BiM1",
                                    "2024-01-01/P7D", "2024-02-01/P3M"])
def test_weeks_days_and_financial_years_are_not_held(period) -> None:
    with pytest.raises(PeriodNotHeld):
        from_dhis2(period)


# --- bad input --------------------------------------------------------------------------------

def test_bad_values_weeks_and_duplicates_each_get_a_conflict(world, tmp_path) -> None:
    text = ("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n"
            "DE_A,2024,OU_A,,,abc\n"        # not a number
            "DE_A,2023,OU_A,,,\"1,5\"\n"    # a comma is not DHIS2's decimal mark
            "DE_B,2024,OU_A,,,1.5\n"        # taken
            "DE_B,2024W5,OU_A,,,3\n"        # a week
            "DE_X,2024,OU_A,,,3\n"          # unknown data element
            "DE_A,2022,OU_A,,,7\n"          # replaced by the next one
            "DE_A,2022,OU_A,,,8\n")
    summary = dhis2_import(path=_file(tmp_path, "v.csv", text),
                           mapping_path=_mapping(tmp_path, CODES))
    data = summary.as_dict()
    assert (data["status"], data["imported"], data["ignored"], data["duplicates"]) == (
        "WARNING", 2, 5, 1)
    assert {r["reason"]: r["count"] for r in data["ignoredBy"]} == {
        "value": 2, "period": 1, "data_element": 1, "duplicate": 1}
    assert data["ignoredBy"][0] == {"reason": "value", "count": 2,
                                    "label": "giá trị không phải là số hoặc để trống"}
    by_object = {c["object"]: c["value"] for c in data["conflicts"]}
    assert "không phải là số" in by_object["DE_A"]
    assert "tuần" in by_object["2024W5"]
    assert "DE_X" in by_object
    assert by_object["#7"].startswith("dòng 7 bị dòng 8 (cùng phần tử dữ liệu, kỳ và đơn vị)")
    assert "sau cùng" in by_object["#7"] and "sau cùng" in data["description"]
    assert _stored() == {("IND_B", "XA-A", "2024", Decimal("1.5")),
                         ("IND_A", "XA-A", "2022", Decimal("8"))}


def test_units_outside_their_lifetime_and_empty_values_say_why(world, tmp_path) -> None:
    from datetime import date

    world["ou"].valid_to = date(2025, 6, 30)
    world["ou"].save()
    world["ou2"].valid_from = date(2025, 7, 1)
    world["ou2"].save()
    text = ("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n"
            "DE_A,2026,OU_A,,,1\nDE_A,2024,OU_B,,,2\nDE_A,2024,OU_A,,,\nDE_A,2025,OU_A,,,4\n")
    mapping = _mapping(tmp_path, CODES + [("org_unit", "OU_B", "XA-B")])
    summary = dhis2_import(path=_file(tmp_path, "v.csv", text), mapping_path=mapping)
    assert (summary.imported, summary.ignored) == (1, 3)
    assert [c["value"] for c in summary.conflicts] == [
        "đơn vị “XA-A” chỉ có hiệu lực đến 30/06/2025, không nhận số liệu kỳ 2026.",
        "đơn vị “XA-B” chỉ có hiệu lực từ 01/07/2025, không nhận số liệu kỳ 2024.",
        "thiếu giá trị (value để trống).",
    ]
    assert _stored() == {("IND_A", "XA-A", "2025", Decimal("4"))}


def test_an_org_unit_across_the_reorganisation_maps_to_a_unit_per_period(world, tmp_path) -> None:
    """One DHIS2 org unit for the province before and after 1 July 2025: two mapping rows, the
    unit valid in each value's period is used; units valid at the same time are refused."""
    from datetime import date

    world["ou"].valid_to = date(2025, 6, 30)
    world["ou"].save()
    world["ou2"].valid_from = date(2025, 7, 1)
    world["ou2"].save()
    mapping = _mapping(tmp_path, CODES + [("org_unit", "OU_A", "XA-B")])
    text = ("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n"
            "DE_A,2024,OU_A,,,1\nDE_A,2026,OU_A,,,2\nDE_A,2025,OU_A,,,3\n")
    summary = dhis2_import(path=_file(tmp_path, "v.csv", text), mapping_path=mapping)
    assert (summary.status, summary.imported) == ("SUCCESS", 3), summary.as_dict()
    assert _stored() == {("IND_A", "XA-A", "2024", Decimal("1")),
                         ("IND_A", "XA-B", "2026", Decimal("2")),
                         ("IND_A", "XA-A", "2025", Decimal("3"))}  # the first that fits
    world["ou2"].valid_from = date(2025, 1, 1)
    world["ou2"].save()
    refused = dhis2_import(path=_file(tmp_path, "v.csv", text), mapping_path=mapping)
    assert refused.status == "ERROR" and "không chồng nhau" in refused.conflicts[0]["value"]


def test_json_numbers_are_taken_as_written(world, tmp_path) -> None:
    text = ('{"dataValues": [{"dataElement": "DE_A", "period": "2024", "orgUnit": "OU_A", '
            '"value": 1791857.25}, {"dataElement": "DE_B", "period": "2024", '
            '"orgUnit": "OU_A", "value": NaN}]}')
    summary = dhis2_import(path=_file(tmp_path, "v.json", text), mapping_path=_mapping(tmp_path, CODES))
    assert (summary.imported, summary.ignored) == (1, 1)
    assert "“NaN” không phải là số" in summary.conflicts[0]["value"]
    assert Value.objects.get().value == Decimal("1791857.25")


def test_csv_lines_are_counted_as_in_the_file(world, tmp_path, monkeypatch) -> None:
    """A comment over two lines, a U+2028 in a comment and CRLF split between two reads: the
    conflict names the file's own line."""
    monkeypatch.setattr("kehoach.values.dhis2.reading.CHUNK", 7)
    text = ("dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,"
            "lastupdated,comment\r\n"
            'DE_A,2024,OU_A,,,1,u,,"hai\r\ndòng"\r\n'
            "DE_B,2024,OU_A,,,2,u,,một\u2028dòng\r\n"
            "DE_A,2023,OU_A,,,x,u,,\r\n")
    summary = dhis2_import(path=_file(tmp_path, "v.csv", text), mapping_path=_mapping(tmp_path, CODES))
    assert (summary.imported, summary.ignored) == (2, 1), summary.as_dict()
    assert set(Value.objects.values_list("note", flat=True)) == {"hai\r\ndòng", "một\u2028dòng"}
    assert summary.conflicts[0]["object"] == "DE_A"
    from kehoach.values.dhis2.reading import read_values

    with _file(tmp_path, "w.csv", text).open("rb") as stream:
        assert [v.position for v in read_values(stream, "w.csv")[1]] == [3, 4, 5]


def test_an_attribute_option_combo_other_than_default_is_not_taken(world, tmp_path) -> None:
    """Two values that differ only by their attribute option combo (a funding source) are not
    one value twice: kehoach holds neither apart, so neither is guessed."""
    text = ('{"orgUnit": "OU_A", "period": "2024", "dataValues": ['
            '{"dataElement": "DE_A", "value": "1", "attributeOptionCombo": "HllvX50cXC0"},'
            '{"dataElement": "DE_B", "value": "2", "attributeOptionCombo": "FUND_A"},'
            '{"dataElement": "DE_B", "value": "3", "attributeOptionCombo": "FUND_B"}]}')
    summary = dhis2_import(path=_file(tmp_path, "v.json", text), mapping_path=_mapping(tmp_path, CODES))
    assert (summary.imported, summary.ignored, summary.duplicates) == (1, 2, 0)
    assert [c["object"] for c in summary.conflicts] == ["FUND_A", "FUND_B"]
    assert summary.reasons == {"attribute_option_combo": 2}
    assert _stored() == {("IND_A", "XA-A", "2024", Decimal("1"))}


@pytest.mark.parametrize("header", [
    "unit,indicator,period,kind,value,note",  # kehoach's own values file given by mistake
    "dhis2_kind,dhis2_id,kehoach_code,period",
    "dataelement,period,orgunit,value,ghi_chu",
])
def test_a_header_that_is_not_dhis2s_refuses_the_file(world, tmp_path, header) -> None:
    text = f"{header}\nXA-A,IND_A,2024,actual,1,\n"
    summary = dhis2_import(path=_file(tmp_path, "v.csv", text), mapping_path=_mapping(tmp_path, CODES))
    assert (summary.status, summary.ignored) == ("ERROR", 0)
    assert "Dòng tiêu đề không phải của tệp CSV DHIS2" in summary.error
    assert not Value.objects.exists()


def test_dhis2_csv_headers_in_their_variants_are_read(world, tmp_path) -> None:
    text = ('"dataelement","period","orgunit","catoptcombo","attroptcombo","value","storedby",'
            '"lastupd","comment"\n"DE_A","2024","OU_A","","","5","u","2015-04-01","c"\n'
            "\nData_Element,Period,Org_Unit,Value\n")
    summary = dhis2_import(path=_file(tmp_path, "v.csv", text), mapping_path=_mapping(tmp_path, CODES))
    assert (summary.imported, summary.ignored) == (1, 1)  # a header later on is only a bad row
    other = "de,pe,ou,value\nDE_B,2024,OU_A,6\n"
    summary = dhis2_import(path=_file(tmp_path, "w.csv", other), mapping_path=_mapping(tmp_path, CODES))
    assert (summary.status, summary.imported) == ("SUCCESS", 1)


def test_a_broken_csv_stores_nothing(world, tmp_path) -> None:
    text = 'DE_A,2024,OU_A,,,1\nDE_B,2024,OU_A,,,"2\n'  # a quote never closed
    import csv

    csv.field_size_limit(50)
    try:
        summary = dhis2_import(path=_file(tmp_path, "v.csv", text + "x" * 100),
                               mapping_path=_mapping(tmp_path, CODES))
    finally:
        csv.field_size_limit(131072)
    assert summary.status == "ERROR" and "CSV hỏng" in summary.error
    assert not Value.objects.exists()


def test_files_as_dhis2_gives_them_gzip_and_zip_are_read(world, tmp_path, settings) -> None:
    import gzip
    import zipfile

    xml = (SAMPLES / "dataValueSetBcode.xml").read_bytes()
    (tmp_path / "a.xml.gz").write_bytes(gzip.compress(xml))
    with zipfile.ZipFile(tmp_path / "a.xml.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("dataValueSet.xml", xml)
    mapping = _mapping(tmp_path, CODES)
    for name in ("a.xml.gz", "a.xml.zip"):
        summary = dhis2_import(path=tmp_path / name, mapping_path=mapping, dry_run=True)
        assert (summary.format, summary.imported, summary.ignored) == ("xml", 4, 8), name
    with zipfile.ZipFile(tmp_path / "two.zip", "w") as archive:
        archive.writestr("a.xml", xml)
        archive.writestr("b.xml", xml)
    (tmp_path / "cut.json.gz").write_bytes(gzip.compress(xml)[:-30])
    for name, reason, limit in [("two.zip", "đúng một tệp", 1 << 30),
                                ("cut.json.gz", "Tệp nén hỏng hoặc bị cắt cụt", 1 << 30),
                                ("a.xml.gz", "giải nén quá lớn", 100),  # unpacked: 400 bytes
                                ("a.xml.zip", "giải nén quá lớn", 100)]:
        settings.KEHOACH_MAX_STREAMED_UPLOAD_BYTES = limit
        summary = dhis2_import(path=tmp_path / name, mapping_path=mapping)
        assert summary.status == "ERROR" and reason in summary.error, (name, summary.error)
    assert not Value.objects.exists()


def test_truncated_xml_stores_nothing_and_the_command_exits_1(world, tmp_path, capsys) -> None:
    text = ('<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0">'
            '<dataValue dataElement="DE_A" period="2024" orgUnit="OU_A" value="1"/>'
            '<dataValue dataElement="DE_X" period="2024" orgUnit="OU_A" value="1"/>'
            '<dataValue dataElement="DE_B" period="2024" orgUnit="OU_A" val')
    with pytest.raises(SystemExit) as exit_:
        call_command("import_dhis2", str(_file(tmp_path, "v.xml", text)), "--mapping",
                     str(_mapping(tmp_path, CODES)), "--format", "json")
    assert exit_.value.code == 1
    data = json.loads(capsys.readouterr().out)
    assert (data["status"], data["imported"], data["ignored"], data["conflicts"]) == (
        "ERROR", 0, 0, [])
    assert "cắt cụt" in data["description"]
    assert not Value.objects.exists()


def test_a_dtd_is_refused(world, tmp_path) -> None:
    text = ('<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;">]>'
            '<dataValueSet><dataValue dataElement="DE_A" period="2024" orgUnit="OU_A" value="1"/>'
            '</dataValueSet>')
    summary = dhis2_import(path=_file(tmp_path, "v.xml", text), mapping_path=_mapping(tmp_path, CODES))
    assert summary.status == "ERROR" and "DTD" in summary.error
    assert not Value.objects.exists()


def test_a_mapping_to_a_missing_code_is_refused_before_reading(world, tmp_path, capsys) -> None:
    mapping = _mapping(tmp_path, CODES + [("org_unit", "OU_B", "KHONG-CO")])
    data_file = _file(tmp_path, "v.xml", "this is not even read")
    with pytest.raises(SystemExit):
        call_command("import_dhis2", str(data_file), "--mapping", str(mapping), "--format", "json")
    data = json.loads(capsys.readouterr().out)
    assert data["status"] == "ERROR"
    assert data["conflicts"] == [{"object": "dòng 5 của tệp ánh xạ",
                                  "value": "không có đơn vị mã “KHONG-CO” trong kehoach."}]
    assert not Value.objects.exists()


def test_dry_run_reports_the_same_counts_and_stores_nothing(world, tmp_path) -> None:
    kwargs = {"path": SAMPLES / "dataValueSetBcode.xml", "mapping_path": _mapping(tmp_path, CODES)}
    dry = dhis2_import(dry_run=True, **kwargs)
    assert (dry.status, dry.imported, dry.ignored) == ("WARNING", 4, 8)
    assert not Value.objects.exists() and not ValueRevision.objects.exists()
    assert "Chạy thử" in dry.as_dict()["description"]


def test_nothing_mapped_is_an_error(world, tmp_path) -> None:
    mapping = _mapping(tmp_path, [("data_element", "DE_Z", "IND_A"), ("org_unit", "OU_A", "XA-A")])
    summary = dhis2_import(path=SAMPLES / "dataValueSetBcode.xml", mapping_path=mapping)
    assert (summary.status, summary.imported, summary.ignored) == ("ERROR", 0, 12)


# --- strategies -------------------------------------------------------------------------------

def test_strategies_create_update_and_delete(world, tmp_path) -> None:
    mapping = _mapping(tmp_path, CODES)
    one = "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value\n"
    first = _file(tmp_path, "a.csv", one + "DE_A,2024,OU_A,,,1\n")
    both = _file(tmp_path, "b.csv", one + "DE_A,2024,OU_A,,,2\nDE_B,2024,OU_A,,,3\n")
    dhis2_import(path=first, mapping_path=mapping)
    created = dhis2_import(path=both, mapping_path=mapping, strategy="create")
    assert (created.imported, created.updated, created.ignored) == (1, 0, 1)
    assert _stored() == {("IND_A", "XA-A", "2024", Decimal("1")),
                         ("IND_B", "XA-A", "2024", Decimal("3"))}
    Value.objects.filter(indicator__code="IND_B").delete()
    updated = dhis2_import(path=both, mapping_path=mapping, strategy="update")
    assert (updated.imported, updated.updated, updated.ignored) == (0, 1, 1)
    deleted = dhis2_import(path=both, mapping_path=mapping, strategy="delete")
    assert (deleted.deleted, deleted.ignored, deleted.status) == (1, 1, "WARNING")
    assert not Value.objects.exists()
    assert ValueRevision.objects.filter(action="delete", indicator_code="IND_A").count() == 1


# --- out, and back in -------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["json", "xml", "csv", "adx.xml"])
def test_export_then_import_into_an_empty_kehoach_gives_the_same_values(world, tmp_path,
                                                                        suffix) -> None:
    mapping = _mapping(tmp_path, [("data_element", "DE_A", "IND_A"),
                                  ("category_option_combo", "DE_A.SEX=M", "IND_A_MALE"),
                                  ("org_unit", "OU_A", "XA-A"), ("org_unit", "OU_B", "XA-B")])
    from kehoach.values.services import value_set

    for indicator, unit, period, value in [
        (world["A"], world["ou"], "2024", "12.5"), (world["A"], world["ou2"], "2024-Q3", "7"),
        (world["MALE"], world["ou"], "2024-09", "1791857.25"), (world["A"], world["ou"], "2023-H1", "-3"),
    ]:
        value_set(indicator=indicator, unit=unit, period=period, kind="actual",
                  value=Decimal(value), note="ghi chú <&>")
    before = _stored()
    notes = set(Value.objects.values_list("indicator__code", "period", "note"))
    out = tmp_path / f"out.{suffix}"
    call_command("export_dhis2", "--mapping", str(mapping), "--out", str(out), stdout=io.StringIO())
    Value.objects.all().delete()
    summary = dhis2_import(path=out, mapping_path=mapping)
    assert (summary.status, summary.imported) == ("SUCCESS", 4), summary.as_dict()
    assert _stored() == before
    assert set(Value.objects.values_list("indicator__code", "period", "note")) == notes


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("terminal", [True, False])
def test_the_command_shows_progress_on_a_terminal_only(world, tmp_path, monkeypatch,
                                                       terminal) -> None:
    rows = "".join(f"DE_A,2024{m:02d},OU_{n},,,{n}\n" for n in range(1000) for m in range(1, 13))
    path = _file(tmp_path, "v.csv", "DE_A,2024,OU_A,,,1\n" + rows)
    err = _Terminal() if terminal else io.StringIO()
    monkeypatch.setattr("sys.stderr", err)
    out = io.StringIO()
    call_command("import_dhis2", str(path), "--mapping", str(_mapping(tmp_path, CODES)),
                 "--dry-run", stdout=out)
    assert out.getvalue().startswith("status WARNING  imported 1  updated 0  ignored 12000")
    if terminal:
        assert "\rread 10,000" in err.getvalue() and err.getvalue().endswith("\n")
        assert "stored 1" in err.getvalue()
    else:
        assert err.getvalue() == ""


def test_export_of_a_year_and_unit_and_of_a_unit_kehoach_lacks(world, tmp_path) -> None:
    from django.core.management.base import CommandError

    from kehoach.values.services import value_set

    for unit, period in [(world["ou"], "2024"), (world["ou"], "2023"), (world["ou2"], "2024")]:
        value_set(indicator=world["A"], unit=unit, period=period, kind="actual", value=Decimal(1))
    mapping = _mapping(tmp_path, CODES + [("org_unit", "OU_B", "XA-B")])
    out, printed = tmp_path / "o.csv", io.StringIO()
    call_command("export_dhis2", "--mapping", str(mapping), "--out", str(out), "--year", "2024",
                 "--unit", "XA-A", stdout=printed)
    assert printed.getvalue().strip() == f"exported 1 values to {out}"
    assert out.read_text().splitlines()[1:] == ["DE_A,2024,OU_A,,,1,kehoach,,,false"]
    with pytest.raises(CommandError, match="KHONG-CO") as refused:
        call_command("export_dhis2", "--mapping", str(mapping), "--out", str(out), "--unit",
                     "KHONG-CO")
    assert refused.value.returncode == 2
