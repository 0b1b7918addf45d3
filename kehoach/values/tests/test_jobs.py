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
    assert errors["Content-Disposition"] == 'attachment; filename="loi-v.csv"'
    raw = b"".join(errors.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")  # a byte-order mark: Excel reads the Vietnamese
    body = raw.decode("utf-8-sig")
    assert body.splitlines()[0] == "Dòng,Cột,Lỗi"  # headed in Vietnamese
    assert "3,indicator,không có chỉ tiêu mã “NOPE”" in body and "4,value," in body
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
    assert lines[0] == "\ufeffVị trí,Đối tượng,Lý do" and len(lines) == 1 + 1501
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


def test_a_running_dhis2_job_offers_no_partial_list_of_values_not_taken(
        planner, planner_client) -> None:
    import uuid

    from rest_framework.test import APIClient

    from kehoach.values.jobs import job_path

    job = ImportJob.objects.create(id=uuid.uuid4(), user=planner, kind="dhis2", filename="lon.csv",
                                   size=1000, status="running")
    job_path(job, "errors.csv").write_text("Vị trí,Đối tượng,Lý do\n3,x,y\n")  # spilled so far
    assert planner_client.get(f"/so-lieu/nhap-tep/viec/{job.pk}/loi.csv").status_code == 404
    assert f"/so-lieu/nhap-tep/viec/{job.pk}/loi.csv" not in \
        planner_client.get("/so-lieu/nhap-tep/viec/").content.decode()
    api = APIClient()
    api.force_authenticate(planner)
    assert api.get(f"/api/v1/import-jobs/{job.pk}/").json()["errors_url"] is None
    assert api.get(f"/api/v1/import-jobs/{job.pk}/errors/").status_code == 404


def test_my_import_jobs_are_listed_to_come_back_to(planner, planner_client, reporter_b,
                                                   reporter_b_client, unit_a,
                                                   django_capture_on_commit_callbacks) -> None:
    import json
    import uuid

    from kehoach.values.jobs import job_path

    IndicatorFactory(code="REVENUE")
    text = f"unit,indicator,period,kind,value\n{unit_a.code},NOPE,2024,actual,1\n"
    _post(planner_client, "/so-lieu/nhap-tep/", {"file": SimpleUploadedFile("xau.csv", text.encode())},
          {"locale": "auto"}, django_capture_on_commit_callbacks)
    failed = ImportJob.objects.get()
    running = ImportJob.objects.create(id=uuid.uuid4(), user=planner, kind="values",
                                       filename="toan-quoc.csv", size=1000, status="running")
    job_path(running, "progress").write_text(json.dumps({"read": 120_000, "checked": 0,
                                                         "stored": 0, "bytes": 500}))
    theirs = ImportJob.objects.create(id=uuid.uuid4(), user=reporter_b, kind="values",
                                      filename="cua-so-b.csv", size=10, status="done",
                                      result={"ok": True, "summary": "tạo mới 1"})
    page = planner_client.get("/so-lieu/nhap-tep/viec/")
    assert page.status_code == 200
    body = page.content.decode()
    assert body.index("toan-quoc.csv") < body.index("xau.csv")  # the latest first
    assert "Đã đọc 120.000 dòng · đã kiểm tra 0 · đã lưu 0" in body
    assert 'hx-trigger="every 2s"' in body  # a job still running: the list refreshes itself
    assert "1 lỗi; không có dữ liệu nào được lưu." in body
    assert f'href="/so-lieu/nhap-tep/viec/{failed.pk}/loi.csv"' in body
    assert f"/so-lieu/nhap-tep/viec/{running.pk}/" in body
    assert "cua-so-b.csv" not in body  # only one's own jobs
    other = reporter_b_client.get("/so-lieu/nhap-tep/viec/").content.decode()
    assert "cua-so-b.csv" in other and "xau.csv" not in other and "every 2s" not in other
    assert "Các lần nhập tệp của tôi" in planner_client.get("/so-lieu/nhap-tep/").content.decode()
    assert theirs.pk


def test_a_values_csv_may_be_larger_than_other_uploads_but_not_an_xlsx(
        planner_client, unit_a, django_capture_on_commit_callbacks, settings) -> None:
    """A national values CSV is streamed to the worker past the 10 MB of the files read whole;
    an .xlsx is read whole, so it keeps that limit and the message says to save it as CSV."""
    settings.KEHOACH_MAX_UPLOAD_BYTES = 100
    IndicatorFactory(code="REVENUE")
    text = "unit,indicator,period,kind,value\n" + "".join(
        f"{unit_a.code},REVENUE,{year},actual,{year}\n" for year in range(2001, 2011))
    assert len(text) > 100
    response = _post(planner_client, "/so-lieu/nhap-tep/",
                     {"file": SimpleUploadedFile("v.csv", text.encode())}, {"locale": "auto"},
                     django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert ImportJob.objects.get().result["created"] == 10 and Value.objects.count() == 10
    refused = planner_client.post("/so-lieu/nhap-tep/", {
        "file": SimpleUploadedFile("v.xlsx", b"PK" + b"x" * 200), "locale": "auto"})
    assert refused.status_code == 200
    assert "Tệp quá lớn" in refused.content.decode() and "lưu thành CSV" in refused.content.decode()
    settings.KEHOACH_MAX_STREAMED_UPLOAD_BYTES = 200
    refused = planner_client.post("/so-lieu/nhap-tep/", {
        "file": SimpleUploadedFile("v.csv", text.encode()), "locale": "auto"})
    assert refused.status_code == 200 and "Tệp quá lớn" in refused.content.decode()
    assert ImportJob.objects.count() == 1 and Value.objects.count() == 10


def test_progress_is_written_when_the_file_is_read_to_its_end_and_at_each_new_stage(
        tmp_path) -> None:
    """Throttled to twice a second, but the last count read and each new stage are written at
    once: the page says 'checking' while the whole-file checks run, not a stale count."""
    import io
    import json
    import uuid

    from kehoach.values.jobs import _Progress, import_job_phase

    path = tmp_path / "p.json"
    progress = _Progress(path, size=10)
    progress.stream = io.BytesIO(b"0123456789")
    progress("read", 1)
    progress.stream.read(5)
    progress("read", 2)  # throttled
    assert json.loads(path.read_text())["read"] == 1
    progress.stream.read()
    progress("read", 3)  # the file read to its end
    written = json.loads(path.read_text())
    assert (written["read"], written["bytes"]) == (3, 10)
    job = ImportJob(id=uuid.uuid4(), kind="values", filename="f.csv", size=10)
    assert import_job_phase(job, written) == "checking"
    progress("checked", 3)  # a new stage: written at once
    assert json.loads(path.read_text())["checked"] == 3
    assert import_job_phase(job, json.loads(path.read_text())) == "storing"
    assert import_job_phase(job, {"read": 1, "checked": 0, "stored": 0, "bytes": 4}) == "reading"


def test_a_large_dhis2_file_through_the_api_is_a_job_to_follow(
        planner, planner_client, reporter_b_client, unit_a, django_capture_on_commit_callbacks,
        settings) -> None:
    from rest_framework.test import APIClient

    settings.KEHOACH_MAX_UPLOAD_BYTES = 100  # the API's limit for files read whole; not this one
    IndicatorFactory(code="IND_A")
    data = "".join(f"DE_A,2024{m:02d},OU_A,,,{m}\n" for m in range(1, 13)) + "DE_A,2024,OU_X,,,1\n"
    mapping = f"dhis2_kind,dhis2_id,kehoach_code\ndata_element,DE_A,IND_A\norg_unit,OU_A,{unit_a.code}\n"
    api = APIClient()
    api.force_authenticate(planner)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/dhis2/import/", {
            "file": SimpleUploadedFile("v.csv", data.encode()),
            "mapping": SimpleUploadedFile("m.csv", mapping.encode())}, format="multipart")
    assert response.status_code == 202, response.content
    job = ImportJob.objects.get()
    assert response.json()["url"] == f"/api/v1/import-jobs/{job.pk}/"
    done = api.get(f"/api/v1/import-jobs/{job.pk}/").json()
    assert done["status"] == "done" and done["progress"]["read"] == 13
    assert (done["result"]["status"], done["result"]["imported"], done["result"]["ignored"]) == (
        "WARNING", 12, 1)
    errors = api.get(done["errors_url"])
    assert errors["Content-Disposition"] == 'attachment; filename="loi-v.csv"'  # as the page's
    assert b"".join(errors.streaming_content).decode().splitlines() == [
        "\ufeffVị trí,Đối tượng,Lý do", "13,OU_X,đơn vị (org unit) không có trong tệp ánh xạ."]
    assert Value.objects.count() == 12
    assert reporter_b_client.get(f"/api/v1/import-jobs/{job.pk}/").status_code == 404
    assert api.get("/api/v1/import-jobs/khong-co/").status_code == 404
    bad = "dhis2_kind,dhis2_id,kehoach_code\ndata_element,DE_A,KHONG-CO\norg_unit,OU_A,X\n"
    refused = api.post("/api/v1/dhis2/import/", {
        "file": SimpleUploadedFile("v.csv", data.encode()),
        "mapping": SimpleUploadedFile("m.csv", bad.encode())}, format="multipart")
    assert refused.status_code == 400 and "KHONG-CO" in str(refused.json())
    assert ImportJob.objects.count() == 1


def test_a_compressed_dhis2_upload_counts_at_what_it_unpacks_to(settings) -> None:
    import gzip

    from kehoach.values.jobs import dhis2_runs_in_background, runs_in_background

    text = b"DE_A,2024,OU_A,,,1\n" * 10
    packed = SimpleUploadedFile("v.csv.gz", gzip.compress(text * 50))
    settings.KEHOACH_BACKGROUND_IMPORT_BYTES = packed.size * 5
    assert not runs_in_background(packed) and dhis2_runs_in_background(packed)
    assert packed.read(2) == b"\x1f\x8b"  # left at its start for the import
    plain = SimpleUploadedFile("v.csv", text)
    assert not dhis2_runs_in_background(plain) and not runs_in_background(plain)
