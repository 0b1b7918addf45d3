"""Vietnamese for everyone, whatever the browser says; English only when a person chooses it,
remembered on the account."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from kehoach.core.models import AuditEntry
from kehoach.testing import PASSWORD

ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}


def _home(client):
    response = client.get(reverse("home"), **ENGLISH_BROWSER)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("client_name", ["anon_client", "planner_client", "reporter_a_client"])
def test_an_english_browser_gets_vietnamese(request, client_name):
    response = _home(request.getfixturevalue(client_name))
    body = response.content.decode()
    assert '<html lang="vi">' in body and response["Content-Language"] == "vi"
    assert "Log in" not in body and "Log out" not in body


def test_the_menu_names_each_language_in_itself(anon_client):
    body = _home(anon_client).content.decode()
    assert '<option value="vi" selected>Tiếng Việt</option>' in body
    assert '<option value="en">English</option>' in body and "Tiếng Anh" not in body


def test_a_user_chooses_english_and_it_is_remembered_on_the_account(planner, planner_client):
    response = planner_client.post(reverse("set_language"),
                                   {"language": "en", "next": reverse("account")})
    assert response.status_code == 302 and response.url == reverse("account")
    planner.refresh_from_db()
    assert planner.language == "en"
    assert AuditEntry.objects.get(action="user.language").data == {"from": "vi", "to": "en"}
    body = planner_client.get(reverse("account")).content.decode()
    assert '<html lang="en">' in body and "Log out" in body and "English" in body
    other = Client()  # another computer: the account, not the browser, remembers it
    assert other.login(username=planner.username, password=PASSWORD)
    assert '<html lang="en">' in other.get(reverse("home")).content.decode()
    other.post(reverse("logout"))
    assert '<html lang="vi">' in _home(other).content.decode()


def test_a_visitor_chooses_english_for_this_browser_only(anon_client):
    response = anon_client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302 and response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert '<html lang="en">' in anon_client.get(reverse("home")).content.decode()
    assert '<html lang="vi">' in _home(Client()).content.decode()


def test_bad_choices_change_nothing(planner, planner_client):
    response = planner_client.post(reverse("set_language"),
                                   {"language": "fr", "next": "https://example.org/"})
    assert response.status_code == 302 and response.url == "/"
    planner.refresh_from_db()
    assert planner.language == "vi" and not AuditEntry.objects.filter(action="user.language")
    assert planner_client.get(reverse("set_language")).status_code == 405


def test_programs_may_still_ask_the_api_for_english(anon_client):
    response = anon_client.get("/api/v1/", **ENGLISH_BROWSER)
    assert response["Content-Language"] == "en"
    assert anon_client.get("/api/v1/")["Content-Language"] == "vi"
