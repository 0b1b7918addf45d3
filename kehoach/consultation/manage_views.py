"""Pages of the planning office: create and edit a draft, moderate, answer, synthesis."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.consultation import rules, selectors, services, synthesis
from kehoach.consultation.drafts import draft_read
from kehoach.consultation.forms import (
    ConsultationForm,
    ResponseForm,
    SectionForm,
    SynthesisOptionsForm,
    UploadForm,
)
from kehoach.consultation.models import CommentStatus, Consultation
from kehoach.core.constants import XLSX_CONTENT_TYPE
from kehoach.core.forms import add_errors
from kehoach.core.gate import role_required
from kehoach.core.http import content_disposition

MODERATION_STATUSES = {"publish": CommentStatus.PUBLISHED, "reject": CommentStatus.REJECTED,
                       "pending": CommentStatus.PENDING}


def _editable(request: HttpRequest, slug: str) -> Consultation:
    return selectors.consultation_get_for_user(user=request.user, slug=slug, write=True)


@role_required(rules.can_manage_consultations)
def consultation_create(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        units = data.pop("invited_units")
        try:
            consultation = services.consultation_create(actor=request.user, invited_units=units,
                                                        **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã tạo đợt lấy ý kiến. Hãy tải lên hoặc nhập nội dung "
                                        "dự thảo."))
            return redirect("consultation:sections", slug=consultation.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "consultation/form.html", {"form": form, "consultation": None},
                  status=status)


@login_required
def consultation_edit(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _editable(request, slug)
    form = ConsultationForm(request.POST or None, instance=consultation)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        units = data.pop("invited_units")
        try:
            services.consultation_update(consultation=Consultation.objects.get(pk=consultation.pk),
                                         actor=request.user, invited_units=units,
                                         data=cast(services.ConsultationChanges, data))
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu thông tin đợt lấy ý kiến."))
            return redirect("consultation:detail", slug=consultation.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "consultation/form.html",
                  {"form": form, "consultation": consultation}, status=status)


@login_required
def consultation_upload(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _editable(request, slug)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            data = upload.read(int(settings.KEHOACH_MAX_UPLOAD_BYTES) + 1)
            parts = draft_read(name=upload.name, data=data)
            count = services.consultation_replace_sections(
                consultation=consultation, parts=parts, actor=request.user, source=upload.name)
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            messages.success(request, _("Đã đọc %(n)s mục từ tệp %(f)s.") % {
                "n": count, "f": upload.name})
            return redirect("consultation:sections", slug=consultation.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "consultation/upload.html",
                  {"form": form, "consultation": consultation}, status=status)


@login_required
def section_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The draft's parts, and a form to add one."""
    consultation = _editable(request, slug)
    form = SectionForm(request.POST or None, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        try:
            services.section_create(consultation=consultation, actor=request.user,
                                    **{k: v for k, v in form.cleaned_data.items()
                                       if not (k == "position" and v is None)})
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã thêm mục."))
            return redirect("consultation:sections", slug=consultation.slug)
    return render(request, "consultation/sections.html", {
        "consultation": consultation, "form": form,
        "sections": selectors.section_flat(consultation=consultation),
    }, status=400 if request.method == "POST" else 200)


@login_required
def section_edit(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    consultation = _editable(request, slug)
    section = selectors.section_get(consultation=consultation, section_id=section_id)
    form = SectionForm(request.POST or None, instance=section, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "parent"}
        try:
            services.section_update(section=section, actor=request.user, **data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Đã lưu mục %(m)s.") % {"m": section.label})
            return redirect("consultation:sections", slug=consultation.slug)
    return render(request, "consultation/section_form.html", {
        "consultation": consultation, "form": form, "section": section,
    }, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def section_delete(request: HttpRequest, slug: str, section_id: int) -> HttpResponse:
    consultation = _editable(request, slug)
    section = selectors.section_get(consultation=consultation, section_id=section_id)
    try:
        services.section_delete(section=section, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã xóa mục."))
    return redirect("consultation:sections", slug=consultation.slug)


@login_required
def moderation(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _editable(request, slug)
    status = request.GET.get("trang_thai", CommentStatus.PENDING)
    if status not in CommentStatus.values and status != "all":
        status = CommentStatus.PENDING
    comments: Any = selectors.comment_list_for_user(
        user=request.user, consultation=consultation, status="" if status == "all" else status)
    reference = request.GET.get("ma", "").strip()[:40]
    if reference:  # the number a citizen quotes on the phone
        found = selectors.comment_by_reference(reference=reference)
        comments = [found] if found and found.consultation_id == consultation.pk else []
    return render(request, "consultation/moderation.html", {
        "consultation": consultation, "comments": comments, "status": status,
        "reference": reference,
        "statuses": CommentStatus.choices, "response_form": ResponseForm(),
        "counts": selectors.consultation_counts(consultation=consultation),
    })


def _row(request: HttpRequest, consultation: Consultation, comment_id: int,
         form: Any = None, status: int = 200) -> HttpResponse:
    comment = selectors.comment_get_for_user(user=request.user, consultation=consultation,
                                             comment_id=comment_id, write=True)
    form = form or ResponseForm()
    if not getattr(request, "htmx", False):
        if status != 200:
            messages.error(request, " ".join(str(e) for e in form.errors.values()))
        return redirect(f"{_moderation_url(consultation)}#y-kien-{comment.pk}")
    return render(request, "consultation/_comment_row.html", {
        "consultation": consultation, "comment": comment, "response_form": form,
    }, status=status)


def _moderation_url(consultation: Consultation) -> str:
    return reverse("consultation:moderation", args=[consultation.slug]) + "?trang_thai=all"


@login_required
@require_POST
def comment_moderate(request: HttpRequest, slug: str, comment_id: int) -> HttpResponse:
    consultation = _editable(request, slug)
    comment = selectors.comment_get_for_user(user=request.user, consultation=consultation,
                                             comment_id=comment_id, write=True)
    status = MODERATION_STATUSES.get(request.POST.get("action", ""))
    if status is None:
        return HttpResponse(_("Thao tác kiểm duyệt không hợp lệ."), status=400)
    services.comment_moderate(comment=comment, status=status, actor=request.user)
    return _row(request, consultation, comment_id)


@login_required
@require_POST
def comment_answer(request: HttpRequest, slug: str, comment_id: int) -> HttpResponse:
    consultation = _editable(request, slug)
    comment = selectors.comment_get_for_user(user=request.user, consultation=consultation,
                                             comment_id=comment_id, write=True)
    form = ResponseForm(request.POST)
    if not form.is_valid():
        return _row(request, consultation, comment_id, form=form, status=400)
    services.response_record(comment=comment, actor=request.user, **form.cleaned_data)
    return _row(request, consultation, comment_id)


def _synthesis_page(request: HttpRequest, consultation: Consultation,
                    form: SynthesisOptionsForm, status: int = 200) -> HttpResponse:
    rows = synthesis.synthesis_rows(consultation=consultation)
    counts = synthesis.synthesis_counts(consultation=consultation, rows=rows)
    return render(request, "consultation/synthesis.html", {
        "consultation": consultation, "counts": counts, "rows": rows, "form": form,
        "headers": synthesis.headers(),
        "chart": {"sections": counts.by_section, "kinds": counts.by_kind},
    }, status=status)


@login_required
def synthesis_page(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = _editable(request, slug)
    return _synthesis_page(request, consultation, SynthesisOptionsForm(consultation=consultation))


@login_required
def synthesis_download(request: HttpRequest, slug: str, ext: str) -> HttpResponse:
    """The .docx or .xlsx with the number, date, signer and recipients of the page's form (a
    date before the consultation closed: the page again with the message, 400)."""
    consultation = _editable(request, slug)
    form = SynthesisOptionsForm(request.GET or None, consultation=consultation)
    if request.GET and not form.is_valid():
        return _synthesis_page(request, consultation, form, status=400)
    options = form.options() if request.GET else None
    if ext == "docx":
        data = synthesis.synthesis_docx(consultation=consultation, options=options)
        mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        data = synthesis.synthesis_xlsx(consultation=consultation, options=options)
        mime = XLSX_CONTENT_TYPE
    response = HttpResponse(data, content_type=mime)
    name = synthesis.synthesis_filename(consultation, ext)
    response["Content-Disposition"] = content_disposition(name)
    return response
