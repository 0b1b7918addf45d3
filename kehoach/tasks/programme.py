"""The two tables of an action programme — its tasks and its priority projects — described once:
who may download them, how a file of them is imported, their .docx/.xlsx documents and file names.
The import and export pages, the API and the ``import_*``/``export_*`` commands of both apps go
through one ``ProgrammeTable``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from django.http import HttpResponse
from django.shortcuts import render

from kehoach.core import permissions
from kehoach.core.exchange.importer import ImportResult
from kehoach.core.http import OFFICE_TYPES, AuthenticatedHttpRequest, office_download
from kehoach.core.models import AnyUser
from kehoach.indicators.forms import UploadForm
from kehoach.plans.models import Plan
from kehoach.plans.selectors import plan_get_for_user
from kehoach.projects.importing import projects_import
from kehoach.tasks.importing import tasks_import


class Document(Protocol):
    def __call__(self, *, plan: Plan, fmt: str, year: int | None = None) -> bytes: ...


class Importer(Protocol):
    def __call__(self, *, data: bytes, filename: str, plan: Plan, actor: AnyUser | None = None,
                 dry_run: bool = False, locale: str = "auto") -> ImportResult: ...


def _tasks_document(*, plan: Plan, fmt: str, year: int | None = None) -> bytes:
    from kehoach.documents.reports.programme import tasks_docx, tasks_xlsx

    return tasks_docx(plan=plan) if fmt == "docx" else tasks_xlsx(plan=plan)


def _projects_document(*, plan: Plan, fmt: str, year: int | None = None) -> bytes:
    """``year``: the capital plan year of the .docx (default: the current one)."""
    from kehoach.documents.reports.programme import projects_docx, projects_xlsx
    from kehoach.projects.selectors import default_year

    if fmt != "docx":
        return projects_xlsx(plan=plan)
    return projects_docx(plan=plan, year=default_year() if year is None else year)


@dataclass(frozen=True)
class ProgrammeTable:
    kind: str  # "tasks" | "projects": the template folder, the command's noun
    file_stem: str  # "nhiem-vu-<plan>.xlsx"
    can_download: Callable[[AnyUser], bool]
    importer: Importer
    document: Document  # fmt "docx" or "xlsx"

    def file_name(self, plan: Plan, fmt: str) -> str:
        return f"{self.file_stem}-{plan.code}.{fmt}"


TASKS = ProgrammeTable(kind="tasks", file_stem="nhiem-vu", can_download=permissions.is_province_wide,
                       importer=tasks_import, document=_tasks_document)
PROJECTS = ProgrammeTable(kind="projects", file_stem="du-an",
                          can_download=permissions.can_see_projects, importer=projects_import,
                          document=_projects_document)


def programme_import_page(request: AuthenticatedHttpRequest, *, table: ProgrammeTable,
                          plan: Plan) -> HttpResponse:
    """The import page of a plan's tasks or projects: upload, check (``dry_run``) or store."""
    form = UploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = table.importer(data=upload.read(), filename=upload.name, plan=plan,
                                actor=request.user, dry_run=form.cleaned_data["dry_run"],
                                locale=form.cleaned_data["locale"])
    status = 400 if (result is not None and not result.ok) or form.errors else 200
    return render(request, f"{table.kind}/import.html",
                  {"form": form, "result": result, "plan": plan}, status=status)


def programme_download(request: AuthenticatedHttpRequest, *, table: ProgrammeTable, code: str,
                       fmt: str, year: int | None = None) -> HttpResponse:
    """The page download of a plan's tasks or projects as .docx or .xlsx (404 for another type or
    a user who may not read them)."""
    plan = plan_get_for_user(user=request.user, code=code)
    if fmt not in OFFICE_TYPES or not table.can_download(request.user):
        raise permissions.deny()
    return office_download(table.document(plan=plan, fmt=fmt, year=year),
                           table.file_name(plan, fmt))
