"""Background jobs of the documents app (django-tasks; the worker is ``kehoach db_worker``).

This module sits above the services: it imports them, they never import it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks import task

from kehoach.documents.jobs import report_job_create, report_job_run
from kehoach.documents.models import ReportJob


@task()
def run_report_job(*, job_id: str) -> str:
    """Write one report in the background; returns the job's final status."""
    return report_job_run(job_id=job_id).status


def report_job_start(**kwargs: Any) -> ReportJob:
    """``report_job_create``, then the job handed to the worker once the row is committed."""
    with transaction.atomic():
        job = report_job_create(**kwargs)
        transaction.on_commit(lambda: run_report_job.enqueue(job_id=str(job.pk)))
    return job
