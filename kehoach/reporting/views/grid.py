"""The submission page: the form as a spreadsheet-like grid, its autosave endpoint, the checks,
the workflow buttons and the Excel round trip."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kehoach.core import permissions
from kehoach.core.constants import XLSX_CONTENT_TYPE
from kehoach.core.http import content_disposition
from kehoach.core.models import AnyUser
from kehoach.core.text import clean_data
from kehoach.reporting import selectors, services, workflow
from kehoach.reporting.errors import CellProblems, TransitionRefused, VersionConflict
from kehoach.reporting.excel import FormRejected, export_form, import_form
from kehoach.reporting.forms import (
    ActionForm,
    ReturnForm,
    TextsUploadForm,
    UploadForm,
    proposal_formset,
)
from kehoach.reporting.models import ColumnSource, Submission, SubmissionStatus
from kehoach.reporting.validation import submission_validate
from kehoach.reporting.views import grid_data
from kehoach.reporting.views.grid_data import format_number

MAX_CHANGES = 5000
S = SubmissionStatus


def grid_text() -> dict[str, str]:
    """The page script's messages, in the user's language."""
    return {
        "saved": _("Đã lưu"), "saving": _("Đang lưu…"), "pending": _("Chưa lưu"),
        "failed": _("Chưa lưu được {n} ô — sẽ thử lại"), "invalid": _("{n} ô nhập sai, chưa lưu"),
        "conflict": _("{n} ô bị người khác sửa: tải lại trang"),
        "notNumber": _("“{t}” không phải là số. Viết kiểu Việt Nam: 7,5 hoặc 2.000."),
        "tooBig": _("Số quá lớn."),
        "prev": _("Kỳ trước"), "note": _("Giải trình"), "comment": _("Ý kiến"),
        "fromDb": _("Lấy từ số liệu chính thức, không nhập ở đây."),
        "computed": _("Tính tự động theo công thức {f}."),
        "heading": _("Dòng {n}"), "skipped": _("{n} ô chỉ đọc trong vùng dán được bỏ qua."),
        "leave": _("Còn số liệu chưa lưu. Rời trang?"), "network": _("Mất kết nối, sẽ thử lại."),
        "remove": _("Bỏ"),
        "owner": _("Chỉ xem: {o} chịu trách nhiệm chỉ tiêu này."),
    }


def texts_text() -> dict[str, str]:
    """The written part's script messages, in the user's language."""
    return {
        "saved": _("Đã lưu"), "saving": _("Đang lưu…"), "pending": _("Chưa lưu"),
        "failed": _("Chưa lưu được — sẽ thử lại"), "network": _("Mất kết nối, sẽ thử lại."),
        "conflict": _("Có người vừa sửa mục này: nội dung của bạn vẫn còn trong khung; hãy "
                      "sao chép lại rồi tải lại trang."),
        "leave": _("Còn phần viết chưa lưu. Rời trang?"),
    }


def _buttons(user: AnyUser, submission: Submission) -> dict[str, bool]:
    """Which buttons the page shows: what the workflow allows this user now."""
    allowed = set(selectors.submission_allowed_actions(user=user, submission=submission))
    return {
        "check": permissions.can_fill_submission(user, submission)
        or permissions.can_manage_rounds(user),
        "submit": bool({"submit", "resubmit"} & allowed),
        "return": "return" in allowed,
        "accept": "accept" in allowed,
        "reopen": "reopen" in allowed,
        "upload": "edit" in allowed,
    }


def render_page(request: HttpRequest, submission: Submission, *, issues: dict | None = None,
                status: int = 200, upload_errors: list | None = None,
                upload_form: UploadForm | None = None, proposals: Any = None) -> HttpResponse:
    """The submission page; ``proposals``: a bound Phụ lục III formset to show again."""
    if submission.template.is_proposals and proposals is None:
        proposals = proposal_formset(submission)
    grid = selectors.submission_grid(submission=submission)
    comments = list(submission.comments.select_related("author", "row", "column", "section"))
    buttons = _buttons(request.user, submission)
    can_edit = buttons["upload"]
    labels = {gc.column.key: gc.label for gc in grid.columns}
    texts = selectors.submission_texts(submission=submission)
    return render(request, "reporting/submission.html", {
        "submission": submission, "round": submission.round, "columns": grid.columns,
        "rows": grid_data.grid_rows(grid, can_edit=can_edit, comments=comments),
        "can_edit": can_edit, "buttons": buttons,
        "comments": comments, "labels": labels,
        "history": grid_data.submission_history(submission, labels, grid.refs,
                                               texts=bool(texts)),
        "refs": grid.refs, "duty": grid.duty,
        "late": selectors.submission_is_late(submission), "issues": issues,
        "last_submitted_at": selectors.submission_last_submitted_at(submission),
        "upload_form": upload_form or UploadForm(), "upload_errors": upload_errors,
        "grid_text": grid_text(),
        "proposals": proposals,
        "computed": [gc for gc in grid.columns if gc.column.source == ColumnSource.COMPUTED],
        "texts": texts, "texts_text": texts_text(),
        "texts_form": TextsUploadForm(sections=[t["section"] for t in texts]),
    }, status=status)


@login_required
@require_GET
def submission_page(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_user(user=request.user, pk=pk)
    return render_page(request, submission)


def _problem(problem: dict[str, Any]) -> dict[str, Any]:
    item = {k: problem.get(k) for k in ("row", "column", "code", "message")}
    item["row"] = str(item["row"])
    if problem.get("code") == "conflict":
        value = format_number(problem.get("current_value")) or _("trống")
        item["message"] = _("Ô này vừa được %(who)s sửa thành %(v)s; tải lại để xem.") % {
            "who": problem.get("changed_by") or _("người khác"), "v": value}
        item["current_version"] = problem.get("current_version")
    return item


def _read_changes(request: HttpRequest) -> list[dict[str, Any]] | None:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return None
    changes = body.get("changes") if isinstance(body, dict) else None
    if not isinstance(changes, list) or not 0 < len(changes) <= MAX_CHANGES \
            or not all(isinstance(c, dict) for c in changes):
        return None
    if not all(_is_version(c.get("version")) for c in changes):
        return None  # as the API: every change says which version of the cell it replaces
    return clean_data(changes)


def _is_version(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


@login_required
@require_POST
def cells_save(request: HttpRequest, pk: int) -> JsonResponse:
    """Autosave: ``{"changes": [{row, column, value?, note?, version}]}``; all or nothing."""
    submission = selectors.submission_get_for_user(user=request.user, pk=pk, write=True)
    changes = _read_changes(request)
    if changes is None:
        return JsonResponse({"ok": False, "message": _("Dữ liệu gửi lên không đúng dạng.")},
                            status=400)
    try:
        services.cell_save(submission=submission, changes=changes, actor=request.user)
    except CellProblems as exc:
        status = 409 if exc.is_conflict else 400
        return JsonResponse({"ok": False, "problems": [_problem(p) for p in exc.problems]},
                            status=status)
    except (ValidationError, PermissionDenied) as exc:
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) \
            else _("Bạn không được sửa biểu này.")
        return JsonResponse({"ok": False, "message": message}, status=400)
    submission.refresh_from_db()
    grid = selectors.submission_grid(submission=submission)
    rows = {int(c["row"]) for c in changes if str(c.get("row", "")).isdigit()}
    return JsonResponse({"ok": True, "version": submission.version, "status": submission.status,
                         "status_label": submission.get_status_display(),
                         "rows": grid_data.row_cells_json(grid, rows)})


@login_required
@require_POST
def check(request: HttpRequest, pk: int) -> HttpResponse:
    """The checks (htmx): errors block submission, warnings don't."""
    submission = selectors.submission_get_for_user(user=request.user, pk=pk)
    if not _buttons(request.user, submission)["check"]:
        raise permissions.refuse()
    result = submission_validate(submission=submission)
    return render(request, "reporting/_issues.html", {
        "issues": {"errors": [i.as_dict() for i in result["errors"]],
                   "warnings": [i.as_dict() for i in result["warnings"]]},
        "checked": True})


