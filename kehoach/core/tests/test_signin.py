"""Sign-in throttling on the sign-in page, the admin and the token endpoint; the client address
from X-Forwarded-For only through the configured proxy."""

from __future__ import annotations

import time

import pytest
import time_machine
from django.test import Client, RequestFactory
from rest_framework.authtoken.models import Token

from kehoach.core.models import AuditEntry
from kehoach.core.network import client_ip
from kehoach.testing import PASSWORD

WRONG = "sai-mat-khau"


@pytest.fixture(autouse=True)
def limits(settings):
    settings.KEHOACH_SIGNIN_ACCOUNT_LIMIT = 5
    settings.KEHOACH_SIGNIN_ADDRESS_LIMIT = 20
    settings.KEHOACH_SIGNIN_WINDOW = 900
    settings.KEHOACH_SIGNIN_LOCKOUT = 900


def web(client, username, password, **extra):
    return client.post("/dang-nhap/", {"username": username, "password": password}, **extra)


def admin(client, username, password):
    return client.post("/quan-tri/login/", {"username": username, "password": password})


def token(client, username, password, **extra):
    return client.post("/api/v1/token/", {"username": username, "password": password}, **extra)


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(planner):
    client = Client()
    for _ in range(4):
        assert "Đăng nhập sai quá nhiều" not in web(client, planner.username, WRONG).content.decode()
    response = web(client, planner.username, WRONG)
    assert "Đăng nhập sai quá nhiều lần nên tạm bị khóa" in response.content.decode()
    response = web(client, planner.username, PASSWORD)
    assert response.status_code == 200 and "thử lại sau 15 phút" in response.content.decode()
    assert "_auth_user_id" not in client.session
    with time_machine.travel(time.time() + 901):
        assert web(client, planner.username, PASSWORD).status_code == 302
    assert client.session["_auth_user_id"] == str(planner.pk)


@pytest.mark.django_db
def test_the_lock_holds_on_the_admin_and_the_token_endpoint(admin_user):
    client = Client()
    for _ in range(5):
        admin(client, admin_user.username, WRONG)
    body = admin(client, admin_user.username, PASSWORD).content.decode()
    assert "tạm bị khóa" in body and "_auth_user_id" not in client.session
    response = token(client, admin_user.username, PASSWORD)
    assert response.status_code == 429 and int(response["Retry-After"]) > 800
    assert "tạm bị khóa" in response.json()["error"]["message"]
    assert not Token.objects.filter(user=admin_user).exists()
    assert web(client, admin_user.username, PASSWORD).status_code == 200  # the page too


@pytest.mark.django_db
def test_token_endpoint_counts_wrong_passwords_too(reporter_a):
    client = Client()
    for _ in range(4):
        assert token(client, reporter_a.username, WRONG).status_code == 400
    assert token(client, reporter_a.username, WRONG).status_code == 429  # the fifth locks
    assert token(client, reporter_a.username, PASSWORD).status_code == 429


