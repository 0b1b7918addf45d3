"""Content-Security-Policy: every page is sent with a policy that allows scripts and styles only
from this site's files, and no template has an inline script, style block, style attribute or
event-handler attribute (which that policy would block)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # the kehoach package
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/(?:ld\+)?json)[^>]*>", re.I),
    "style block": re.compile(r"<style\b", re.I),
    "style attribute": re.compile(r"\sstyle=[\"']", re.I),
    "event handler": re.compile(r"\son[a-z]+=[\"']", re.I),
    "javascript: URL": re.compile(r"javascript:", re.I),
}


def templates() -> list[Path]:
    return sorted(p for p in ROOT.rglob("templates/**/*.html") if "node_modules" not in p.parts)


def test_no_template_has_inline_script_or_style():
    found = [f"{path.relative_to(ROOT)}: {what}"
             for path in templates() for what, pattern in INLINE.items()
             if pattern.search(path.read_text())]
    assert not found, "move these into static files (see kehoach.js data-css / data-action):\n" \
        + "\n".join(found)


def test_the_scan_would_see_them():
    assert INLINE["inline script"].search('<script>alert(1)</script>')
    assert not INLINE["inline script"].search('<script src="/static/x.js" defer></script>')
    assert not INLINE["inline script"].search('<script id="d" type="application/json">{}</script>')
    assert INLINE["style attribute"].search('<td style="left:3%">')
    assert INLINE["event handler"].search('<select onchange="this.form.submit()">')
    assert not INLINE["style attribute"].search('<td data-css="left:3%">')


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/dang-nhap/", "/ke-hoach/", "/lay-y-kien/", "/khong-co/"])
def test_pages_are_sent_with_a_strict_policy(anon_client, path):
    response = anon_client.get(path)
    directives = policy(response)
    assert directives["script-src"] == "script-src 'self'"
    assert directives["style-src"] == "style-src 'self'"
    assert directives["object-src"] == "object-src 'none'"
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    body = response.content.decode()
    assert not INLINE["inline script"].search(body) and not INLINE["style attribute"].search(body)


@pytest.mark.django_db
def test_signed_in_pages_have_no_inline_script(planner_client, reporter_a_client):
    for client, path in ((planner_client, "/bao-cao/"), (planner_client, "/danh-gia/"),
                         (reporter_a_client, "/bao-cao/bieu-cua-toi/"), (planner_client, "/tai-khoan/")):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        for what, pattern in INLINE.items():
            assert not pattern.search(body), f"{path}: {what}"


@pytest.mark.django_db
def test_api_docs_page_allows_inline_styles_but_no_inline_script(anon_client):
    response = anon_client.get("/api/v1/docs/")
    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == "script-src 'self'"
    assert "'unsafe-inline'" in directives["style-src"]
    assert not INLINE["inline script"].search(response.content.decode())
    script = anon_client.get("/api/v1/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
