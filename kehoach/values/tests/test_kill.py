"""A server killed in the middle of an import leaves nothing half-stored: ``kehoach import_values``
and a background import job are started as real processes on a large generated file and killed
with SIGKILL once rows are staged; nothing is stored, and the job left running is closed at the
next start (``recover_imports``)."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from kehoach.core.models import AuditEntry, User
from kehoach.core.tests.factories import IndicatorFactory, UnitFactory
from kehoach.values.jobs import job_path
from kehoach.values.models import ImportJob, Value, ValueRevision

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="a second process needs the test database (SQLite's is in memory)"),
]

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
UNITS, INDICATORS = 30, 20
YEARS = range(2001, 2041)  # × 12 months: 480 periods → 288,000 rows


def _big_file(path: Path) -> int:
    units = [UnitFactory(code=f"DV{i:02d}", name=f"Đơn vị {i}", type="department")
             for i in range(UNITS)]
    indicators = [IndicatorFactory(code=f"CT{i:02d}") for i in range(INDICATORS)]
    rows = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("unit,indicator,period,kind,value,note\n")
        for year in YEARS:
            for month in range(1, 13):
                for unit in units:
                    for indicator in indicators:
                        out.write(f"{unit.code},{indicator.code},{year}-{month:02d},actual,"
                                  f"{year + month}.5,\n")
                        rows += 1
    return rows


def _env() -> dict[str, str]:
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {**os.environ, "DATABASE_URL": url, "KEHOACH_IMPORT_DIR": str(settings.KEHOACH_IMPORT_DIR)}


def _kill_when(process: subprocess.Popen, reached, timeout: float = 120) -> None:
    """SIGKILL ``process`` as soon as ``reached()`` is true (it must still be running)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, "the import ended before it could be killed"
        if reached():
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            return
        time.sleep(0.05)
    process.kill()
    pytest.fail("the import never reached the point where it is killed")


def _nothing_stored() -> None:
    assert Value.objects.count() == 0
    assert ValueRevision.objects.count() == 0
    assert not AuditEntry.objects.filter(action="value_bulk_import").exists()


def _staging_gone() -> None:
    """The killed session's temporary staging table goes with it (PostgreSQL ends the session
    when the client disappears)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_class WHERE relname = 'kehoach_value_stage'")
            if cursor.fetchone()[0] == 0:
                return
        time.sleep(0.2)
    pytest.fail("the staging table outlived the killed import")


@pytest.mark.django_db(transaction=True)
def test_import_values_killed_midway_stores_nothing(tmp_path):
    path = tmp_path / "so-lieu.csv"
    rows = _big_file(path)
    assert rows == UNITS * INDICATORS * len(YEARS) * 12
    main, child = pty.openpty()  # the progress line is written to a terminal only
    process = subprocess.Popen([sys.executable, MANAGE, "import_values", str(path)],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=child,
                               env=_env())
    os.close(child)
    seen = bytearray()

    def staged() -> bool:  # "read 60,000 · checked 60,000 · …": rows are in the staging table
        while select.select([main], [], [], 0)[0]:
            try:
                seen.extend(os.read(main, 4096))
            except OSError:
                break
        counts = [part.strip().split(" ")[-1] for part in seen.decode(errors="replace")
                  .split("\r")[-1].split("·") if "checked" in part]
        return bool(counts) and int(counts[0].replace(",", "")) >= 60_000

    try:
        _kill_when(process, staged)
    finally:
        os.close(main)
    assert process.returncode == -signal.SIGKILL
    _nothing_stored()
    _staging_gone()


@pytest.mark.django_db(transaction=True)
def test_a_background_job_killed_midway_stores_nothing_and_is_closed_at_next_start(
        tmp_path, settings):
    settings.KEHOACH_IMPORT_DIR = tmp_path / "imports"
    settings.KEHOACH_IMPORT_DIR.mkdir()
    path = tmp_path / "so-lieu.csv"
    _big_file(path)
    user = User.objects.create_user(username="ke_hoach", password="x", role="planning")
    job = ImportJob.objects.create(id="6b1f1e55-0000-4000-8000-000000000001", user=user,
                                   kind=ImportJob.Kind.VALUES, filename="so-lieu.csv",
                                   size=path.stat().st_size, options={"locale": "auto"})
    path.rename(job_path(job, "upload"))
    code = f"from kehoach.values.jobs import import_job_run; import_job_run(job_id='{job.pk}')"
    process = subprocess.Popen([sys.executable, MANAGE, "shell", "-c", code],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=_env())

    def staged() -> bool:
        try:
            return '"checked": ' in (text := job_path(job, "progress").read_text()) and int(
                text.split('"checked": ')[1].split(",")[0].rstrip("}")) >= 60_000
        except (OSError, ValueError, IndexError):
            return False

    _kill_when(process, staged)
    _nothing_stored()
    _staging_gone()
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING  # the worker died: nobody said otherwise
    call_command("recover_imports")  # a job that moved seconds ago may still be running
    job.refresh_from_db()
    assert job.status == ImportJob.Status.RUNNING
    call_command("recover_imports", "--stale-minutes=0")  # the next start, later
    job.refresh_from_db()
    assert job.status == ImportJob.Status.FAILED and "không có gì được lưu" in job.result["summary"]
    assert not job_path(job, "upload").exists() and not job_path(job, "progress").exists()
    assert AuditEntry.objects.filter(action="import_job_recover").count() == 1
    _nothing_stored()


@pytest.mark.django_db
def test_recover_imports_refuses_a_negative_age():
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="0 or more"):
        call_command("recover_imports", "--stale-minutes=-1")
