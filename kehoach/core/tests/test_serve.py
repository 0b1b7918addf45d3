"""``kehoach serve`` end to end: a fresh database and var dir, the three processes, /health/ with
the worker's probe done, hashed static files, JSON log lines, and a clean stop on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    """A port nobody listens on (other worktrees run this test at the same time)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


PORT = _free_port()


def _get(path: str) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def _wait_healthy(proc: subprocess.Popen, seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, "kehoach serve stopped"
        try:
            status, _, body = _get("/health/")
            data = json.loads(body)
            if status == 200 and data["worker"]["last_probe_done"]:
                return data
        except OSError:
            pass
        time.sleep(1)
    raise AssertionError("not healthy in time")


@pytest.mark.slow
def test_serve_runs_kehoach_as_in_production(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG"}}
    env.update(KEHOACH_VAR_DIR=str(tmp_path), ALLOWED_HOSTS="127.0.0.1", WEB_CONCURRENCY="2",
               SECURE_SSL_REDIRECT="0", SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0",
               DJANGO_SETTINGS_MODULE="kehoach.settings")
    log = (tmp_path / "serve.log").open("w+")
    proc = subprocess.Popen([sys.executable, "-m", "kehoach.manage", "serve", "--port", str(PORT)],
                            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        health = _wait_healthy(proc, 300)
        assert health["database"] == {"ok": True} and health["worker"]["ok"]
        status, headers, body = _get("/khong-co/")
        assert status == 404 and "Không tìm thấy trang" in body
        css = next(p for p in body.split('"') if p.startswith("/static/kehoach/kehoach."))
        status, headers, _ = _get(css)
        assert status == 200 and "immutable" in headers["Cache-Control"]
        assert _get("/static/vendor/chart.js/package.json")[0] == 404
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=60)
    assert code == 0
    log.seek(0)
    lines = [json.loads(line) for line in log.read().splitlines() if line.startswith("{")]
    requests = [line for line in lines if line["logger"] == "kehoach.request"]
    assert any(line["path"] == "/khong-co/" and line["status"] == 404 for line in requests)
    assert all(len(line["request_id"]) == 32 for line in requests)
    assert any(line["logger"] == "gunicorn.error" for line in lines)
    assert (tmp_path / "static" / "staticfiles.json").exists()
