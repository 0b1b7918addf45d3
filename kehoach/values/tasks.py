"""Background jobs of the values app (django-tasks; the worker is ``kehoach db_worker``).

This module sits above the services: it imports them, they never import it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from kehoach.values.jobs import import_job_create, import_job_run
from kehoach.values.models import ImportJob


@task()
def run_import_job(*, job_id: str) -> str:
    """Import one uploaded file in the background; returns the job's final status."""
    return import_job_run(job_id=job_id).status


def import_job_start(**kwargs: Any) -> ImportJob:
    """``import_job_create``, then the job handed to the worker once the row is committed."""
    with transaction.atomic():
        job = import_job_create(**kwargs)
        transaction.on_commit(lambda: run_import_job.enqueue(job_id=str(job.pk)))
    return job
