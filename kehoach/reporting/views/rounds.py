"""Rounds: the list, create/edit (with milestones and assignments), copy, open/close, detail,
and a reporter's own submissions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, Count, ExpressionWrapper, Min, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.core import permissions
from kehoach.core.forms import add_errors
from kehoach.core.gate import role_required
from kehoach.core.http import AuthenticatedHttpRequest
from kehoach.core.models import AnyUser
from kehoach.reporting import selectors, services
from kehoach.reporting.forms import AssignForm, CopyForm, MilestoneFormSet, RoundForm
from kehoach.reporting.models import (
    MilestoneActor,
    Round,
    RoundStatus,
    RowScope,
    SubmissionStatus,
)

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

DONE = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)


class _FirstDeadline(TypedDict):
    first_deadline: dt.date | None


def _units_deadline(round: WithAnnotations[Round, _FirstDeadline]) -> dt.date | None:
    """The units' deadline from the prefetched milestones (no query per round)."""
    dates = [m.date for m in round.milestones.all() if m.actor == MilestoneActor.UNITS]
    return min(dates) if dates else round.first_deadline


def _round_rows(user: AnyUser) -> list[dict[str, Any]]:
    scope = permissions.unit_scope_ids(user)
    in_scope = Q() if scope is None else Q(submissions__unit_id__in=scope)
    rounds = selectors.round_list_for_user(user=user).annotate(
        n_total=Count("submissions", filter=in_scope, distinct=True),
        n_done=Count("submissions", filter=in_scope & Q(submissions__status__in=DONE),
                     distinct=True),
        first_deadline=Min("submissions__deadline", filter=in_scope),
    ).prefetch_related("milestones")
    today = selectors.today()
    rows = []
    for round in rounds:
        # a reporter sees its own units' deadline (it may have been extended); others the round's
        deadline = round.first_deadline if scope is not None else _units_deadline(round)
        percent = (Decimal(100) * round.n_done / round.n_total).quantize(Decimal("0.1")) \
            if round.n_total else None
        rows.append({"round": round, "deadline": deadline, "percent": percent,
                     "overdue": bool(deadline and round.status == RoundStatus.OPEN
                                     and deadline < today and round.n_done < round.n_total)})
    return rows


@login_required
def round_list(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/rounds.html", {
        "rows": _round_rows(request.user),
        "can_manage": selectors.can_manage_rounds(request.user),
        "is_reporter": permissions.is_reporter(request.user),
    })


