"""Printing: wide tables on A4 landscape, the evaluation page rendered to PDF and looked at."""

from __future__ import annotations

import subprocess

import pytest

from kehoach.core.tests.browser import ARTIFACTS, login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _page_size(pdf) -> str:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    return next(line for line in info.stdout.splitlines() if line.startswith("Page size"))


def test_evaluation_prints_on_a4_landscape_and_the_home_on_portrait(page, live_server,
                                                                     cast_plan, planner):
    login(page, live_server, planner.username)
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{live_server.url}/danh-gia/ke-hoach/KH-THU/?year=2024")
    wide = ARTIFACTS / "print-evaluation.pdf"
    page.pdf(path=str(wide), prefer_css_page_size=True)
    assert "841.92 x 594.96" in _page_size(wide)  # A4 landscape, in points
    page.goto(f"{live_server.url}/")
    narrow = ARTIFACTS / "print-home.pdf"
    page.pdf(path=str(narrow), prefer_css_page_size=True)
    assert "594.96 x 841.92" in _page_size(narrow)
