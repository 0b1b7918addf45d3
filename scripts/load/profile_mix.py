"""Where the time of ``make load``'s mix goes, one request at a time, inside the process: for each
request of the mix (the same accounts, pages and cell saves as ``locustfile.py``) the server time
(median of ``--runs`` after one warm-up), the SQL queries and their time, the template rendering
time, and the rest (Python: views, selectors, forms, serialising); then the cost of one password
hash with the configured hasher and what 50 sign-ins within seconds ask of the cores.

    .venv/bin/python scripts/load/profile_mix.py [--runs 5] [--database-url URL]

The database must hold the demo (``make load`` creates ``kehoach_load``; ``kehoach load_demo``).
Figures go into docs/performance.md. Nothing is written but the cells the mix saves (as the
load test does) and the accounts' sign-in timestamps."""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
PARSER = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
PARSER.add_argument("--runs", type=int, default=5)
PARSER.add_argument("--database-url", default=os.environ.get(
    "LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kehoach_load"))
ARGS = PARSER.parse_args()
os.environ["DATABASE_URL"] = ARGS.database_url
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ["DEBUG"] = "0"
for _name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ.setdefault(_name, "0")

import django  # noqa: E402

django.setup()

from django.contrib.auth.hashers import get_hasher, make_password  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.backends.django import Template  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from mix import CELL, CSRF, LEADERS, REPORTERS, ROW  # noqa: E402

_render = Template.render
_template = {"seconds": 0.0, "depth": 0}


def _timed_render(self, context=None, request=None):
    """The top-level render of a response, less the queries the template itself ran (a queryset
    evaluated in a ``{% for %}``): those count as SQL."""
    _template["depth"] += 1
    first = len(connection.queries_log)
    start = time.perf_counter()
    try:
        return _render(self, context, request)
    finally:
        _template["depth"] -= 1
        if _template["depth"] == 0:
            inside = sum(float(q["time"]) for q in list(connection.queries_log)[first:])
            _template["seconds"] += time.perf_counter() - start - inside


Template.render = _timed_render  # type: ignore[method-assign]


def _once(send) -> tuple[float, int, float, float, int]:
    _template["seconds"] = 0.0
    with CaptureQueriesContext(connection) as ctx:
        start = time.perf_counter()
        response = send()
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        total = time.perf_counter() - start
    sql = sum(float(q["time"]) for q in ctx.captured_queries)
    return total, len(ctx.captured_queries), sql, _template["seconds"], response.status_code


def measure(name: str, send, runs: int, rows: list[dict]) -> None:
    send()  # warm-up: the process's first use of a template or a URL is not counted
    samples = [_once(send) for _ in range(runs)]
    total = statistics.median(s[0] for s in samples)
    sql = statistics.median(s[2] for s in samples)
    template = statistics.median(s[3] for s in samples)
    rows.append({"request": name, "ms": round(total * 1000, 1), "queries": samples[-1][1],
                 "sql_ms": round(sql * 1000, 1), "template_ms": round(template * 1000, 1),
                 "python_ms": round(max(total - sql - template, 0) * 1000, 1),
                 "status": samples[-1][4]})


def signed_in(username: str, password: str, rows: list[dict]) -> Client:
    client = Client()
    client.get("/dang-nhap/")
    sign_in = lambda: client.post("/dang-nhap/", {"username": username, "password": password})  # noqa: E731
    measure(f"sign in ({username})", sign_in, 1, rows)
    return client


