"""The load mix of ``make load`` (locust): reporters open their form, save cells and download the
form as Excel; leaders open the evaluation, plan and completeness pages. Sign-in is measured as
its own request. A 409 on saving (two reporters changed the same cell) is correct behaviour: it
is reported as "save cells (409 conflict)" and not as an error.

Users and passwords are the demo's (``kehoach load_demo``); LOAD_* variables override them.
"""

from __future__ import annotations

import random
import re

from locust import HttpUser, between, task
from mix import CELL, CSRF, FORM_CSRF, LEADERS, REPORTERS, ROW  # noqa: E402  (beside this file)


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    accounts: list[tuple[str, str]] = []

    def on_start(self) -> None:
        username, password = random.choice(self.accounts)
        page = self.client.get("/dang-nhap/", name="sign-in page")
        token = FORM_CSRF.search(page.text)
        self.client.post("/dang-nhap/", name="sign in", allow_redirects=False, data={
            "username": username, "password": password,
            "csrfmiddlewaretoken": token.group(1) if token else ""})

    def links(self, path: str, pattern: str, name: str) -> list[str]:
        page = self.client.get(path, name=name)
        return sorted(set(re.findall(pattern, page.text)))


class Reporter(SignedIn):
    accounts = REPORTERS
    weight = 3

    def on_start(self) -> None:
        super().on_start()
        self.forms = self.links("/bao-cao/bieu-cua-toi/", r'href="(/bao-cao/bieu/\d+/)"', "my forms")

    @task(3)
    def open_and_save(self) -> None:
        if not self.forms:
            return
        form = random.choice(self.forms)
        page = self.client.get(form, name="form page")
        csrf = CSRF.search(page.text)
        cells = [(row, key, raw, version) for row, html in ROW.findall(page.text)
                 for key, raw, version in CELL.findall(html)]
        if not cells or not csrf:
            return
        row, key, raw, version = random.choice(cells)
        value = str(random.randint(1, 999))
        change = {"row": int(row), "column": key, "value": value, "version": int(version)}
        with self.client.post(f"{form}o/", json={"changes": [change]}, name="save cells",
                              headers={"X-CSRFToken": csrf.group(1)}, catch_response=True) as r:
            if r.status_code == 409:
                r.request_meta["name"] = "save cells (409 conflict)"
                r.success()

    @task(1)
    def download_excel(self) -> None:
        if self.forms:
            self.client.get(f"{random.choice(self.forms)}excel/", name="form Excel")


class Leader(SignedIn):
    accounts = LEADERS
    weight = 2

    def on_start(self) -> None:
        super().on_start()
        self.plans = self.links("/ke-hoach/", r'href="(/ke-hoach/[A-Z][A-Z0-9_.-]*/)"', "plan list")
        self.evaluations = [f"/danh-gia{plan}" for plan in self.plans]
        self.rounds = self.links("/bao-cao/", r'href="(/bao-cao/[A-Za-z0-9_-]+/)"', "round list")
        self.rounds = [r for r in self.rounds if not r.startswith(("/bao-cao/bieu", "/bao-cao/them",
                                                                  "/bao-cao/sao-chep"))]

    @task(2)
    def evaluation(self) -> None:
        if self.evaluations:
            self.client.get(random.choice(self.evaluations), name="evaluation page")

    @task(2)
    def plan(self) -> None:
        if self.plans:
            self.client.get(random.choice(self.plans), name="plan page")

    @task(1)
    def completeness(self) -> None:
        if self.rounds:
            self.client.get(f"{random.choice(self.rounds)}tien-do/", name="completeness page")
