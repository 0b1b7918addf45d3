"""Production settings are safe, and the access rules of core.permissions hold for the cast."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kehoach.core import permissions

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_is_clean_with_debug_off_and_a_real_secret(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SECURE_", "SESSION_", "CSRF_"))}
    env.update(DEBUG="0", SECRET_KEY="x" * 20 + "a-real-secret-for-the-deploy-check-0123456789",
               ALLOWED_HOSTS="kehoach.example.vn", KEHOACH_VAR_DIR=str(tmp_path),
               DJANGO_SETTINGS_MODULE="kehoach.settings")
    env.pop("DATABASE_URL", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests of this run
    out = subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert "no issues" in out.stdout


@pytest.mark.django_db
def test_scopes(planner, leader, reporter_a, reporter_b, unit_a, unit_b, commune, admin_user):
    assert permissions.unit_scope_ids(planner) is None
    assert permissions.unit_scope_ids(leader) is None
    assert permissions.unit_scope_ids(reporter_a) == {unit_a.id}
    assert permissions.can_write_unit_data(reporter_a, unit_a.id)
    assert not permissions.can_read_unit_data(reporter_b, unit_a.id)
    assert not permissions.can_write_unit_data(leader, unit_a.id)
    assert permissions.is_manager(admin_user) and permissions.is_manager(planner)
    assert not permissions.is_manager(leader)


@pytest.mark.django_db
def test_anonymous_has_no_scope(anon_client):
    from django.contrib.auth.models import AnonymousUser

    user = AnonymousUser()
    assert permissions.unit_scope_ids(user) == set()
    assert not permissions.can_see_reference_data(user)
    assert not permissions.is_province_wide(user)


@pytest.mark.django_db
def test_reporter_of_a_district_sees_its_communes(province):
    from kehoach.testing.factories import UnitFactory, UserFactory

    district = UnitFactory(code="H1", type="district", parent=province)
    commune = UnitFactory(code="X1", type="commune", parent=district)
    user = UserFactory(username="huyen", role="reporter", unit=district)
    assert permissions.unit_scope_ids(user) == {district.id, commune.id}


@pytest.mark.django_db
def test_home_page_for_everyone(anon_client, reporter_a_client):
    assert "Đăng nhập" in anon_client.get("/").content.decode()
    assert "Đăng xuất" in reporter_a_client.get("/").content.decode()


@pytest.mark.django_db
def test_admin_is_for_administrators_only(planner_client, admin_client_):
    assert planner_client.get("/quan-tri/").status_code == 302
    assert admin_client_.get("/quan-tri/").status_code == 200


@pytest.mark.django_db
def test_unit_scope_is_computed_once_per_request_and_afresh_outside(province, django_assert_num_queries):
    from kehoach.core.middleware import RequestMemoMiddleware
    from kehoach.testing.factories import UnitFactory, UserFactory

    district = UnitFactory(code="H1", type="district", parent=province)
    user = UserFactory(username="huyen", role="reporter", unit=district)
    seen = []

    def view(request):
        seen.append(permissions.unit_scope_ids(user))
        seen.append(permissions.unit_scope_ids(user))
        return None

    with django_assert_num_queries(1):
        RequestMemoMiddleware(view)(None)
    assert seen == [{district.id}, {district.id}]
    commune = UnitFactory(code="X1", type="commune", parent=district)
    RequestMemoMiddleware(view)(None)  # the next request sees the new commune
    assert seen[-1] == {district.id, commune.id}
    with django_assert_num_queries(2):  # outside a request nothing is remembered
        permissions.unit_scope_ids(user)
        permissions.unit_scope_ids(user)


def test_env_int_reads_whole_numbers_and_names_a_bad_one(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from kehoach.settings import env_int

    monkeypatch.setenv("KEHOACH_TEST_INT", " 587 ")
    assert env_int("KEHOACH_TEST_INT", 25) == 587
    monkeypatch.setenv("KEHOACH_TEST_INT", "")
    assert env_int("KEHOACH_TEST_INT", 25) == 25
    monkeypatch.delenv("KEHOACH_TEST_INT")
    assert env_int("KEHOACH_TEST_INT", 25) == 25
    monkeypatch.setenv("KEHOACH_TEST_INT", "25a")
    with pytest.raises(ImproperlyConfigured, match="KEHOACH_TEST_INT must be a whole number, not '25a'"):
        env_int("KEHOACH_TEST_INT", 25)


def test_smtp_login_and_tls_come_from_the_environment(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("EMAIL_")}
    env.update(EMAIL_HOST_USER="kehoach@tinh.gov.vn", EMAIL_HOST_PASSWORD="mat-khau",
               EMAIL_USE_TLS="1", EMAIL_PORT="587", KEHOACH_VAR_DIR=str(tmp_path),
               DJANGO_SETTINGS_MODULE="kehoach.settings")
    code = ("from django.conf import settings as s; print(s.EMAIL_HOST_USER, s.EMAIL_HOST_PASSWORD, "
            "s.EMAIL_USE_TLS, s.EMAIL_USE_SSL, s.EMAIL_PORT, s.EMAIL_TIMEOUT)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.stdout.split() == ["kehoach@tinh.gov.vn", "mat-khau", "True", "False", "587", "30"]
    env.update(EMAIL_USE_SSL="1")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode != 0 and "EMAIL_USE_TLS and EMAIL_USE_SSL are exclusive" in out.stderr
