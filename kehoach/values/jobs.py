"""Big uploads imported in the background (issue 12): the job, its files and its progress.

``import_job_create`` keeps the upload in ``KEHOACH_IMPORT_DIR`` and queues the job;
``import_job_run`` (called by the worker, see ``values.tasks``) imports it with the same services as
the page, writing its progress to a JSON file as it goes, then the summary to the job row and the
bad rows to a CSV the person can download.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.models import User
from kehoach.core.services import audit_record
from kehoach.values.dhis2.compressed import GZIP, ZIP
from kehoach.values.models import ImportJob

SHOWN_ERRORS = 200


def job_dir() -> Path:
    folder = Path(settings.KEHOACH_IMPORT_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def job_path(job: ImportJob, suffix: str) -> Path:
    return job_dir() / f"{job.pk}.{suffix}"


def import_job_running(job: ImportJob) -> bool:
    return job.status in (ImportJob.Status.QUEUED, ImportJob.Status.RUNNING)


def import_job_errors_file(job: ImportJob) -> Path | None:
    """The CSV of a finished job's bad rows (or DHIS2 values not taken), None if nothing was left
    out or while the job runs (a DHIS2 job writes it as it goes: the list is not whole yet)."""
    path = job_path(job, "errors.csv")
    return path if not import_job_running(job) and path.exists() else None


def runs_in_background(upload: Any) -> bool:
    return int(getattr(upload, "size", 0) or 0) >= settings.KEHOACH_BACKGROUND_IMPORT_BYTES


def dhis2_runs_in_background(upload: Any) -> bool:
    """As ``runs_in_background``, a gzip or zip DHIS2 file counted at ten times its size (what it
    unpacks to, about): a 600 KB .csv.gz of 86,000 values is not imported while the page waits."""
    size = int(getattr(upload, "size", 0) or 0)
    upload.seek(0)
    if upload.read(4).startswith((GZIP, ZIP)):  # what read_values unpacks
        size *= 10
    upload.seek(0)
    return size >= settings.KEHOACH_BACKGROUND_IMPORT_BYTES


@transaction.atomic
def import_job_create(*, user: User, kind: str, upload: Any, mapping_data: bytes | None = None,
                      options: dict[str, Any]) -> ImportJob:
    """Keep the upload and record the job (``values.tasks.import_job_start`` queues it)."""
    job = ImportJob.objects.create(id=uuid.uuid4(), user=user, kind=kind,
                                   filename=Path(upload.name).name[:255],
                                   size=int(upload.size or 0), options=options)
    with job_path(job, "upload").open("wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    if mapping_data is not None:
        job_path(job, "mapping").write_bytes(mapping_data)
    audit_record(actor=user, action="import_job_create", obj=job, summary=job.filename)
    return job


class _Progress:
    """Writes ``{"read": n, "checked": n, "stored": n, "bytes": n}`` at most twice a second, and
    at once when a new stage begins or the file has been read to its end (the last count read
    would otherwise stay unwritten while the checks run)."""

    def __init__(self, path: Path, size: int = 0) -> None:
        self.path, self.counts, self.last = path, {"read": 0, "checked": 0, "stored": 0}, 0.0
        self.stream: Any = None  #: the upload being read: its position is the bytes read
        self.size, self.stage = size, "read"

    def _at_end(self) -> bool:
        stream = self.stream
        return bool(self.size) and stream is not None and not stream.closed and \
            stream.tell() >= self.size

    def __call__(self, stage: str, count: int) -> None:
        self.counts[stage] = count
        new_stage, self.stage = stage != self.stage, stage
        if new_stage or self._at_end() or time.monotonic() - self.last > 0.5:
            self.last = time.monotonic()
            if self.stream is not None and not self.stream.closed:
                self.counts["bytes"] = self.stream.tell()
            tmp = self.path.with_suffix(".tmp")
            tmp.write_text(json.dumps(self.counts))
            tmp.replace(self.path)


def import_job_progress(job: ImportJob) -> dict[str, int]:
    try:
        return json.loads(job_path(job, "progress").read_text())
    except (OSError, ValueError):
        return {"read": 0, "checked": 0, "stored": 0, "bytes": 0}


def import_job_phase(job: ImportJob, progress: dict[str, int]) -> str:
    """``reading`` the file, ``checking`` it as a whole (every row read: units, periods,
    duplicates), ``storing`` (checked, the merge runs), for the job page's words under the bar."""
    if progress.get("checked"):
        return "storing" if not progress.get("stored") else "stored"
    if job.size and progress.get("bytes", 0) >= job.size:
        return "checking"
    return "reading"


def _run_values(job: ImportJob, progress: _Progress) -> tuple[dict[str, Any], list[list[Any]]]:
    from kehoach.values.streaming import values_import

    with job_path(job, "upload").open("rb") as stream:
        progress.stream = stream
        result = values_import(stream=stream, filename=job.filename, actor=job.user,
                               dry_run=job.options.get("dry_run", False),
                               locale=job.options.get("locale", "auto"),
                               source=f"tệp {job.filename}", progress=progress)
    data = result.as_dict()
    rows = [[e["line"], e["column"], e["message"]] for e in data["errors"]]
    data["errors"] = data["errors"][:SHOWN_ERRORS]
    data["summary"] = result.summary()
    return data, rows


