"""``kehoach backup`` / ``kehoach restore``: every table (equal counts and checksums) and the
uploaded files round trip, also from SQLite to PostgreSQL; a damaged or tampered backup restores
nothing."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
import tarfile
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, ManagementUtility, call_command
from django.db import connection

from kehoach.core.backup import table_checksums
from kehoach.core.models import User
from kehoach.tasks import services as task_services
from kehoach.tasks.models import Evidence
from kehoach.testing.factories import IndicatorFactory, PlanFactory, ValueFactory
from kehoach.units.models import Unit
from kehoach.values.models import Value

PDF = b"%PDF-1.4\n% bien ban nghiem thu\n" + bytes(range(256)) * 40


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def filled(media, planner, reporter_a, province, unit_a):
    """Data in many tables, and an evidence file uploaded with a progress report."""
    plan = PlanFactory(code="KH-56", unit=province, start_year=2021, end_year=2030,
                       status="approved")
    ValueFactory(indicator=IndicatorFactory(code="GRDP"), unit=unit_a, value=Decimal("7.125"))
    task = task_services.task_create(actor=planner, plan=plan, number="1", text="Lập đề án",
                                     lead_unit=unit_a, deadline_text="Quý IV/2030")
    upload = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    task_services.progress_report_create(task=task, actor=reporter_a, unit=unit_a,
                                         text="Đã nghiệm thu", percent=Decimal(40), files=[upload])
    return Evidence.objects.get()


def _backup(path: Path) -> str:
    out = io.StringIO()
    call_command("backup", out=str(path), stdout=out)
    return out.getvalue()


@pytest.mark.django_db(transaction=True)
def test_round_trip_restores_every_table_and_the_uploaded_files(tmp_path, filled, media):
    before = table_checksums()
    assert before["tasks.evidence"]["rows"] == 1 and before["values.value"]["rows"] == 1
    path = tmp_path / "sao-luu.tar.gz"
    assert "1 uploaded files" in _backup(path)
    Unit.objects.create(code="LATER", name="Thêm sau", type="other")
    Value.objects.update(value=Decimal(9))
    stored = media / filled.file.name
    stored.unlink()
    (media / "la.txt").write_text("không có trong bản sao lưu")
    out = io.StringIO()
    call_command("restore", str(path), stdout=out)
    assert "counts and checksums equal" in out.getvalue()
    assert table_checksums() == before
    assert stored.read_bytes() == PDF and not (media / "la.txt").exists()
    assert not list(media.parent.glob(".restore-*")) and not list(media.parent.glob(".media-old*"))


@pytest.mark.django_db(transaction=True)
def test_backup_is_private_without_tokens(tmp_path, planner, media):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=planner)
    path = tmp_path / "sao-luu.tar.gz"
    path.write_bytes(b"old")
    os.chmod(path, 0o644)
    _backup(path)
    assert path.stat().st_mode & 0o777 == 0o600
    with tarfile.open(path) as archive:
        text = archive.extractfile("data.json").read().decode()
        manifest = json.loads(archive.extractfile("manifest.json").read())
    assert token.key not in text and "authtoken" not in text and planner.username in text
    assert manifest["tables"]["core.user"]["rows"] == 1
    assert "authtoken.token" not in manifest["tables"]


def _tamper(path: Path, out: Path, change) -> None:
    with tarfile.open(path) as archive:
        members = {m.name: archive.extractfile(m).read() for m in archive.getmembers() if m.isfile()}
    change(members)
    with tarfile.open(out, "w:gz") as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))


def _tampered_checksum(members):
    manifest = json.loads(members["manifest.json"])
    manifest["tables"]["values.value"]["sha256"] = "0" * 64
    members["manifest.json"] = json.dumps(manifest).encode()


def _tampered_file(members):
    name = next(n for n in members if n.startswith("media/"))
    members[name] = b"not the evidence"


def _escaping_member(members):
    members["media/../../ngoai.txt"] = b"x"


def _truncated(path: Path, out: Path) -> None:
    out.write_bytes(path.read_bytes()[:200])


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("damage, message", [
    (_tampered_checksum, "values.value"),
    (_tampered_file, "damaged"),
    (_escaping_member, "cannot read"),
    (_truncated, "cannot read"),
])
def test_a_damaged_backup_restores_nothing(tmp_path, filled, media, damage, message):
    good = tmp_path / "sao-luu.tar.gz"
    _backup(good)
    bad = tmp_path / "hong.tar.gz"
    if damage is _truncated:
        damage(good, bad)
    else:
        _tamper(good, bad, damage)
    Unit.objects.create(code="LATER", name="Thêm sau", type="other")
    before = table_checksums()
    with pytest.raises(CommandError, match=message) as info:
        call_command("restore", str(bad))
    assert "nothing changed" in str(info.value)
    assert table_checksums() == before
    assert (media / filled.file.name).read_bytes() == PDF
    assert not (tmp_path / "ngoai.txt").exists() and not (media.parent / "ngoai.txt").exists()


@pytest.mark.parametrize("argv", [["restore", "/nonexistent.tar.gz"],
                                  ["backup", "--out", "/tmp/sao-luu.zip"],
                                  ["backup", "--out", "/khong/co/thu-muc/sao-luu.tar.gz"]])
def test_bad_usage_exits_2(argv):
    with pytest.raises(SystemExit) as info:
        ManagementUtility(["kehoach", *argv]).execute()
    assert info.value.code == 2


@pytest.mark.django_db(transaction=True)
def test_a_first_format_backup_still_restores_its_data(tmp_path, planner, unit_a):
    data = io.StringIO()
    call_command("dumpdata", natural_foreign=True, stdout=data,
                 exclude=["contenttypes", "auth.permission", "sessions", "admin.logentry",
                          "authtoken"])
    old = tmp_path / "cu.json.gz"
    old.write_bytes(gzip.compress(data.getvalue().encode()))
    Unit.objects.create(code="LATER", name="Thêm sau", type="other")
    call_command("restore", str(old), stdout=io.StringIO())
    assert not Unit.objects.filter(code="LATER").exists()
    assert User.objects.get(username=planner.username).unit.code == "TINH"


# --- from SQLite to PostgreSQL: the way off the embedded default ---------------------------------

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")
CHECKSUMS = "import json; from kehoach.core.backup import table_checksums; " \
            "print(json.dumps(table_checksums()))"


def _postgres_url() -> str | None:
    if connection.vendor == "postgresql":
        db = connection.settings_dict
        return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    url = os.environ.get("KEHOACH_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")
    probe = subprocess.run(["pg_isready", "-d", f"{url}/postgres", "-q"], check=False)
    return url if probe.returncode == 0 else None


def _kehoach(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([sys.executable, MANAGE, *args], env=env, capture_output=True,
                          text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.slow
@pytest.mark.django_db
def test_from_sqlite_to_postgresql_with_the_demo_and_an_uploaded_file(tmp_path):
    server = _postgres_url()
    if server is None:
        pytest.skip("no PostgreSQL server on this machine")
    name = f"kehoach_restore_{os.getpid()}"
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    sqlite = {**base, "DATABASE_URL": f"sqlite:///{tmp_path / 'nhung.sqlite3'}", "DEBUG": "1",
              "KEHOACH_VAR_DIR": str(tmp_path / "a")}
    postgres = {**sqlite, "DATABASE_URL": f"{server}/{name}", "KEHOACH_VAR_DIR": str(tmp_path / "b")}
    admin = {**base, "DATABASE_URL": f"{server}/postgres"}
    _kehoach(sqlite, "migrate", "-v", "0")
    _kehoach(sqlite, "load_demo")
    evidence = ("from django.core.files.base import ContentFile; "
                "from kehoach.tasks.models import Evidence, ProgressReport; "
                "r = ProgressReport.objects.first(); "
                f"e = Evidence(report=r, name='bien-ban.pdf', size={len(PDF)}, "
                "content_type='application/pdf'); "
                f"e.file.save('bien-ban.pdf', ContentFile({PDF!r})); print(e.file.name)")
    stored_name = _kehoach(sqlite, "shell", "-v", "0", "-c", evidence).strip()
    archive = tmp_path / "sao-luu.tar.gz"
    _kehoach(sqlite, "backup", "--out", str(archive))
    _kehoach(admin, "shell", "-c", "from django.db import connection; c = connection.cursor(); "
             f"c.execute('DROP DATABASE IF EXISTS {name}'); c.execute('CREATE DATABASE {name}')")
    try:
        _kehoach(postgres, "migrate", "-v", "0")
        assert "counts and checksums equal" in _kehoach(postgres, "restore", str(archive))
        source = json.loads(_kehoach(sqlite, "shell", "-v", "0", "-c", CHECKSUMS))
        target = json.loads(_kehoach(postgres, "shell", "-v", "0", "-c", CHECKSUMS))
        assert target == source
        assert source["values.value"]["rows"] > 100 and source["tasks.evidence"]["rows"] >= 1
        restored = tmp_path / "b" / "media" / stored_name
        assert restored.read_bytes() == PDF
    finally:
        _kehoach(admin, "shell", "-c", "from django.db import connection; "
                 f"connection.cursor().execute('DROP DATABASE IF EXISTS {name}')")