def _transition(request: HttpRequest, submission: Submission, action: str,
                form: Any) -> HttpResponse | None:
    data = form.cleaned_data
    try:
        services.submission_transition(
            submission=submission, action=action, actor=request.user,
            expected_version=data["version"], comment=data.get("comment", ""),
            cell_comments=data.get("cell_comments"))
    except TransitionRefused as exc:
        messages.error(request, "; ".join(exc.messages))
        issues = {"errors": exc.issues, "warnings": []} if exc.issues else None
        return render_page(request, submission, issues=issues, status=400)
    except (VersionConflict, ValidationError) as exc:
        messages.error(request, "; ".join(exc.messages))
        status = 409 if isinstance(exc, VersionConflict) else 400
        return render_page(request, submission, status=status)
    return None


DONE_MESSAGES = {
    "submit": _("Đã gửi biểu cho cơ quan kế hoạch."),
    "return": _("Đã trả lại biểu cho đơn vị."),
    "accept": _("Đã tiếp nhận biểu; số liệu đã vào số liệu chính thức."),
    "reopen": _("Đã mở lại biểu cho đơn vị sửa."),
}


@login_required
@require_POST
def submission_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """The workflow buttons: ``action`` is the verb (``submit``, ``return``, ``accept``,
    ``reopen``); 404 for a submission the user may not see, 403 without the action's role."""
    submission = selectors.submission_get_for_user(user=request.user, pk=pk)
    verb, action = action, workflow.action_for(action, submission.status)
    if not workflow.has_role(request.user, submission, action):
        raise permissions.refuse()
    form = (ReturnForm if action == "return" else ActionForm)(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return render_page(request, submission, status=400)
    refused = _transition(request, submission, action, form)
    if refused is not None:
        return refused
    messages.success(request, str(DONE_MESSAGES[verb]))
    return redirect("reporting:submission", pk=submission.pk)


@login_required
@require_GET
def xlsx_download(request: HttpRequest, pk: int) -> HttpResponse:
    submission = selectors.submission_get_for_user(user=request.user, pk=pk)
    name = f"{submission.round.code}_{submission.unit.code}_{submission.template.code}.xlsx"
    return HttpResponse(export_form(submission=submission), content_type=XLSX_CONTENT_TYPE,
                        headers={"Content-Disposition": content_disposition(name)})


@login_required
@require_POST
def xlsx_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A filled form back: every rejected cell is listed; nothing is stored on error."""
    submission = selectors.submission_get_for_user(user=request.user, pk=pk, write=True)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return render_page(request, submission, status=400, upload_form=form)
    try:
        result = import_form(data=form.cleaned_data["file"].read(), actor=request.user,
                             submission=submission)
    except FormRejected as exc:
        messages.error(request, _("Tệp bị từ chối: %(n)s lỗi; không có gì được lưu.") % {
            "n": len(exc.errors)})
        return render_page(request, submission, status=400, upload_errors=exc.errors)
    except (ValidationError, PermissionDenied) as exc:
        text = "; ".join(exc.messages) if isinstance(exc, ValidationError) \
            else _("Bạn không được sửa biểu này.")
        messages.error(request, text)
        return render_page(request, submission, status=400)
    messages.success(request, _("Đã nhập biểu từ tệp: %(n)s ô thay đổi.") % {
        "n": result["changed"]})
    return redirect("reporting:submission", pk=submission.pk)
