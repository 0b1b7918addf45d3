"""Phụ lục III: the tasks and projects a unit proposes for the action programme."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.reporting import selectors, services
from kehoach.reporting.forms import proposal_formset
from kehoach.reporting.views import grid


def _items(formset: Any) -> list[dict[str, Any]]:
    items = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE") or not data.get("text", "").strip():
            continue
        items.append({k: data[k] for k in ("kind", "text", "lead_unit", "coordinating_units",
                                           "period", "product", "cost")})
    return items


@login_required
@require_POST
def proposals_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Replace the unit's lines (all or nothing)."""
    submission = selectors.submission_get_for_user(user=request.user, pk=pk, write=True)
    formset = proposal_formset(submission, request.POST)
    if not formset.is_valid():
        messages.error(request, _("Có dòng nhập sai: xem thông báo ở từng dòng; chưa lưu gì."))
        return grid.render_page(request, submission, status=400, proposals=formset)
    try:
        created = services.proposal_save(submission=submission, items=_items(formset),
                                         actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        text = "; ".join(exc.messages) if isinstance(exc, ValidationError) \
            else _("Bạn không được sửa biểu này.")
        messages.error(request, text)
        return grid.render_page(request, submission, status=400, proposals=formset)
    messages.success(request, _("Đã lưu %(n)s đề xuất.") % {"n": len(created)})
    return redirect("reporting:submission", pk=submission.pk)
