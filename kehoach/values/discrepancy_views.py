"""The planning office's list of reported figures kept beside the values of record (forms that
reported an indicator owned elsewhere, or below the official source), and adopting one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kehoach.core.constants import YEAR_MAX, YEAR_MIN
from kehoach.core.http import AuthenticatedHttpRequest
from kehoach.values import selectors
from kehoach.values.sources import reported_value_adopt


def _year(request: AuthenticatedHttpRequest) -> int | None:
    text = request.GET.get("year", "").strip()
    return int(text) if text.isdigit() and YEAR_MIN <= int(text) <= YEAR_MAX else None


@login_required
@require_GET
def discrepancies(request: AuthenticatedHttpRequest) -> HttpResponse:
    year = _year(request)
    rows = selectors.reported_discrepancies(user=request.user, year=year)
    return render(request, "values/discrepancies.html", {"rows": rows, "year": year})


@login_required
@require_POST
def adopt(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    item = selectors.reported_value_get_for_user(user=request.user, pk=pk)
    try:
        reported_value_adopt(reported=item, actor=request.user,
                             reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, _("Chưa dùng số này: %(e)s") % {"e": "; ".join(exc.messages)})
    else:
        messages.success(request, _("Đã dùng số của %(u)s làm số liệu chính thức; quyết định được "
                                    "ghi vào lịch sử.") % {"u": item.reported_by})
    return redirect("values:discrepancies")
