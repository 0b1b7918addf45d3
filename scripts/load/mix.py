"""What the load mix reads from the pages and which demo accounts it uses (no locust import here:
importing locust monkey-patches the process with gevent)."""

from __future__ import annotations

import os
import re

CSRF = re.compile(r'"X-CSRFToken": "([^"]+)"')
FORM_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ROW = re.compile(r'<tr data-row="(\d+)" data-n="[^"]*">(.*?)</tr>', re.S)
CELL = re.compile(r'class="c num[^"]* ed[^"]*" data-k="([^"]+)" data-raw="([^"]*)" data-v="(\d+)"')


def _users(variable: str, default: str) -> list[tuple[str, str]]:
    pairs = os.environ.get(variable, default).split(",")
    return [tuple(pair.split(":", 1)) for pair in pairs]  # type: ignore[misc]


REPORTERS = _users("LOAD_REPORTERS", "soyte:demo-soyte-2026,sonnmt:demo-sonnmt-2026")
LEADERS = _users("LOAD_LEADERS", "lanhdao:demo-lanhdao-2026,kehoach:demo-kehoach-2026")