def _run_dhis2(job: ImportJob, progress: _Progress) -> tuple[dict[str, Any], list[list[Any]]]:
    """Every conflict goes to the job's CSV as it comes (the summary keeps the first 1,000):
    vị trí (line of a CSV, order of the value otherwise), đối tượng, lý do; with a byte-order mark
    for Excel, as the values import's bad rows."""
    errors = job_path(job, "errors.csv")
    with job_path(job, "upload").open("rb") as stream, errors.open(
            "w", encoding="utf-8-sig", newline="") as out:
        progress.stream = stream
        spill = csv.writer(out, lineterminator="\n")
        spill.writerow([_("Vị trí"), _("Đối tượng"), _("Lý do")])
        summary = _dhis2(job, stream, progress, spill)
        if summary.conflicts and not summary.ignored:  # a refused mapping lists its rows only
            spill.writerows(["", c["object"], c["value"]] for c in summary.conflicts)
    if not summary.conflicts:
        errors.unlink()
    return summary.as_dict(), []


def _dhis2(job: ImportJob, stream: Any, progress: _Progress, spill: Any) -> Any:
    from kehoach.values.dhis2.importing import ImportSummary, dhis2_import

    summary = ImportSummary(spill=spill)
    return dhis2_import(
        stream=stream, filename=job.filename,
        mapping_data=job_path(job, "mapping").read_bytes(),
        strategy=job.options.get("strategy", "create_and_update"),
        kind=job.options.get("kind", "actual"), dry_run=job.options.get("dry_run", False),
        actor=job.user, progress=progress, summary=summary)


def import_job_run(*, job_id: str) -> ImportJob:
    """Import the job's file (the worker calls this); the job ends DONE or FAILED."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.status != ImportJob.Status.QUEUED:
        return job
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    progress = _Progress(job_path(job, "progress"), size=job.size)
    runner = _run_dhis2 if job.kind == ImportJob.Kind.DHIS2 else _run_values
    try:
        data, bad_rows = runner(job, progress)
    except Exception:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, finished_at=timezone.now(),
            result={"ok": False, "status": "ERROR", "summary": _("Lỗi hệ thống khi nhập tệp; "
                                                                 "không có gì được lưu."),
                    "description": _("Lỗi hệ thống khi nhập tệp; không có gì được lưu.")})
        raise
    finally:
        for suffix in ("upload", "mapping"):
            job_path(job, suffix).unlink(missing_ok=True)
    if bad_rows:
        _write_bad_rows(job, bad_rows)
    ok = data.get("ok", True) and data.get("status") != "ERROR"
    job.status = ImportJob.Status.DONE if ok else ImportJob.Status.FAILED
    job.result, job.finished_at = data, timezone.now()
    job.save(update_fields=["status", "result", "finished_at"])
    return job


def _write_bad_rows(job: ImportJob, bad_rows: list[list[Any]]) -> None:
    """The bad rows as a CSV headed in Vietnamese (dòng, cột, lỗi), with a byte-order mark so
    that Excel on Windows opens its Vietnamese as UTF-8."""
    with job_path(job, "errors.csv").open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow([_("Dòng"), _("Cột"), _("Lỗi")])
        writer.writerows(bad_rows)


#: A running job whose progress file has not moved for this long belongs to a worker that died
#: (killed, machine restarted): the set-based merge of a million rows takes a few minutes.
STALE_AFTER = dt.timedelta(minutes=15)


def _last_sign_of_life(job: ImportJob) -> float:
    try:
        return job_path(job, "progress").stat().st_mtime
    except OSError:
        return job.created_at.timestamp()


def import_jobs_recover(*, stale_after: dt.timedelta = STALE_AFTER) -> int:
    """Close the jobs a dead worker left running. Their import was one transaction, so nothing
    of it is stored: the job ends FAILED saying so, its kept files are removed, one audit row
    each. Run at start (``kehoach serve``) and every minute by ``kehoach scheduler``."""
    cutoff = time.time() - stale_after.total_seconds()
    message = _("Máy chủ dừng giữa chừng khi nhập tệp; không có gì được lưu. Hãy tải tệp lên lại.")
    closed = 0
    for job in ImportJob.objects.filter(status=ImportJob.Status.RUNNING):
        if _last_sign_of_life(job) > cutoff:
            continue
        with transaction.atomic():
            done = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.RUNNING).update(
                status=ImportJob.Status.FAILED, finished_at=timezone.now(),
                result={"ok": False, "status": "ERROR", "summary": message,
                        "description": message})
            if done:
                audit_record(actor=None, action="import_job_recover", obj=job,
                             summary=job.filename)
        if done:
            for suffix in ("upload", "mapping", "progress"):
                job_path(job, suffix).unlink(missing_ok=True)
            closed += 1
    return closed
