"""The planning office's work on the written part of a round: which sections the round asks
for, every unit's text of a section side by side, the province's draft compiled from them
(picked, merged, edited, each passage keeping its source units) and the .docx of all texts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kehoach.core import permissions
from kehoach.core.forms import add_errors
from kehoach.core.gate import role_required
from kehoach.core.http import content_disposition
from kehoach.reporting import selectors, services
from kehoach.reporting.errors import VersionConflict
from kehoach.reporting.forms import SectionsForm
from kehoach.reporting.models import RoundSection, SubmissionText
from kehoach.reporting.texts_docx import round_texts_docx, round_texts_filename
from kehoach.units.models import Unit

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@role_required(permissions.can_manage_rounds)
@require_http_methods(["GET", "POST"])
def sections_edit(request: HttpRequest, code: str) -> HttpResponse:
    round = selectors.round_get_for_user(user=request.user, code=code, write=True)
    form = SectionsForm(request.POST or None, round=round)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_sections_set(round=round, sections=form.chosen(), actor=request.user)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu các mục viết của đợt."))
            return redirect("reporting:round", code=round.code)
    return render(
        request,
        "reporting/sections_form.html",
        {"round": round, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@role_required(permissions.can_read_round_texts)
@require_GET
def compile_overview(request: HttpRequest, code: str) -> HttpResponse:
    round = selectors.round_get_for_user(user=request.user, code=code)
    compiled = selectors.round_compiled_sections(round=round)
    rows = []
    for section in selectors.round_sections(round=round):
        entries = selectors.round_section_texts(section=section)
        rows.append(
            {
                "section": section,
                "written": sum(1 for e in entries if e["paragraphs"]),
                "units": len(entries),
                "over": sum(1 for e in entries if e["over"]),
                "compiled": len(compiled[section.key]["paragraphs"]),
            }
        )
    return render(
        request,
        "reporting/compile_overview.html",
        {
            "round": round,
            "rows": rows,
            "can_compile": permissions.can_compile_texts(request.user),
            "can_manage": permissions.can_manage_rounds(request.user),
        },
    )


def _page(request: HttpRequest, section: RoundSection, status: int = 200) -> HttpResponse:
    version, passages = selectors.compiled_passages(section=section)
    entries = selectors.round_section_texts(section=section)
    return render(
        request,
        "reporting/compile_section.html",
        {
            "round": section.round,
            "section": section,
            "sections": selectors.round_sections(round=section.round),
            "written": [e for e in entries if e["paragraphs"]],
            "missing": [e for e in entries if not e["paragraphs"]],
            "passages": passages,
            "version": version,
            "can_compile": permissions.can_compile_texts(request.user),
        },
        status=status,
    )


@role_required(permissions.can_read_round_texts)
@require_GET
def compile_section(request: HttpRequest, code: str, key: str) -> HttpResponse:
    round = selectors.round_get_for_user(user=request.user, code=code)
    return _page(request, selectors.round_section_get(round=round, key=key))


def _version(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


def _picks(section: RoundSection, values: list[str]) -> list[tuple[SubmissionText, int]]:
    texts = {t.pk: t for t in section.texts.select_related("submission__unit")}
    picks = []
    for value in values:
        text_id, _sep, index = value.partition(":")
        text = texts.get(int(text_id)) if text_id.isdigit() else None
        if text is None or not index.isdigit():
            raise ValidationError(
                _("Đoạn được chọn không còn trong bài của đơn vị; hãy tải lại trang.")
            )
        picks.append((text, int(index)))
    return picks


@role_required(permissions.can_compile_texts)
@require_POST
def compile_pick(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """Add the ticked paragraphs to the draft: each as a passage, or merged into one."""
    round = selectors.round_get_for_user(user=request.user, code=code, write=True)
    section = selectors.round_section_get(round=round, key=key)
    merge = request.POST.get("merge") == "1"
    try:
        services.compiled_section_pick(
            section=section,
            actor=request.user,
            merge=merge,
            picks=_picks(section, request.POST.getlist("pick")),
            expected_version=_version(request),
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return _page(request, section, status=409 if isinstance(exc, VersionConflict) else 400)
    messages.success(
        request,
        _("Đã gộp các đoạn đã chọn vào dự thảo.")
        if merge
        else _("Đã thêm các đoạn đã chọn vào dự thảo."),
    )
    return redirect("reporting:compile-section", code=round.code, key=section.key)


def _passages(request: HttpRequest) -> list[dict[str, Any]]:
    texts = request.POST.getlist("text")
    sources = request.POST.getlist("sources")
    orders = request.POST.getlist("order")
    drop = set(request.POST.getlist("delete"))
    if not (len(texts) == len(sources) == len(orders)):
        raise ValidationError(_("Dữ liệu gửi lên không đúng dạng: hãy tải lại trang."))
    codes = {c for value in sources for c in value.split(",") if c}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    items = []
    for index, (text, value, order) in enumerate(zip(texts, sources, orders, strict=True)):
        if str(index) in drop:
            continue
        wanted = [c for c in value.split(",") if c]
        if any(c not in units for c in wanted):
            raise ValidationError(_("Đoạn %(n)s: đơn vị nguồn không có.") % {"n": index + 1})
        position = int(order) if order.strip().lstrip("-").isdigit() else index + 1
        items.append((position, index, {"text": text, "sources": [units[c] for c in wanted]}))
    return [item for _p, _i, item in sorted(items, key=lambda t: (t[0], t[1]))]


@role_required(permissions.can_compile_texts)
@require_POST
def compile_save(request: HttpRequest, code: str, key: str) -> HttpResponse:
    """Save the draft as edited: texts, order, deletions; an added passage has no source."""
    round = selectors.round_get_for_user(user=request.user, code=code, write=True)
    section = selectors.round_section_get(round=round, key=key)
    try:
        services.compiled_section_save(
            section=section,
            passages=_passages(request),
            actor=request.user,
            expected_version=_version(request),
        )
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
        return _page(request, section, status=409 if isinstance(exc, VersionConflict) else 400)
    messages.success(request, _("Đã lưu dự thảo của mục “%(t)s”.") % {"t": section.title})
    return redirect("reporting:compile-section", code=round.code, key=section.key)


@role_required(permissions.can_read_round_texts)
@require_GET
def compile_docx(request: HttpRequest, code: str) -> HttpResponse:
    round = selectors.round_get_for_user(user=request.user, code=code)
    unit = getattr(request.user, "unit", None)
    return HttpResponse(
        round_texts_docx(round=round, unit=unit),
        content_type=DOCX_TYPE,
        headers={"Content-Disposition": content_disposition(round_texts_filename(round))},
    )
