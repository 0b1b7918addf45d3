"""``/api/v1/import-jobs/{id}/``: a background import (a large DHIS2 upload) as it goes, then its
summary; ``…/errors/`` the CSV of every value not taken."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import FileResponse, Http404
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.values import selectors
from kehoach.values.jobs import import_job_errors_file, import_job_progress, import_job_running
from kehoach.values.models import ImportJob

NOT_FOUND = OpenApiResponse(description="not found or not yours")


def import_job_data(job: ImportJob) -> dict[str, Any]:
    """What the API says of a job: ``progress`` (read, checked, stored) while it runs, ``result``
    (DHIS2's import summary, or the values import's) once done."""
    running = import_job_running(job)
    errors = import_job_errors_file(job) is not None
    return {
        "id": str(job.pk), "kind": job.kind, "filename": job.filename, "size": job.size,
        "status": job.status, "created_at": job.created_at, "finished_at": job.finished_at,
        "progress": {k: v for k, v in import_job_progress(job).items() if k != "bytes"},
        "result": None if running else job.result,
        "url": reverse("api-import-job", args=[job.pk]),
        "errors_url": reverse("api-import-job-errors", args=[job.pk]) if errors else None,
    }


class ImportJobApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: OpenApiTypes.OBJECT, 404: NOT_FOUND})
    def get(self, request: Request, job_id: str) -> Response:
        job = selectors.import_job_get_for_user(user=request.user, job_id=job_id)
        return Response(import_job_data(job))


class ImportJobErrorsApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.BINARY,
                              404: OpenApiResponse(description="not found, not yours, not done "
                                                               "or nothing was left out")})
    def get(self, request: Request, job_id: str) -> FileResponse:
        job = selectors.import_job_get_for_user(user=request.user, job_id=job_id)
        path = import_job_errors_file(job)
        if path is None:
            raise Http404
        return FileResponse(path.open("rb"), as_attachment=True,
                            filename=f"loi-{Path(job.filename).stem}.csv", content_type="text/csv; charset=utf-8")
