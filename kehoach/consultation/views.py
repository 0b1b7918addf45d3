"""Public pages: the list of consultations, a draft by section with its comments, commenting."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kehoach.consultation import rules, selectors, services, synthesis, tasks
from kehoach.consultation.forms import CommentForm, UnitCommentForm
from kehoach.consultation.models import AuthorKind, Consultation, ConsultationStatus
from kehoach.consultation.spam import (
    HONEYPOT_FIELD,
    RateLimited,
    client_ip,
    ip_hash,
    rate_limit_message,
)
from kehoach.core import permissions
from kehoach.core.models import User


def consultation_list(request: HttpRequest) -> HttpResponse:
    qs = selectors.consultation_with_counts(
        selectors.consultation_list_for_user(user=request.user))
    groups: dict[str, list[Consultation]] = {s: [] for s in ConsultationStatus.values}
    for consultation in qs:
        groups[consultation.status].append(consultation)
    return render(request, "consultation/list.html", {
        "open": groups["open"], "closed": groups["closed"], "drafts": groups["draft"],
        "can_manage": rules.can_manage_consultations(request.user),
    })


def _section_id(raw: Any) -> str:
    return str(raw) if str(raw or "").isdigit() else ""


def _page_context(request: HttpRequest, consultation: Consultation,
                  form: Any = None) -> dict[str, Any]:
    user = request.user
    flat = selectors.section_flat(consultation=consultation)
    comments = list(selectors.comment_public_list(consultation=consultation))
    by_section: dict[Any, list] = {}
    for comment in comments:
        by_section.setdefault(comment.section_id, []).append(comment)
    #: the signed-in user of an invited unit, who comments for the unit
    member = (user if isinstance(user, User) and rules.can_comment_for_unit(user, consultation)
              else None)
    as_unit = member is not None
    initial = {"section": _section_id(request.GET.get("muc"))}
    if form is None and consultation.status == ConsultationStatus.OPEN:
        if member is not None:
            form = UnitCommentForm(sections=flat, initial={
                **initial, "author_name": member.get_full_name() or member.username})
        elif rules.can_comment_publicly(consultation):
            form = CommentForm(sections=flat, initial=initial)
    return {
        "consultation": consultation, "tree": selectors.section_tree(consultation=consultation),
        "comments_by_section": by_section, "general_comments": by_section.get(None, []),
        "n_published": len(comments), "form": form, "as_unit": as_unit,
        "own_comments": selectors.comments_by_unit(
            consultation=consultation, unit_id=member.unit_id) if member else [],
        "can_manage": rules.can_manage_consultations(user),
        "plan_visible": bool(consultation.plan and permissions.can_see_plan(user,
                                                                            consultation.plan)),
        "honeypot": HONEYPOT_FIELD,
    }


def consultation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = selectors.consultation_get_for_user(user=request.user, slug=slug)
    return render(request, "consultation/detail.html",
                  _page_context(request, consultation))


def _section_for(consultation: Consultation, raw: str) -> Any:
    if not raw:
        return None
    return selectors.section_get(consultation=consultation, section_id=raw)


def _refuse(request: HttpRequest, consultation: Consultation, form: Any, message: str,
            status: int) -> HttpResponse:
    context = _page_context(request, consultation, form=form)
    context["form_error"] = message
    return render(request, "consultation/detail.html", context, status=status)


@require_POST
def comment_post(request: HttpRequest, slug: str) -> HttpResponse:
    consultation = selectors.consultation_get_for_user(user=request.user, slug=slug)
    flat = selectors.section_flat(consultation=consultation)
    as_unit = request.POST.get("as_unit") == "1"
    form_class = UnitCommentForm if as_unit else CommentForm
    form = form_class(request.POST, sections=flat)
    if not as_unit and request.POST.get(HONEYPOT_FIELD, "").strip():
        return redirect("consultation:thanks", slug=consultation.slug)  # a robot: store nothing
    if not form.is_valid():
        return _refuse(request, consultation, form, _("Góp ý chưa được gửi: hãy sửa các ô "
                                                      "được đánh dấu."), 400)
    data = form.cleaned_data
    try:
        comment = services.comment_submit(
            consultation=consultation, text=data["text"], author_name=data["author_name"],
            author_kind=AuthorKind.UNIT if as_unit else data["author_kind"],
            organisation=data.get("organisation", ""), contact=data.get("contact", ""),
            section=_section_for(consultation, data["section"]), user=request.user,
            ip_hash=ip_hash(client_ip(request)),
        )
    except RateLimited:
        return _refuse(request, consultation, form, rate_limit_message(), 429)
    except ValidationError as exc:
        for field, errors in getattr(exc, "error_dict", {}).items():
            if field in form.fields:
                form.add_error(field, errors)
        return _refuse(request, consultation, form, " ".join(exc.messages), 400)
    tasks.comment_receipt_enqueue(comment=comment, site_url=site_url(request))
    request.session[LAST_COMMENT_KEY] = comment.follow_token
    return redirect("consultation:thanks", slug=consultation.slug)


LAST_COMMENT_KEY = "consultation_last_comment"


def site_url(request: HttpRequest) -> str:
    """``https://host`` of this request: the start of the links sent by e-mail."""
    return request.build_absolute_uri("/").rstrip("/")


def comment_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    """The confirmation: the reference number and private link of the comment just sent (kept
    in the sender's session), what happens next."""
    consultation = selectors.consultation_get_for_user(user=request.user, slug=slug)
    comment = selectors.comment_by_token(token=request.session.get(LAST_COMMENT_KEY, ""),
                                         consultation=consultation)
    return render(request, "consultation/thanks.html", {
        "consultation": consultation, "comment": comment,
        "follow_url": services.comment_follow_url(comment=comment, site_url=site_url(request))
        if comment else "",
        "emailed": bool(comment and services.comment_receipt_address(comment)),
    })


def comment_follow(request: HttpRequest, token: str) -> HttpResponse:
    """The commenter's private page: this one comment, its moderation and the office's answer."""
    comment = selectors.comment_get_by_token(token=token)
    response = render(request, "consultation/follow.html", {
        "comment": comment, "consultation": comment.consultation,
        "answer": getattr(comment, "response", None),
        "public": rules.can_see_consultation(request.user, comment.consultation),
    })
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def synthesis_public(request: HttpRequest, slug: str) -> HttpResponse:
    """The synthesis table, published once the consultation has closed (published comments
    and their answers only; never a contact)."""
    consultation = selectors.consultation_get_for_user(user=request.user, slug=slug)
    if (consultation.status != ConsultationStatus.CLOSED
            and not rules.can_manage_consultations(request.user)):
        raise permissions.deny()
    return render(request, "consultation/public_synthesis.html", {
        "consultation": consultation, "headers": synthesis.headers(),
        "rows": synthesis.synthesis_rows(consultation=consultation),
    })
