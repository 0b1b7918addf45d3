import pytest
from django.core.management import call_command

from kehoach.core.models import User
from kehoach.units.models import Unit


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(tmp_path, planner, unit_a):
    out = tmp_path / "backup.json.gz"
    call_command("backup", out=str(out))
    Unit.objects.create(code="LATER", name="Thêm sau", type="other")
    call_command("restore", str(out))
    assert not Unit.objects.filter(code="LATER").exists()
    assert Unit.objects.filter(code="SO-A").exists()
    assert User.objects.get(username=planner.username).unit.code == "TINH"


def test_restore_missing_file_is_a_usage_error():
    from django.core.management import ManagementUtility

    with pytest.raises(SystemExit) as info:
        ManagementUtility(["kehoach", "restore", "/nonexistent.json"]).execute()
    assert info.value.code == 2


@pytest.mark.django_db(transaction=True)
def test_backup_is_private_without_tokens_and_restore_leaves_no_copy(tmp_path, planner,
                                                                     monkeypatch):
    import gzip
    import os
    import tempfile

    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=planner)
    out = tmp_path / "backup.json.gz"
    out.write_bytes(b"old")
    os.chmod(out, 0o644)
    call_command("backup", out=str(out))
    assert out.stat().st_mode & 0o777 == 0o600
    text = gzip.decompress(out.read_bytes()).decode()
    assert token.key not in text and "authtoken" not in text and planner.username in text
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    call_command("restore", str(out))
    assert list(scratch.iterdir()) == []
    assert User.objects.filter(username=planner.username).exists()
