"""Big uploads run as background jobs: progress page, summary, bad rows as a file, who may see."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kehoach.core.tests.factories import IndicatorFactory
from kehoach.values.models import ImportJob, Value


@pytest.fixture(autouse=True)
def background(settings, tmp_path):
    settings.KEHOACH_BACKGROUND_IMPORT_BYTES = 1  # every upload goes to the worker
    settings.KEHOACH_IMPORT_DIR = tmp_path / "imports"


def _post(client, url, files, data, capture):
    with capture(execute=True):
        return client.post(url, {**files, **data})


def test_a_values_upload_runs_in_the_background_and_ends_with_its_summary(
    planner_client, unit_a, django_capture_on_commit_callbacks, tmp_path
) -> None:
    IndicatorFactory(code="REVENUE")
    text = "unit,indicator,period,kind,value\n" + "".join(
        f"{unit_a.code},REVENUE,{year},actual,{year}.5\n" for year in range(2001, 2021))
    response = _post(planner_client, "/so-lieu/nhap-tep/",
                     {"file": SimpleUploadedFile("v.csv", text.encode())},
                     {"locale": "auto"}, django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/so-lieu/nhap-tep/viec/{job.pk}/"
    assert job.status == "done" and job.result["created"] == 20
    assert Value.objects.count() == 20
    assert not list((tmp_path / "imports").glob("*.upload"))  # the upload is not kept
    page = planner_client.get(response["Location"])
    assert page.status_code == 200
    assert "tạo mới 20" in page.content.decode() and "every 1s" not in page.content.decode()


def test_bad_rows_are_a_downloadable_file_and_nothing_is_stored(
    planner_client, reporter_b_client, unit_a, django_capture_on_commit_callbacks
) -> None:
    IndicatorFactory(code="REVENUE")
    text = f"unit,indicator,period,kind,value\n{unit_a.code},REVENUE,2024,actual,1\n" \
           f"{unit_a.code},NOPE,2024,actual,1\n{unit_a.code},REVENUE,2023,actual,abc\n"
    _post(planner_client, "/so-lieu/nhap-tep/", {"file": SimpleUploadedFile("v.csv", text.encode())},
          {"locale": "auto"}, django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == "failed" and not Value.objects.exists()
    errors = planner_client.get(f"/so-lieu/nhap-tep/viec/{job.pk}/loi.csv")
    assert errors.status_code == 200
    body = b"".join(errors.streaming_content).decode()
    assert body.splitlines()[0] == "line,column,message"
    assert "3,indicator," in body and "4,value," in body
    assert reporter_b_client.get(f"/so-lieu/nhap-tep/viec/{job.pk}/").status_code == 404
    assert reporter_b_client.get(f"/so-lieu/nhap-tep/viec/{job.pk}/loi.csv").status_code == 404


def test_a_dhis2_upload_runs_in_the_background(planner_client, unit_a,
                                               django_capture_on_commit_callbacks) -> None:
    IndicatorFactory(code="IND_A")
    xml = (b'<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0"><dataValue dataElement="DE_A" '
           b'period="2024" orgUnit="OU_A" value="7"/></dataValueSet>')
    mapping = f"dhis2_kind,dhis2_id,kehoach_code\ndata_element,DE_A,IND_A\norg_unit,OU_A,{unit_a.code}\n"
    response = _post(planner_client, "/so-lieu/dhis2/",
                     {"file": SimpleUploadedFile("v.xml", xml),
                      "mapping": SimpleUploadedFile("m.csv", mapping.encode())},
                     {"strategy": "create_and_update", "kind": "actual"},
                     django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.kind == "dhis2"
    assert job.result["status"] == "SUCCESS" and job.result["imported"] == 1
    assert Value.objects.get().value == Decimal("7")
    page = planner_client.get(f"/so-lieu/nhap-tep/viec/{job.pk}/", HTTP_HX_REQUEST="true")
    assert page.status_code == 200 and "SUCCESS" in page.content.decode()


def test_a_dhis2_job_lists_every_value_not_taken_in_its_file(
        planner_client, unit_a, django_capture_on_commit_callbacks) -> None:
    IndicatorFactory(code="IND_A")
    rows = "".join(f"DE_A,2024,OU_{n},,,{n}\n" for n in range(1500))  # org units not mapped
    data = f"DE_A,2024,OU_A,,,7\n{rows}DE_A,2023,OU_A,,,abc\n".encode()
    mapping = f"dhis2_kind,dhis2_id,kehoach_code\ndata_element,DE_A,IND_A\norg_unit,OU_A,{unit_a.code}\n"
    _post(planner_client, "/so-lieu/dhis2/", {"file": SimpleUploadedFile("v.csv", data),
                                              "mapping": SimpleUploadedFile("m.csv", mapping.encode())},
          {"strategy": "create_and_update", "kind": "actual"}, django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert (job.result["status"], job.result["imported"], job.result["ignored"]) == (
        "WARNING", 1, 1501)
    assert len(job.result["conflicts"]) == 1000
    page = planner_client.get(f"/so-lieu/nhap-tep/viec/{job.pk}/").content.decode()
    assert "Tải danh sách giá trị bị bỏ qua (CSV)" in page
    assert "1.501" in page  # the description's numbers are written the Vietnamese way
    assert "Giá trị bị bỏ qua, theo lý do" in page
    assert "<td>Đơn vị không có trong tệp ánh xạ</td><td class=\"num\">1.500</td>" in page
    response = planner_client.get(f"/so-lieu/nhap-tep/viec/{job.pk}/loi.csv")
    lines = b"".join(response.streaming_content).decode().splitlines()
    assert lines[0] == "position,object,message" and len(lines) == 1 + 1501
    assert lines[1] == "2,OU_0,đơn vị (org unit) không có trong tệp ánh xạ."
    assert lines[-1].startswith('1502,DE_A,"giá trị “abc” không phải là số')
    assert Value.objects.get().value == Decimal("7")


def test_a_dhis2_upload_with_a_bad_mapping_is_refused_before_any_job(
        planner_client, unit_a, django_capture_on_commit_callbacks, settings) -> None:
    settings.KEHOACH_MAX_UPLOAD_BYTES = 100  # the mapping's limit; the data file has its own
    IndicatorFactory(code="IND_A")
    xml = (b'<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0">'
           + b'<dataValue dataElement="DE_A" period="2024" orgUnit="OU_A" value="7"/>' * 20
           + b"</dataValueSet>")
    mapping = "dhis2_kind,dhis2_id,kehoach_code\ndata_element,DE_A,IND_A\norg_unit,OU_A,KHONG-CO\n"
    response = _post(planner_client, "/so-lieu/dhis2/",
                     {"file": SimpleUploadedFile("v.xml", xml),
                      "mapping": SimpleUploadedFile("m.csv", mapping.encode())},
                     {"strategy": "create_and_update", "kind": "actual"},
                     django_capture_on_commit_callbacks)
    assert response.status_code == 400
    body = response.content.decode()
    assert "ERROR" in body and "KHONG-CO" in body and "không đọc tệp dữ liệu" in body
    assert not ImportJob.objects.exists() and not Value.objects.exists()
    assert not list(settings.KEHOACH_IMPORT_DIR.glob("*.upload"))  # the file was not kept


def test_a_dhis2_upload_may_be_larger_than_other_uploads(
        planner_client, unit_a, django_capture_on_commit_callbacks, settings) -> None:
    """A national data value set is hundreds of MB: its page streams it to the worker, past the
    10 MB of the files read whole; it has a limit of its own."""
    settings.KEHOACH_MAX_UPLOAD_BYTES = 100
    IndicatorFactory(code="IND_A")
    rows = b"".join(b'<dataValue dataElement="DE_A" period="2024%02d" orgUnit="OU_A" value="%d"/>'
                    % (m, m) for m in range(1, 13))
    xml = b'<dataValueSet xmlns="http://dhis2.org/schema/dxf/2.0">' + rows + b"</dataValueSet>"
    assert len(xml) > 100
    mapping = f"dhis2_kind,dhis2_id,kehoach_code\ndata_element,DE_A,IND_A\norg_unit,OU_A,{unit_a.code}\n"
    files = {"file": SimpleUploadedFile("v.xml", xml),
             "mapping": SimpleUploadedFile("m.csv", mapping.encode())}
    response = _post(planner_client, "/so-lieu/dhis2/", files,
                     {"strategy": "create_and_update", "kind": "actual"},
                     django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert ImportJob.objects.get().result["imported"] == 12 and Value.objects.count() == 12
    settings.KEHOACH_MAX_STREAMED_UPLOAD_BYTES = 200
    files["file"].seek(0)
    files["mapping"].seek(0)
    refused = planner_client.post("/so-lieu/dhis2/", {**files, "strategy": "create_and_update",
                                                      "kind": "actual"})
    assert refused.status_code == 200 and "Tệp quá lớn" in refused.content.decode()
    assert ImportJob.objects.count() == 1


def test_a_running_job_page_polls_for_progress(planner, planner_client, anon_client) -> None:
    import uuid

    job = ImportJob.objects.create(id=uuid.uuid4(), user=planner, kind="values", filename="big.csv",
                                   size=1000, status="running")
    page = planner_client.get(f"/so-lieu/nhap-tep/viec/{job.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'hx-trigger="every 1s"' in body and "<progress" in body
    assert anon_client.get(f"/so-lieu/nhap-tep/viec/{job.pk}/").status_code == 302
    assert planner_client.get("/so-lieu/nhap-tep/viec/not-a-uuid/").status_code == 404
