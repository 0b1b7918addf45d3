"""What ``/health/`` checks: the database answers and a task worker is taking tasks.

The worker check needs no extra process: the health check enqueues a tiny probe task now and then
(``kehoach.core.tasks.worker_probe``); when any task has waited in the queue longer than
``KEHOACH_WORKER_MAX_LAG`` seconds, no worker is running (or it is stuck) and the check fails.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from kehoach.core.tasks import worker_probe

PROBE_PATH = worker_probe.module_path


def database_check(alias: str = "default") -> dict[str, Any]:
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return {"ok": False, "error": type(exc).__name__}
    return {"ok": True}


def _waiting_since(result: DBTaskResult) -> dt.datetime:
    if result.run_after != get_date_max():
        return max(result.enqueued_at, result.run_after)
    return result.enqueued_at


def _probe_if_due(now: dt.datetime) -> None:
    every = dt.timedelta(seconds=settings.KEHOACH_WORKER_PROBE_EVERY)
    recent = DBTaskResult.objects.filter(task_path=PROBE_PATH, enqueued_at__gt=now - every)
    if not recent.exists():
        worker_probe.enqueue()


def worker_check(*, now: dt.datetime | None = None) -> dict[str, Any]:
    now = now or timezone.now()
    try:
        _probe_if_due(now)
        oldest = DBTaskResult.objects.ready().order_by("enqueued_at").first()
        last = (
            DBTaskResult.objects.successful().filter(task_path=PROBE_PATH)
            .order_by("-finished_at").values_list("finished_at", flat=True).first()
        )
    except DatabaseError as exc:
        return {"ok": False, "error": type(exc).__name__}
    waited = (now - _waiting_since(oldest)).total_seconds() if oldest else 0.0
    return {
        "ok": waited <= settings.KEHOACH_WORKER_MAX_LAG,
        "queue_wait_seconds": round(max(waited, 0.0), 1),
        "last_probe_done": last.isoformat() if last else None,
    }


def health_report() -> tuple[bool, dict[str, Any]]:
    """``(healthy, details)``; details hold no secret (the page is public for load balancers)."""
    checks = {"database": database_check()}
    checks["worker"] = worker_check() if checks["database"]["ok"] else {"ok": False}
    healthy = all(check["ok"] for check in checks.values())
    return healthy, {"status": "ok" if healthy else "error", **checks}
