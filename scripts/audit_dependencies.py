"""Known vulnerabilities in the Python packages (pip-audit) and the front-end packages (npm audit).

Fails when either tool reports a vulnerability. When the advisory data cannot be had at all — no
network, or a registry (mirror) that does not serve the advisory API — it says so and does not fail
the lint: that is reported as "not audited", never as "no vulnerabilities".
Run by ``make lint`` (``make audit`` alone).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
UNREACHABLE = ("ConnectionError", "NameResolutionError", "Max retries exceeded", "timed out",
               "ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH")


def _json(text: str) -> dict:
    try:
        return json.loads(text)
    except ValueError:
        return {}


def pip_audit() -> bool:
    """True unless a vulnerability was found."""
    tool = ROOT / ".venv" / "bin" / "pip-audit"
    run = subprocess.run([str(tool), "--skip-editable", "--progress-spinner", "off", "-f", "json"],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    report = _json(run.stdout)
    deps = report.get("dependencies", [])
    vulnerable = [d for d in deps if d.get("vulns")]
    for dep in vulnerable:
        ids = ", ".join(v["id"] for v in dep["vulns"])
        print(f"pip-audit: {dep['name']} {dep.get('version', '')}: {ids}")
    if vulnerable:
        return False
    audited = [d for d in deps if "skip_reason" not in d]
    if audited:
        print(f"pip-audit: {len(audited)} packages, no known vulnerabilities")
        return True
    if deps or any(marker in run.stderr for marker in UNREACHABLE):
        print("pip-audit: NOT AUDITED — the advisory data could not be had from here "
              "(no network, or the package index serves no advisory API)")
        return True
    print(run.stdout[-2000:], run.stderr[-2000:])
    return False


def npm_audit() -> bool:
    run = subprocess.run(["npm", "audit", "--omit=dev", "--json"], capture_output=True,
                         text=True, timeout=300, cwd=ROOT)
    report = _json(run.stdout)
    if "vulnerabilities" in report:
        found = report["vulnerabilities"]
        for name, item in found.items():
            print(f"npm audit: {name}: {item.get('severity')} {item.get('range', '')}")
        if not found:
            print("npm audit: no known vulnerabilities")
        return not found
    status = report.get("statusCode") or report.get("error", {}).get("code", "")
    text = run.stdout + run.stderr
    if status in (404, 405, 501) or any(marker in text for marker in UNREACHABLE):
        print(f"npm audit: NOT AUDITED — the registry's audit endpoint is not available ({status})")
        return True
    print(text[-2000:])
    return False


def main() -> int:
    results = [pip_audit(), npm_audit()]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
