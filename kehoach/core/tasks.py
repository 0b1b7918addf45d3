"""Background jobs of core (django-tasks; the worker is ``kehoach db_worker``)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task


@task()
def worker_probe() -> str:
    """Does nothing but finish: ``/health/`` enqueues it to see that a worker is taking tasks."""
    return timezone.now().isoformat()
