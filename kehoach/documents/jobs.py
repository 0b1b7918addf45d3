"""Reports made in the background (issue 11): the job, its progress and its file.

``report_job_create`` records what was asked (the plan, year, unit, format and the options set
before generating); ``report_job_run`` (the worker, see ``documents.tasks``) writes the report
with the same code as the page and the command, telling its progress to the job row, and keeps
the file in ``KEHOACH_REPORT_DIR`` for the download link."""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.services import audit_record
from kehoach.documents import selectors
from kehoach.documents.models import ReportJob
from kehoach.documents.reports import ConversionError, ReportOptions, report_render
from kehoach.plans.models import Plan
from kehoach.units.models import Unit

logger = logging.getLogger(__name__)


def job_dir() -> Path:
    folder = Path(settings.KEHOACH_REPORT_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def job_file(job: ReportJob) -> Path:
    return job_dir() / f"{job.pk}.{job.format}"


#: A finished report's file is kept this long for its download, then removed with its job.
KEEP = dt.timedelta(days=7)


def report_jobs_prune(*, now: dt.datetime | None = None) -> int:
    """Remove the jobs finished more than ``KEEP`` ago, and their files; how many."""
    limit = (now or timezone.now()) - KEEP
    old = list(ReportJob.objects.filter(finished_at__lt=limit))
    for job in old:
        job_file(job).unlink(missing_ok=True)
    ReportJob.objects.filter(pk__in=[job.pk for job in old]).delete()
    return len(old)


@transaction.atomic
def report_job_create(
    *, user: Any, plan: Plan, year: int, unit: Unit | None, fmt: str, options: ReportOptions
) -> ReportJob:
    """Record the job (``documents.tasks.report_job_start`` queues it); older jobs' files are
    cleared on the way (``report_jobs_prune``)."""
    report_jobs_prune()
    job = ReportJob.objects.create(
        id=uuid.uuid4(),
        user=user,
        plan=plan,
        year=year,
        unit=unit,
        format=fmt,
        options=options.as_json(),
    )
    audit_record(
        actor=user, action="report_job_create", obj=job, summary=f"{plan.code} {year} {fmt}"
    )
    return job


def _progress(job: ReportJob):
    def tell(stage: str, percent: int) -> None:
        ReportJob.objects.filter(pk=job.pk).update(stage=stage, percent=percent)

    return tell


def _finish(job: ReportJob, status: str, **fields: Any) -> ReportJob:
    fields.update(status=status, finished_at=timezone.now())
    ReportJob.objects.filter(pk=job.pk).update(**fields)
    job.refresh_from_db()
    return job


def report_job_run(*, job_id: str) -> ReportJob:
    """Write the job's report (the worker calls this); the job ends DONE or FAILED with the
    reason in words."""
    job = ReportJob.objects.select_related("plan", "unit", "user").get(pk=job_id)
    if not job.running:
        return job
    ReportJob.objects.filter(pk=job.pk).update(
        status=ReportJob.Status.RUNNING, stage="start", percent=5, started_at=timezone.now()
    )
    try:
        evaluation = selectors.report_evaluation(
            plan=job.plan, year=job.year, unit=job.unit, user=job.user
        )
        options = ReportOptions.from_json(job.options)
        file = report_render(
            evaluation=evaluation,
            fmt=job.format,
            date=options.date,
            options=options,
            user=job.user,
            progress=_progress(job),
        )
    except ValidationError as exc:
        return _finish(job, ReportJob.Status.FAILED, message="; ".join(exc.messages))
    except ConversionError as exc:
        return _finish(job, ReportJob.Status.FAILED, message=str(exc))
    except Exception:
        logger.exception("report job %s failed", job.pk)
        return _finish(
            job,
            ReportJob.Status.FAILED,
            message=_("Lỗi khi tạo báo cáo; quản trị hệ thống xem nhật ký máy chủ."),
        )
    job_file(job).write_bytes(file.content)
    return _finish(
        job,
        ReportJob.Status.DONE,
        stage="done",
        percent=100,
        filename=file.filename,
        content_type=file.content_type,
        size=len(file.content),
    )
