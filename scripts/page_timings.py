"""Time every page a person reaches from the start page, per demo role (the Django test client
on the demo database: ``make run`` or ``kehoach load_demo`` first).

    DEBUG=0 .venv/bin/python scripts/page_timings.py [--runs 3] [--depth 2] [--lang vi|en]
        [--only PATH-PREFIX] [--csv OUT.csv]

For each role (and the anonymous visitor) it follows the links of the start page and of the
pages they lead to (``--depth``), skipping downloads, sign-out and the admin site, and prints the
median time of ``--runs`` requests after one warm-up request, the number of SQL queries and the status; pages over 0,5 s
are marked. It also flags texts that should never show: an empty unit "()" and, in English,
"met" before a number (a target reads "reach 0.699")."""

from __future__ import annotations

import argparse
import csv
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kehoach.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
for _name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ.setdefault(_name, "0")  # plain HTTP, as ``make run`` serves the demo

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

ROLES = ["anonymous", "quantri", "kehoach", "soyte", "sonnmt", "lanhdao"]
SKIP = re.compile(r"(\.(xlsx|docx|pdf|csv|json|xml|zip)$|/dang-xuat/|/quan-tri/|/i18n/|/static/|"
                  r"/xuat|/excel/|/tai-ve|/media/|\?format=|/tep/|/tai-lieu/)")
LINK = re.compile(r'href="(/[^"#]*)"')
BAD_TEXT = [(re.compile(r"\(\s*\)"), "empty ()"), (re.compile(r"\bmet \d"), "met <number>")]


def client_for(role: str, lang: str) -> Client:
    from kehoach.core.models import User

    client = Client()
    if role != "anonymous":
        user = User.objects.get(username=role)
        user.language = lang
        user.save(update_fields=["language"])
        client.force_login(user)
    else:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    return client


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def measure(client: Client, path: str, runs: int) -> tuple[float, int, int, str]:
    times, queries, status, body = [], 0, 0, ""
    client.get(path)  # warm-up (the process's first use of a template or a URL), not counted
    for _ in range(runs):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            response = client.get(path)
            content = response.content if not response.streaming else b""
            times.append(time.perf_counter() - start)
        queries, status = len(ctx.captured_queries), response.status_code
        if "html" in response.get("Content-Type", ""):
            body = content.decode("utf-8", "replace")
    return statistics.median(times), queries, status, body


def crawl(role: str, args: argparse.Namespace) -> list[dict]:
    client = client_for(role, args.lang)
    seen, frontier, rows = set(), ["/"] + (args.extra or []), []
    for depth in range(args.depth + 1):
        following = []
        for path in frontier:
            if path in seen or SKIP.search(path) or len(seen) >= args.limit:
                continue
            seen.add(path)
            try:
                seconds, queries, status, body = measure(client, path, args.runs)
            except Exception as exc:  # a broken page is a finding, not the end of the crawl
                seconds, queries, status, body = 0.0, 0, 500, ""
                print(f"ERROR {role} {path}: {exc!r}", file=sys.stderr)
            flags = [name for pattern, name in BAD_TEXT if pattern.search(visible_text(body))
                     and (name != "met <number>" or args.lang == "en")]
            if not args.only or path.startswith(args.only):
                rows.append({"role": role, "path": path, "ms": round(seconds * 1000),
                             "queries": queries, "status": status, "flags": " ".join(flags)})
            if depth < args.depth:
                following += [link.replace("&amp;", "&") for link in LINK.findall(body)]
        frontier = following
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--depth", type=int, default=2)
    parser.add_argument("--limit", type=int, default=120, help="pages per role at most")
    parser.add_argument("--lang", choices=["vi", "en"], default="vi")
    parser.add_argument("--role", action="append", help="only these roles")
    parser.add_argument("--only", default="", help="report only paths starting so")
    parser.add_argument("--extra", action="append", help="also measure this path")
    parser.add_argument("--csv")
    args = parser.parse_args()
    rows = []
    for role in args.role or ROLES:
        rows += crawl(role, args)
    rows.sort(key=lambda r: -r["ms"])
    for r in rows:
        mark = "SLOW" if r["ms"] > 500 else "    "
        print(f"{mark} {r['ms']:6d} ms {r['queries']:4d} q {r['status']} {r['role']:9s} "
              f"{r['path']} {r['flags']}")
    if args.csv:
        with open(args.csv, "w", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)


if __name__ == "__main__":
    main()
