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
