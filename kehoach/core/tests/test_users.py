import pytest
from django.core.management import call_command

from kehoach.core.models import AuditEntry, User


@pytest.mark.django_db
def test_create_user_command(unit_a, capsys):
    call_command("create_user", "moi", "--role", "reporter", "--unit", "SO-A",
                 "--password", "mat-khau-rat-dai-2026", "--name", "Nguyễn Văn Mới")
    user = User.objects.get(username="moi")
    assert (user.unit, user.role, user.is_staff, user.last_name) == (unit_a, "reporter", False, "Mới")
    assert user.check_password("mat-khau-rat-dai-2026")
    assert AuditEntry.objects.filter(action="user_create", object_id=str(user.pk)).exists()


@pytest.mark.django_db
def test_create_user_refuses_bad_input(unit_a):
    from django.core.management.base import CommandError

    for argv in (["moi", "--role", "reporter", "--password", "x-y-z-123456"],
                 ["moi", "--role", "planning", "--unit", "KHONG-CO", "--password", "x"]):
        with pytest.raises(CommandError) as info:
            call_command("create_user", *argv)
        assert info.value.returncode == 2
    assert not User.objects.filter(username="moi").exists()


@pytest.mark.django_db
def test_admin_creates_an_account_with_role_and_unit(admin_client_, unit_a):
    response = admin_client_.post("/quan-tri/core/user/add/", {
        "username": "bao_cao_moi", "password1": "mat-khau-rat-dai-2026",
        "password2": "mat-khau-rat-dai-2026", "role": "admin", "unit": unit_a.pk,
    })
    assert response.status_code == 302
    user = User.objects.get(username="bao_cao_moi")
    assert user.is_staff and user.is_superuser and user.unit == unit_a
    assert AuditEntry.objects.filter(action="user_create", object_id=str(user.pk)).exists()


@pytest.mark.django_db
def test_only_administrators_manage_accounts(planner_client):
    assert planner_client.get("/quan-tri/core/user/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("password, message", [
    ("123", "quá ngắn"), ("password", ""), ("12345678", ""), ("nguoi_dung_moi", ""),
])
def test_create_user_applies_the_password_validators(unit_a, capsys, password, message):
    with pytest.raises(SystemExit) as info:
        call_command("create_user", "nguoi_dung_moi", "--role", "reporter", "--unit", "SO-A",
                     "--password", password)
    assert info.value.code == 1
    assert message in capsys.readouterr().err
    assert not User.objects.filter(username="nguoi_dung_moi").exists()


@pytest.mark.django_db
def test_user_create_service_refuses_a_weak_password():
    from django.core.exceptions import ValidationError

    from kehoach.core.services import user_create

    with pytest.raises(ValidationError) as info:
        user_create(username="yeu", password="12345678", role="leader")
    assert "password" in info.value.message_dict
    assert not User.objects.filter(username="yeu").exists()