def reporter(username: str, password: str, rows: list[dict]) -> None:
    client = signed_in(username, password, rows)
    page = client.get("/bao-cao/bieu-cua-toi/").content.decode()
    measure("my forms", lambda: client.get("/bao-cao/bieu-cua-toi/"), ARGS.runs, rows)
    import re

    forms = sorted(set(re.findall(r'href="(/bao-cao/bieu/\d+/)"', page)))[:2]
    for form in forms:
        measure(f"form page {form}", lambda f=form: client.get(f), ARGS.runs, rows)
        text = client.get(form).content.decode()
        csrf = CSRF.search(text)
        cells = [(row, key, raw, version) for row, html in ROW.findall(text)
                 for key, raw, version in CELL.findall(html)]
        if csrf and cells:
            row, key, raw, _version = cells[0]
            token = csrf.group(1)

            def save(f=form, row=row, key=key, raw=raw, token=token):
                fresh = client.get(f).content.decode()
                version = next(v for r, html in ROW.findall(fresh) if r == row
                               for k, _raw, v in CELL.findall(html) if k == key)
                change = {"row": int(row), "column": key, "value": raw or "1",
                          "version": int(version)}
                return client.post(f"{f}o/", json.dumps({"changes": [change]}),
                                   content_type="application/json",
                                   headers={"X-CSRFToken": token})

            measure(f"save cells {form} (+ its reload)", save, ARGS.runs, rows)
        measure(f"form Excel {form}", lambda f=form: client.get(f"{f}excel/"), ARGS.runs, rows)


def leader(username: str, password: str, rows: list[dict]) -> None:
    import re

    client = signed_in(username, password, rows)
    measure("start page", lambda: client.get("/"), ARGS.runs, rows)
    plans = sorted(set(re.findall(r'href="(/ke-hoach/[A-Z][A-Z0-9_.-]*/)"',
                                  client.get("/ke-hoach/").content.decode())))
    measure("plan list", lambda: client.get("/ke-hoach/"), ARGS.runs, rows)
    for plan in plans[:3]:
        measure(f"plan page {plan}", lambda p=plan: client.get(p), ARGS.runs, rows)
        measure(f"evaluation page /danh-gia{plan}", lambda p=plan: client.get(f"/danh-gia{p}"),
                ARGS.runs, rows)
    rounds = [r for r in sorted(set(re.findall(r'href="(/bao-cao/[A-Za-z0-9_-]+/)"',
                                                client.get("/bao-cao/").content.decode())))
              if not r.startswith(("/bao-cao/bieu", "/bao-cao/them", "/bao-cao/sao-chep"))]
    measure("round list", lambda: client.get("/bao-cao/"), ARGS.runs, rows)
    for round_ in rounds[:2]:
        measure(f"completeness page {round_}tien-do/", lambda r=round_: client.get(f"{r}tien-do/"),
                ARGS.runs, rows)


def hashing() -> dict:
    hasher = get_hasher()
    times = []
    for _ in range(10):
        start = time.perf_counter()
        make_password("mat-khau-thu-nghiem-2026")
        times.append(time.perf_counter() - start)
    one = statistics.median(times)
    result = {"hasher": hasher.algorithm, "params": {k: getattr(hasher, k, None) for k in
                                                     ("time_cost", "memory_cost", "parallelism")},
              "one_hash_ms": round(one * 1000, 1), "core_seconds_for_50": round(50 * one, 2)}
    for threads in (2, 5):
        start = time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(lambda _i: make_password("mat-khau-thu-nghiem-2026"), range(50)))
        result[f"50_hashes_on_{threads}_threads_s"] = round(time.perf_counter() - start, 2)
    return result


def main() -> None:
    rows: list[dict] = []
    for username, password in REPORTERS:
        reporter(username, password, rows)
    for username, password in LEADERS:
        leader(username, password, rows)
    width = max(len(r["request"]) for r in rows)
    print(f"{'request':<{width}}  {'ms':>7} {'queries':>7} {'sql ms':>7} {'tmpl ms':>7} "
          f"{'python':>7} status")
    for r in rows:
        print(f"{r['request']:<{width}}  {r['ms']:>7} {r['queries']:>7} {r['sql_ms']:>7} "
              f"{r['template_ms']:>7} {r['python_ms']:>7} {r['status']}")
    print(json.dumps(hashing(), indent=1))
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
