"""Reads of the consultation app, filtered by what the user may see."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from kehoach.consultation import rules
from kehoach.consultation.models import (
    REFERENCE_PREFIX,
    AuthorKind,
    Comment,
    CommentStatus,
    Consultation,
    Section,
)
from kehoach.core import permissions
from kehoach.core.models import AnyUser


def consultation_list_for_user(*, user: AnyUser) -> QuerySet[Consultation]:
    """Published consultations whose opening time has come; every one for province-wide roles."""
    qs = Consultation.objects.select_related("plan")
    if not permissions.is_province_wide(user):
        qs = qs.filter(is_published=True, opens_at__lte=timezone.now())
    return qs


def consultation_open_list() -> QuerySet[Consultation]:
    now = timezone.now()
    return Consultation.objects.filter(is_published=True, opens_at__lte=now, closes_at__gt=now)


def consultation_get_for_user(*, user: AnyUser, slug: str, write: bool = False) -> Consultation:
    consultation = (
        Consultation.objects.select_related("plan").prefetch_related("invited_units")
        .filter(slug=slug).first()
    )
    if consultation is None or not rules.can_see_consultation(user, consultation):
        raise permissions.deny()
    if write and not rules.can_manage_consultations(user):
        raise permissions.refuse()
    return consultation


def section_tree(*, consultation: Consultation) -> list[dict[str, Any]]:
    """``[{"section": s, "children": [...]}, ...]`` in reading order."""
    sections = list(consultation.sections.order_by("position", "id"))
    by_parent: dict[int | None, list[Section]] = {}
    for section in sections:
        by_parent.setdefault(section.parent_id, []).append(section)

    def build(parent_id: int | None, depth: int) -> list[dict[str, Any]]:
        return [{"section": s, "depth": depth, "children": build(s.pk, depth + 1)}
                for s in by_parent.get(parent_id, [])]

    return build(None, 0)


def section_flat(*, consultation: Consultation) -> list[tuple[Section, int]]:
    """Every section with its depth, in reading order (for select lists and the synthesis)."""
    out: list[tuple[Section, int]] = []

    def walk(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            out.append((node["section"], node["depth"]))
            walk(node["children"])

    walk(section_tree(consultation=consultation))
    return out


def section_get(*, consultation: Consultation, section_id: Any) -> Section:
    section = consultation.sections.filter(pk=section_id).first() if str(section_id).isdigit() \
        else None
    if section is None:
        raise permissions.deny()
    return section


def _comments(consultation: Consultation) -> QuerySet[Comment]:
    return consultation.comments.select_related("section", "unit", "response", "user")


def comment_public_list(*, consultation: Consultation) -> QuerySet[Comment]:
    """Published comments (with their answer) in the order they came."""
    return _comments(consultation).filter(status=CommentStatus.PUBLISHED)


def comment_list_for_user(*, user: AnyUser, consultation: Consultation,
                          status: str = "") -> QuerySet[Comment]:
    """Everything for the planning office (optionally one status); published ones for others."""
    if not rules.can_manage_consultations(user):
        return comment_public_list(consultation=consultation)
    qs = _comments(consultation)
    return qs.filter(status=status) if status in CommentStatus.values else qs


def comment_get_for_user(*, user: AnyUser, consultation: Consultation, comment_id: Any,
                         write: bool = False) -> Comment:
    qs = comment_list_for_user(user=user, consultation=consultation)
    comment = qs.filter(pk=comment_id).first() if str(comment_id).isdigit() else None
    if comment is None:
        raise permissions.deny()
    if write and not rules.can_manage_consultations(user):
        raise permissions.refuse()
    return comment


def comments_by_unit(*, consultation: Consultation, unit_id: int | None) -> QuerySet[Comment]:
    """What an invited unit sent (it sees its own comments, pending ones included)."""
    if not unit_id:
        return Comment.objects.none()
    return _comments(consultation).filter(unit_id=unit_id)


@dataclass
class Counts:
    total: int
    pending: int
    by_section: list[tuple[str, int]]
    by_kind: list[tuple[str, int]]
    answered: int


def consultation_counts(*, consultation: Consultation) -> Counts:
    """Received comments (rejected ones left out) by section and by kind of commenter."""
    received = list(_comments(consultation).exclude(status=CommentStatus.REJECTED))
    per_section = Counter(c.section_id for c in received)
    by_section = [(s.label, per_section[s.pk]) for s, _depth in section_flat(
        consultation=consultation) if per_section[s.pk]]
    if per_section[None]:
        by_section.append((gettext("Góp ý chung"), per_section[None]))
    per_kind = Counter(c.author_kind for c in received)
    return Counts(
        total=len(received),
        pending=sum(1 for c in received if c.status == CommentStatus.PENDING),
        by_section=by_section,
        by_kind=[(str(label), per_kind[value]) for value, label in AuthorKind.choices],
        answered=sum(1 for c in received if hasattr(c, "response")),
    )


def consultation_with_counts(qs: QuerySet[Consultation]) -> QuerySet[Consultation]:
    return qs.annotate(
        n_published=Count("comments", filter=Q(comments__status=CommentStatus.PUBLISHED)),
        n_pending=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)),
    )


def synthesis_comments(*, consultation: Consultation) -> list[Comment]:
    """Published comments in the order of the draft's sections (general comments last)."""
    order = {s.pk: i for i, (s, _depth) in enumerate(section_flat(consultation=consultation))}
    comments = list(comment_public_list(consultation=consultation))
    return sorted(comments, key=lambda c: (order.get(c.section_id or 0, len(order)),
                                           c.created_at, c.pk))



FOLLOW_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{20,64}")
REFERENCE_RE = re.compile(rf"{REFERENCE_PREFIX}-(\d{{4}})-(\d{{1,12}})", re.IGNORECASE)


def comment_by_token(*, token: str, consultation: Consultation | None = None) -> Comment | None:
    """The comment whose private link carries ``token`` (of ``consultation`` when given)."""
    if not FOLLOW_TOKEN_RE.fullmatch(token or ""):
        return None
    qs = Comment.objects.select_related("consultation", "section", "response", "unit")
    if consultation is not None:
        qs = qs.filter(consultation=consultation)
    return qs.filter(follow_token=token).first()


def comment_get_by_token(*, token: str) -> Comment:
    """The comment whose private link carries ``token`` (anyone holding the link may read it);
    an unknown or malformed token is 404, like a page that does not exist."""
    comment = comment_by_token(token=token)
    if comment is None:
        raise permissions.deny()
    return comment


def comment_by_reference(*, reference: str) -> Comment | None:
    """The comment its author calls ``GY-2026-000123`` (``None`` for a malformed number)."""
    match = REFERENCE_RE.fullmatch((reference or "").strip())
    if match is None:
        return None
    return (Comment.objects.select_related("consultation", "section", "response", "unit")
            .filter(pk=int(match.group(2)), created_at__year=int(match.group(1))).first())


def comment_get_by_reference(*, user: AnyUser, reference: str) -> Comment:
    """A comment by the number its author quotes: the planning office only (404 otherwise)."""
    comment = comment_by_reference(reference=reference) if rules.can_manage_consultations(
        user) else None
    if comment is None:
        raise permissions.deny()
    return comment