@login_required
def my_submissions(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The submissions of the user's unit(s) in every round it may see."""
    scope = permissions.unit_scope_ids(request.user)
    if scope is None:  # province-wide roles: the submissions of their own unit
        scope = {request.user.unit_id} if request.user.unit_id else set()
    late = ExpressionWrapper(selectors.submission_late_q(on=selectors.today()),
                             output_field=BooleanField())
    submissions = list(selectors.submission_list_for_user(user=request.user)
                       .filter(unit_id__in=scope).annotate(late=late))
    return render(request, "reporting/my_submissions.html", {"submissions": submissions})


def _milestones(formset: Any) -> list[dict[str, Any]]:
    items = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE"):
            continue
        items.append({"name": data["name"], "date": data["date"], "actor": data["actor"]})
    return sorted(items, key=lambda m: m["date"])


def _save_round(request: HttpRequest, round: Round | None, forms: dict[str, Any]) -> Round | None:
    data = dict(forms["round"].cleaned_data)
    if not data.get("row_scope"):
        data.pop("row_scope", None)  # not sent: the default, or the round's own choice
    units, templates = forms["assign"].chosen()
    try:
        with transaction.atomic():
            if round is None:
                round = services.round_create(actor=request.user,
                                              milestones=_milestones(forms["milestones"]), **data)
            else:
                data.pop("code")
                round = services.round_update(round=round, actor=request.user,
                                              milestones=_milestones(forms["milestones"]),
                                              data=cast(services.RoundChanges, data))
            if units and templates:
                services.round_assign(round=round, units=units, templates=templates,
                                      actor=request.user,
                                      deadline=forms["assign"].cleaned_data["deadline"])
    except ValidationError as exc:
        target = forms["assign"] if {"deadline"} & set(getattr(exc, "error_dict", {})) \
            else forms["round"]
        add_errors(target, exc)
        return None
    if bool(units) != bool(templates):
        messages.warning(request, _("Chưa giao biểu: hãy chọn cả biểu mẫu và đơn vị."))
    return round


def _round_forms(request: HttpRequest, round: Round | None) -> dict[str, Any]:
    post = request.POST if request.method == "POST" else None
    initial = RoundForm.initial_for(round) if round else {}
    milestones = [{"name": m.name, "date": m.date, "actor": m.actor}
                  for m in round.milestones.all()] if round else []
    round_form = RoundForm(post, initial=initial)
    if round is not None:
        round_form.fields["code"].disabled = True
    return {
        "round": round_form,
        "milestones": MilestoneFormSet(post, initial=milestones, prefix="ms"),
        "assign": AssignForm(post, prefix="as"),
    }


def _round_edit(request: HttpRequest, round: Round | None) -> HttpResponse:
    forms = _round_forms(request, round)
    if request.method == "POST" and all(f.is_valid() for f in forms.values()):
        saved = _save_round(request, round, forms)
        if saved is not None:
            messages.success(request, _("Đã lưu đợt “%(t)s”.") % {"t": saved.title})
            return redirect("reporting:round", code=saved.code)
    status = 400 if request.method == "POST" else 200
    return render(request, "reporting/round_form.html", {
        "round": round, "form": forms["round"], "milestones": forms["milestones"],
        "assign": forms["assign"], "actors": MilestoneActor.choices,
        "assigned": round.submissions.select_related("unit", "template") if round else [],
    }, status=status)


@role_required(permissions.can_manage_rounds)
def round_create(request: HttpRequest) -> HttpResponse:
    return _round_edit(request, None)


@login_required
def round_edit(request: HttpRequest, code: str) -> HttpResponse:
    round = selectors.round_get_for_user(user=request.user, code=code, write=True)
    if round.status == RoundStatus.CLOSED:
        messages.error(request, _("Đợt đã kết thúc, không sửa được."))
        return redirect("reporting:round", code=round.code)
    return _round_edit(request, round)


def _copy_initial(request: HttpRequest) -> dict[str, Any]:
    """The source chosen in the link (``?source=CODE``) and the copy it proposes."""
    wanted = request.GET.get("source", "")
    try:
        source = selectors.round_get_for_user(user=request.user, code=wanted) if wanted else None
    except Http404:
        source = None
    if source is None:
        return {}
    return {"source": source, "years": 1,
            **services.round_copy_proposal(source=source, years=1)}


@role_required(permissions.can_manage_rounds)
def round_copy(request: HttpRequest) -> HttpResponse:
    form = CopyForm(request.POST or None, initial=_copy_initial(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            round = services.round_copy(source=data["source"], code=data["code"],
                                        title=data["title"], years=data["years"],
                                        actor=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã sao chép thành đợt “%(t)s” (dự thảo).") % {
                "t": round.title})
            return redirect("reporting:round", code=round.code)
    status = 400 if request.method == "POST" else 200
    return render(request, "reporting/round_copy.html", {"form": form}, status=status)


@login_required
@require_POST
def round_row_scope(request: HttpRequest, code: str) -> HttpResponse:
    """The round's choice of which rows a unit types (its page's control)."""
    round = selectors.round_get_for_user(user=request.user, code=code, write=True)
    scope = request.POST.get("row_scope", "")
    if scope not in RowScope.values:
        messages.error(request, _("Lựa chọn dòng của biểu không hợp lệ: “%(s)s”.") % {"s": scope})
        return redirect("reporting:round", code=round.code)
    try:
        services.round_update(round=round, actor=request.user, data={"row_scope": scope})
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Đã lưu: %(s)s.") % {"s": RowScope(scope).label})
    return redirect("reporting:round", code=round.code)


@login_required
@require_POST
def round_action(request: HttpRequest, code: str, action: str) -> HttpResponse:
    round = selectors.round_get_for_user(user=request.user, code=code, write=True)
    service = {"open": services.round_open, "close": services.round_close}[action]
    try:
        service(round=round, actor=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        done = _("Đã mở đợt.") if action == "open" else _("Đã kết thúc đợt.")
        messages.success(request, done)
    return redirect("reporting:round", code=round.code)


def _matrix(data: dict[str, Any]) -> tuple[list[tuple[str, str]], list[dict[str, Any]]]:
    """Completeness rows pivoted to units × forms."""
    labels = dict(SubmissionStatus.choices)
    forms = sorted({(r["form"], r["form_name"]) for r in data["rows"]})
    units: dict[str, dict[str, Any]] = {}
    for r in data["rows"]:
        unit = units.setdefault(r["unit"], {"code": r["unit"], "name": r["unit_name"],
                                            "cells": {}})
        unit["cells"][r["form"]] = {**r, "status_label": labels.get(r["status"], r["status"])}
    for unit in units.values():
        unit["cells"] = [unit["cells"].get(code) for code, _name in forms]
    return forms, list(units.values())


@login_required
def round_detail(request: HttpRequest, code: str) -> HttpResponse:
    round = selectors.round_get_for_user(user=request.user, code=code)
    scope = permissions.unit_scope_ids(request.user)
    data = selectors.round_completeness(round=round, unit_ids=scope)
    forms, units = _matrix(data)
    today = selectors.today()
    return render(request, "reporting/round_detail.html", {
        "round": round, "milestones": list(round.milestones.all()), "today": today,
        "data": data, "forms": forms, "units": units,
        "deadline": selectors.round_deadline(round),
        "can_manage": selectors.can_manage_rounds(request.user),
        "is_reporter": scope is not None, "row_scopes": RowScope.choices,
        "sections": list(selectors.round_sections(round=round)),
        "can_read_texts": permissions.can_read_round_texts(request.user),
    })
