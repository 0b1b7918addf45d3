"""The written part on the submission page: autosave of the sections (JSON, versions like the
cells: 409 on a conflict) and a .docx whose headings are matched to the sections."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.core.files import read_upload
from kehoach.reporting import selectors, services
from kehoach.reporting.errors import TextProblems
from kehoach.reporting.forms import TextsUploadForm

MAX_SECTIONS = 20


def _read_changes(request: HttpRequest) -> list[dict[str, Any]] | None:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return None
    changes = body.get("changes") if isinstance(body, dict) else None
    if not isinstance(changes, list) or not 0 < len(changes) <= MAX_SECTIONS:
        return None
    for change in changes:
        version = change.get("version") if isinstance(change, dict) else None
        if not isinstance(version, int) or isinstance(version, bool) or version < 0:
            return None  # every change says which version of the section it replaces
    return changes


def _entries(submission: Any) -> list[dict[str, Any]]:
    return [
        {
            "section": e["key"],
            "version": e["version"],
            "words": e["words"],
            "over": e["over"],
            "max_words": e["max_words"],
            "text": e["text"],
        }
        for e in selectors.submission_texts(submission=submission)
    ]


@login_required
@require_POST
def texts_save(request: HttpRequest, pk: int) -> JsonResponse:
    """Autosave: ``{"changes": [{section, text, version}]}``; all or nothing."""
    submission = selectors.submission_get_for_user(user=request.user, pk=pk, write=True)
    changes = _read_changes(request)
    if changes is None:
        return JsonResponse(
            {"ok": False, "message": _("Dữ liệu gửi lên không đúng dạng.")}, status=400
        )
    try:
        services.submission_texts_save(submission=submission, changes=changes, actor=request.user)
    except TextProblems as exc:
        return JsonResponse(
            {
                "ok": False,
                "problems": [
                    {
                        k: p.get(k)
                        for k in (
                            "section",
                            "code",
                            "message",
                            "current_version",
                            "current_text",
                            "changed_by",
                        )
                    }
                    for p in exc.problems
                ],
            },
            status=409 if exc.is_conflict else 400,
        )
    except (ValidationError, PermissionDenied) as exc:
        message = (
            "; ".join(exc.messages)
            if isinstance(exc, ValidationError)
            else _("Bạn không được sửa biểu này.")
        )
        return JsonResponse({"ok": False, "message": message}, status=400)
    submission.refresh_from_db()
    return JsonResponse(
        {
            "ok": True,
            "version": submission.version,
            "status": submission.status,
            "status_label": submission.get_status_display(),
            "sections": _entries(submission),
        }
    )


@login_required
@require_POST
def texts_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A .docx: its headings fill the matching sections; nothing is stored on error."""
    submission = selectors.submission_get_for_user(user=request.user, pk=pk, write=True)
    sections = list(selectors.round_sections(round=submission.round))
    form = TextsUploadForm(request.POST, request.FILES, sections=sections)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(_back(submission))
    try:
        result = services.submission_texts_import_docx(
            submission=submission,
            data=read_upload(form.cleaned_data["file"]),
            actor=request.user,
            fallback=form.cleaned_data["fallback"],
        )
    except (ValidationError, PermissionDenied) as exc:
        text = (
            "; ".join(exc.messages)
            if isinstance(exc, ValidationError)
            else _("Bạn không được sửa biểu này.")
        )
        messages.error(request, _("Tệp Word chưa được nhận: %(e)s") % {"e": text})
        return redirect(_back(submission))
    titles = {s.key: s.title for s in sections}
    filled = ", ".join(titles[k] for k in result["sections"])
    if not result["headings"]:
        messages.warning(
            request,
            _(
                "Không nhận ra đề mục nào trong tệp: toàn bộ văn bản đã đưa "
                "vào mục “%(t)s”. Hãy chia lại các mục nếu cần."
            )
            % {"t": titles.get(form.cleaned_data["fallback"], "")},
        )
    else:
        messages.success(request, _("Đã nhận tệp Word: %(s)s.") % {"s": filled})
        if result["fallback_used"]:
            messages.info(
                request,
                _("Các đoạn trước đề mục đầu tiên đã đưa vào mục “%(t)s”.")
                % {"t": titles.get(form.cleaned_data["fallback"], "")},
            )
    return redirect(_back(submission))


def _back(submission: Any) -> str:
    return reverse("reporting:submission", args=[submission.pk]) + "#texts"
