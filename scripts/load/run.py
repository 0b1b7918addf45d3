"""``make load``: 50 simulated users for 60 s against ``kehoach serve`` on PostgreSQL, on loopback.

Creates the database if needed and loads the demo once, starts the server (production settings,
plain HTTP on 127.0.0.1), waits for /health/, runs locust headless (``locustfile.py`` beside this
file), prints p50 / p95 / p99 per request with errors and 409 conflicts apart, and stops the
server. Bounded: locust stops after LOAD_SECONDS, the whole run is killed after a few minutes more.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PY = sys.executable
PORT = int(os.environ.get("LOAD_PORT", "8117"))
USERS = os.environ.get("LOAD_USERS", "50")
SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
DATABASE_URL = os.environ.get("LOAD_DATABASE_URL",
                              "postgres://postgres@127.0.0.1:5432/kehoach_load")
OUT = ROOT / "var" / "load"


def server_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG"}}
    env.update(DATABASE_URL=DATABASE_URL, ALLOWED_HOSTS="127.0.0.1", SECURE_SSL_REDIRECT="0",
               SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", SECURE_HSTS_SECONDS="0",
               DJANGO_SETTINGS_MODULE="kehoach.settings")
    return env


def prepare(env: dict[str, str]) -> None:
    name = DATABASE_URL.rsplit("/", 1)[1]
    base = DATABASE_URL.rsplit("/", 1)[0]
    subprocess.run(["psql", f"{base}/postgres", "-qc", f'create database "{name}"'],
                   capture_output=True, check=False)
    for command in (["migrate", "-v0"], ["createcachetable"], ["load_demo", "--if-empty"]):
        subprocess.run([PY, "-m", "kehoach.manage", *command], env=env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)


def wait_healthy(server: subprocess.Popen, seconds: int = 300) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped; see var/load/serve.log")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/health/", timeout=5) as r:
                if json.load(r)["status"] == "ok":
                    return
        except OSError:
            pass
        time.sleep(1)
    raise SystemExit("the server did not become healthy")


def report(stats: Path) -> int:
    rows = list(csv.DictReader(stats.open()))
    print(f"\n{'request':32} {'count':>7} {'errors':>6} {'p50':>7} {'p95':>7} {'p99':>7}  (ms)")
    errors = 0
    for row in rows:
        if row["Name"] == "Aggregated":
            continue
        errors += int(row["Failure Count"])
        print(f"{row['Name']:32} {row['Request Count']:>7} {row['Failure Count']:>6} "
              f"{row['50%']:>7} {row['95%']:>7} {row['99%']:>7}")
    conflicts = sum(int(r["Request Count"]) for r in rows if "409" in r["Name"])
    print(f"\nerrors: {errors}; 409 conflicts (correct, counted apart): {conflicts}")
    return 1 if errors else 0


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    env = server_env()
    prepare(env)
    log = (OUT / "serve.log").open("w")
    server = subprocess.Popen([PY, "-m", "kehoach.manage", "serve", "--port", str(PORT)],
                              env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_healthy(server)
        locust = [str(Path(PY).parent / "locust"), "-f", str(HERE / "locustfile.py"), "--headless",
                  "-u", USERS, "-r", "10", "-t", f"{SECONDS}s", "--stop-timeout", "10",
                  "--host", f"http://127.0.0.1:{PORT}", "--csv", str(OUT / "locust"),
                  "--only-summary", "--loglevel", "WARNING"]
        subprocess.run(locust, cwd=ROOT, timeout=SECONDS + 180, stdout=subprocess.DEVNULL,
                       stderr=(OUT / "locust.log").open("w"),
                       check=False)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=90)
    return report(OUT / "locust_stats.csv")


if __name__ == "__main__":
    sys.exit(main())