@pytest.mark.django_db
def test_a_right_password_clears_the_account_counter(planner):
    client = Client()
    for _ in range(4):
        web(client, planner.username, WRONG)
    assert web(client, planner.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        web(client, planner.username, WRONG)
    assert web(client, planner.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_one_address_trying_many_accounts_is_locked(settings, leader):
    settings.KEHOACH_SIGNIN_ADDRESS_LIMIT = 8
    client = Client(REMOTE_ADDR="198.51.100.7")
    names = [f"khong-co-{i}" for i in range(8)]
    for name in names:
        web(client, name, WRONG)
    assert "tạm bị khóa" in web(client, leader.username, PASSWORD).content.decode()
    other = Client(REMOTE_ADDR="198.51.100.8")  # the account itself is not locked
    assert web(other, leader.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_a_forged_forwarded_header_does_not_escape_the_address_lock(settings, leader):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    settings.KEHOACH_SIGNIN_ADDRESS_LIMIT = 8
    client = Client(REMOTE_ADDR="198.51.100.7")
    for i in range(8):
        web(client, f"x{i}", WRONG, HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")
    body = web(client, leader.username, PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.99")
    assert "tạm bị khóa" in body.content.decode()


def test_client_ip_believes_the_header_only_from_a_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.1.0.0/16"]
    rf = RequestFactory()
    direct = rf.get("/", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(direct) == "198.51.100.7"
    proxied = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5")
    assert client_ip(proxied) == "203.0.113.5"
    chained = rf.get("/", REMOTE_ADDR="127.0.0.1",
                     HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5, 10.1.2.3")
    assert client_ip(chained) == "203.0.113.5"
    garbage = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip(garbage) == "127.0.0.1"
    settings.TRUSTED_PROXIES = []
    assert client_ip(proxied) == "127.0.0.1"


@pytest.mark.django_db
def test_token_is_issued_with_its_expiry_and_refused_once_expired(reporter_a, settings):
    settings.KEHOACH_API_TOKEN_DAYS = 30
    client = Client()
    response = token(client, reporter_a.username, PASSWORD)
    assert response.status_code == 200
    key = response.json()["token"]
    assert response.json()["expires"]
    assert AuditEntry.objects.filter(action="api_token.issue", actor=reporter_a).count() == 1
    auth = {"HTTP_AUTHORIZATION": f"Token {key}"}
    assert client.get("/api/v1/units/", **auth).status_code == 200
    with time_machine.travel(time.time() + 31 * 86400):
        response = client.get("/api/v1/units/", **auth)
        assert response.status_code == 401 and "hết hạn" in response.json()["error"]["message"]
        fresh = token(Client(), reporter_a.username, PASSWORD).json()["token"]
        assert fresh != key and Token.objects.get(user=reporter_a).key == fresh
        assert Client().get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {fresh}").status_code == 200


@pytest.mark.django_db
def test_user_sees_and_revokes_their_token(reporter_a, reporter_a_client, reporter_b):
    key = token(Client(), reporter_a.username, PASSWORD).json()["token"]
    Token.objects.create(user=reporter_b)
    page = reporter_a_client.get("/tai-khoan/token-api/")
    body = page.content.decode()
    assert page.status_code == 200 and key[:6] in body and key not in body and "Hết hạn" in body
    response = reporter_a_client.post("/tai-khoan/token-api/")
    assert response.status_code == 302
    assert not Token.objects.filter(user=reporter_a).exists()
    assert Token.objects.filter(user=reporter_b).exists()
    assert AuditEntry.objects.filter(action="api_token.revoke", actor=reporter_a).exists()
    response = Client().get("/api/v1/units/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 401
    assert "chưa có token" in reporter_a_client.get("/tai-khoan/token-api/").content.decode()


@pytest.mark.django_db
def test_token_page_needs_sign_in(anon_client):
    response = anon_client.get("/tai-khoan/token-api/")
    assert response.status_code == 302 and "/dang-nhap/" in response["Location"]
    assert anon_client.post("/tai-khoan/token-api/").status_code == 302


@pytest.mark.django_db
def test_password_validators_speak_vietnamese(planner):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.utils import translation

    with translation.override("vi"), pytest.raises(ValidationError) as error:
        validate_password("123", user=planner)
    text = " ".join(error.value.messages)
    assert "Mật khẩu quá ngắn" in text and "hoàn toàn là số" in text


@pytest.mark.django_db
def test_passwords_are_hashed_with_argon2id_and_older_hashes_upgraded(settings, planner):
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = ["kehoach.core.passwords.Argon2PasswordHasher",
                                 "django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    assert make_password("x").startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    planner.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    planner.save(update_fields=["password"])
    assert web(Client(), planner.username, PASSWORD).status_code == 302
    planner.refresh_from_db()
    assert planner.password.startswith("argon2$argon2id$")
