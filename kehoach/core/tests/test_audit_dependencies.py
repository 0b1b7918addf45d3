"""scripts/audit_dependencies.py: a vulnerability fails the lint; missing advisory data is said."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
spec = importlib.util.spec_from_file_location("audit", ROOT / "scripts" / "audit_dependencies.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)


def fake(monkeypatch, stdout: str, stderr: str = "", code: int = 0):
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(
        a[0], code, stdout, stderr))


def test_pip_vulnerability_fails(monkeypatch, capsys):
    fake(monkeypatch, json.dumps({"dependencies": [
        {"name": "django", "version": "5.2.0", "vulns": [{"id": "PYSEC-1"}]},
        {"name": "rich", "version": "1", "vulns": []}]}), code=1)
    assert audit.pip_audit() is False
    assert "django 5.2.0: PYSEC-1" in capsys.readouterr().out


def test_pip_clean_passes(monkeypatch, capsys):
    fake(monkeypatch, json.dumps({"dependencies": [{"name": "rich", "version": "1", "vulns": []}]}))
    assert audit.pip_audit() is True
    assert "no known vulnerabilities" in capsys.readouterr().out


@pytest.mark.parametrize("stdout,stderr", [
    ("", "requests.exceptions.ConnectionError: Max retries exceeded"),
    (json.dumps({"dependencies": [{"name": "rich", "skip_reason": "not found"}]}), ""),
])
def test_pip_without_advisory_data_is_not_audited_and_says_so(monkeypatch, capsys, stdout, stderr):
    fake(monkeypatch, stdout, stderr, code=1)
    assert audit.pip_audit() is True
    assert "NOT AUDITED" in capsys.readouterr().out


def test_pip_other_failure_fails(monkeypatch):
    fake(monkeypatch, "", "Traceback: something else broke", code=1)
    assert audit.pip_audit() is False


def test_npm_vulnerability_fails_and_clean_passes(monkeypatch, capsys):
    fake(monkeypatch, json.dumps({"vulnerabilities": {"htmx.org": {"severity": "high"}}}), code=1)
    assert audit.npm_audit() is False
    fake(monkeypatch, json.dumps({"vulnerabilities": {}}))
    assert audit.npm_audit() is True


def test_npm_without_audit_endpoint_is_not_audited(monkeypatch, capsys):
    fake(monkeypatch, json.dumps({"statusCode": 405, "message": "405 Method Not Allowed"}), code=1)
    assert audit.npm_audit() is True
    assert "NOT AUDITED" in capsys.readouterr().out
    fake(monkeypatch, json.dumps({"error": {"code": "E500", "summary": "boom"}}), code=1)
    assert audit.npm_audit() is False
