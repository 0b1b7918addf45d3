"""Pages of the intake app (planning office only; others get 404): read a text, review, create."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.core import permissions
from kehoach.core.gate import role_required
from kehoach.core.http import HtmxHttpRequest
from kehoach.intake import selectors
from kehoach.intake.forms import CreateTargetsForm, ExtractForm, ItemForm
from kehoach.intake.models import ExtractedItem, ItemKind
from kehoach.intake.review import review_rows
from kehoach.intake.services import (
    extracted_item_update,
    extraction_create,
    extraction_create_targets,
    item_problems,
)
from kehoach.plans.models import Comparator, TargetType
from kehoach.plans.selectors import plan_list_for_user

RECENT = 20
CHOICES = {"comparators": Comparator.choices, "target_types": TargetType.choices}


@role_required(permissions.is_manager)
def extract(request: HttpRequest) -> HttpResponse:
    """Paste a text or upload a file; a stored session opens for review."""
    form = ExtractForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            extraction = extraction_create(actor=request.user, text=form.cleaned_data["content"],
                                           source_name=form.cleaned_data["source_name"])
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            return redirect("intake:review", pk=extraction.pk)
    recent = selectors.extraction_list_for_user(user=request.user)[:RECENT]
    status = 400 if request.method == "POST" else 200
    max_mb = f"{settings.KEHOACH_MAX_UPLOAD_BYTES / (1024 * 1024):g}"
    return render(request, "intake/extract.html", {"form": form, "recent": recent, "max_mb": max_mb},
                  status=status)


def _review_context(request: HttpRequest, extraction: Any, form: CreateTargetsForm | None = None,
                    problems: dict[int, list[str]] | None = None) -> dict[str, Any]:
    items = list(selectors.extraction_items(extraction=extraction))
    rows = review_rows(items, problems)
    plans = plan_list_for_user(user=request.user)
    if form is None:
        initial = {"plan": extraction.plan.code} if extraction.plan else {}
        form = CreateTargetsForm(plans=plans, initial=initial)
    return {
        "extraction": extraction, "form": form, "catalogue": selectors.indicator_catalogue(),
        "targets": [r for r in rows if r.item.kind == ItemKind.TARGET],
        "results": [r for r in rows if r.item.kind == ItemKind.RESULT],
        "editable": extraction.completed_at is None,
        "created": [i for i in items if i.target_id], **CHOICES,
    }


@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    extraction = selectors.extraction_get_for_user(user=request.user, pk=pk)
    return render(request, "intake/review.html", _review_context(request, extraction))


def _row(request: HttpRequest, item: ExtractedItem, form: ItemForm | None = None,
         status: int = 200) -> HttpResponse:
    row = review_rows([item])[0]
    errors: list[str] = []
    if form is not None:
        for field, messages_ in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            errors += [f"{label}: {m}" if label else str(m) for m in messages_]
    return render(request, "intake/_item.html", {
        "row": row, "item_errors": errors, "editable": item.extraction.completed_at is None,
        "extraction": item.extraction, **CHOICES,
    }, status=status)


@login_required
@require_POST
def item_update(request: HtmxHttpRequest, pk: int, item_pk: int) -> HttpResponse:
    """htmx: save one item's review and answer its rows again."""
    item = selectors.extracted_item_get_for_user(user=request.user, extraction_pk=pk, pk=item_pk,
                                                 write=True)
    form = ItemForm(request.POST)
    status = 200 if request.htmx else 400  # htmx swaps only 2xx answers: the row shows the errors
    if not form.is_valid():
        return _row(request, item, form, status=status)
    try:
        extracted_item_update(item=item, actor=request.user, **form.changes())
    except ValidationError as exc:
        item.refresh_from_db()
        form.add_error(None, exc.messages)
        return _row(request, item, form, status=status)
    if not request.htmx:
        return redirect("intake:review", pk=pk)
    return _row(request, item)


@login_required
@require_POST
def create_targets(request: HttpRequest, pk: int) -> HttpResponse:
    extraction = selectors.extraction_get_for_user(user=request.user, pk=pk, write=True)
    form = CreateTargetsForm(request.POST, plans=plan_list_for_user(user=request.user))
    problems: dict[int, list[str]] = {}
    if form.is_valid():
        plan = form.cleaned_data["plan"]
        try:
            targets = extraction_create_targets(
                extraction=extraction, actor=request.user, plan=plan,
                unit=form.cleaned_data["unit"])
        except ValidationError as exc:
            problems = item_problems(exc)
            if not problems:
                form.add_error(None, exc.messages)
            else:
                form.add_error(None, _("Chưa tạo chỉ tiêu nào: %(n)s mục có vấn đề, xem ở từng "
                                       "mục bên dưới.") % {"n": len(problems)})
        else:
            messages.success(request, _("Đã tạo %(n)s chỉ tiêu trong kế hoạch %(p)s.") % {
                "n": len(targets), "p": plan.code})
            return redirect("intake:review", pk=pk)
    context = _review_context(request, extraction, form, problems)
    return render(request, "intake/review.html", context, status=400)
