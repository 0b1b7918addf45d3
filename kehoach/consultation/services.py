"""Writes of the consultation app: drafts and their sections, comments, moderation, answers."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from unidecode import unidecode

from kehoach.consultation import rules
from kehoach.consultation.drafts import DraftPart
from kehoach.consultation.models import (
    AuthorKind,
    Comment,
    CommentStatus,
    Consultation,
    ConsultationStatus,
    Response,
    ResponseKind,
    Section,
)
from kehoach.consultation.spam import rate_check, rate_count
from kehoach.core.models import AnyUser, User
from kehoach.core.permissions import is_authenticated
from kehoach.core.services import Changes, audit_record, model_update
from kehoach.core.templatetags.kh import vdatetime

if TYPE_CHECKING:
    from kehoach.plans.models import Plan
    from kehoach.units.models import Unit


class ConsultationChanges(TypedDict, total=False):
    """The fields ``consultation_update`` may change (any subset)."""

    title: str
    description: str
    plan: Plan | None
    issuer: str
    issuer_parent: str
    place: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    audience: str
    is_published: bool


logger = logging.getLogger(__name__)

COMMENT_MAX_CHARS = 10_000
RESERVED_SLUGS = {"tao-moi", "y-kien"}
EDITABLE_FIELDS = tuple(ConsultationChanges.__annotations__)


def _unique_slug(title: str, slug: str = "") -> str:
    base = slugify(unidecode(slug or title))[:100] or "lay-y-kien"
    candidate, n = base, 2
    while candidate in RESERVED_SLUGS or Consultation.objects.filter(slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _check_dates(opens_at: dt.datetime | None, closes_at: dt.datetime | None) -> None:
    if opens_at and closes_at and opens_at >= closes_at:
        raise ValidationError(
            {"closes_at": _("Hạn cuối nhận góp ý phải sau thời điểm bắt đầu.")}
        )


def _stored_user(actor: AnyUser | None) -> User | None:
    """The signed-in user a row records (a gate keeps anonymous callers out before)."""
    return actor if isinstance(actor, User) else None


@transaction.atomic
def consultation_create(*, actor: AnyUser | None, title: str, opens_at: dt.datetime,
                        closes_at: dt.datetime, slug: str = "", invited_units: Iterable = (),
                        **fields: Any) -> Consultation:
    """A new consultation (not published until ``is_published``)."""
    _check_dates(opens_at, closes_at)
    consultation = Consultation(title=title.strip(), slug=_unique_slug(title, slug),
                                opens_at=opens_at, closes_at=closes_at,
                                created_by=_stored_user(actor),
                                **{k: v for k, v in fields.items() if k in EDITABLE_FIELDS})
    consultation.full_clean()
    consultation.save()
    consultation.invited_units.set(list(invited_units))
    audit_record(actor=actor, action="consultation_create", obj=consultation,
                 summary=consultation.title)
    return consultation


@transaction.atomic
def consultation_update(*, consultation: Consultation, actor: AnyUser | None, data: ConsultationChanges,
                        invited_units: Iterable[Unit] | None = None) -> Consultation:
    """Change some fields; ``invited_units``, when given, replaces the invited units."""
    related: Changes = {}
    if invited_units is not None:
        before = sorted(consultation.invited_units.values_list("pk", flat=True))
        consultation.invited_units.set(list(invited_units))
        after = sorted(consultation.invited_units.values_list("pk", flat=True))
        if before != after:
            related["invited_units"] = [before, after]

    def validate(_changes: Changes) -> None:
        _check_dates(consultation.opens_at, consultation.closes_at)
        consultation.full_clean()

    model_update(instance=consultation, fields=EDITABLE_FIELDS, data=data, actor=actor,
                 validate=validate, related=related, subject=consultation.title)
    return consultation


def _next_position(consultation: Consultation) -> int:
    last = consultation.sections.order_by("-position").values_list("position", flat=True).first()
    return (last or 0) + 10


@transaction.atomic
def section_create(*, consultation: Consultation, actor: AnyUser | None, number: str = "", title: str = "",
                   text: str = "", parent: Section | None = None,
                   position: int | None = None) -> Section:
    if parent is not None and parent.consultation_id != consultation.pk:
        raise ValidationError({"parent": _("Mục cấp trên không thuộc dự thảo này.")})
    if not (title.strip() or text.strip()):
        raise ValidationError({"title": _("Hãy nhập tiêu đề hoặc nội dung của mục.")})
    section = Section(consultation=consultation, parent=parent, number=number.strip(),
                      title=title.strip(), text=text.strip(),
                      position=_next_position(consultation) if position is None else position)
    section.full_clean()
    section.save()
    audit_record(actor=actor, action="section_create", obj=section, summary=section.label)
    return section


@transaction.atomic
def section_update(*, section: Section, actor: AnyUser | None, **fields: Any) -> Section:
    for name in ("number", "title", "text", "position"):
        if name in fields:
            value = fields[name]
            setattr(section, name, value.strip() if isinstance(value, str) else value)
    if not (section.title or section.text):
        raise ValidationError({"title": _("Hãy nhập tiêu đề hoặc nội dung của mục.")})
    section.full_clean()
    section.save()
    audit_record(actor=actor, action="section_update", obj=section, summary=section.label)
    return section


@transaction.atomic
def section_delete(*, section: Section, actor: AnyUser | None) -> None:
    if Comment.objects.filter(section__in=[section, *_descendants(section)]).exists():
        raise ValidationError(_("Mục này đã có ý kiến góp ý nên không thể xóa."))
    audit_record(actor=actor, action="section_delete", obj=section, summary=section.label)
    section.delete()


def _descendants(section: Section) -> list[Section]:
    found, todo = [], list(section.children.all())
    while todo:
        child = todo.pop()
        found.append(child)
        todo.extend(child.children.all())
    return found


@transaction.atomic
def consultation_replace_sections(*, consultation: Consultation, parts: Sequence[DraftPart],
                                  actor: AnyUser | None, source: str = "") -> int:
    """Replace the draft's text with ``parts`` (from an upload); refused once comments exist."""
    if consultation.comments.exists():
        raise ValidationError(
            _("Dự thảo đã có ý kiến góp ý; không thể thay toàn bộ nội dung. Hãy sửa từng mục.")
        )
    consultation.sections.all().delete()
    counter = [0]

    def add(part: DraftPart, parent: Section | None) -> None:
        counter[0] += 1
        section = Section.objects.create(
            consultation=consultation, parent=parent, number=part.number[:16],
            title=part.title[:500], text=part.text, position=counter[0] * 10)
        for child in part.children:
            add(child, section)

    for part in parts:
        add(part, None)
    audit_record(actor=actor, action="consultation_replace_sections", obj=consultation,
                 summary=source[:200], data={"sections": counter[0]})
    return counter[0]


def _comment_window(consultation: Consultation, moment: dt.datetime) -> None:
    if not consultation.is_published or moment < consultation.opens_at:
        raise ValidationError(_("Dự thảo chưa mở lấy ý kiến; chưa thể gửi góp ý."))
    if consultation.status_at(moment) == ConsultationStatus.CLOSED:
        raise ValidationError(
            _("Đã hết hạn nhận góp ý (hạn cuối %(d)s).")
            % {"d": vdatetime(timezone.localtime(consultation.closes_at))}
        )


def _comment_fields(*, text: str, author_name: str, author_kind: str,
                    organisation: str) -> dict[str, str]:
    errors = {}
    if not text.strip():
        errors["text"] = _("Hãy nhập nội dung góp ý.")
    elif len(text) > COMMENT_MAX_CHARS:
        errors["text"] = _("Nội dung góp ý dài quá %(n)s ký tự.") % {"n": f"{COMMENT_MAX_CHARS:,}"}
    if not author_name.strip():
        errors["author_name"] = _("Hãy nhập họ và tên.")
    if author_kind == AuthorKind.ORGANISATION and not organisation.strip():
        errors["organisation"] = _("Hãy nhập tên tổ chức, doanh nghiệp.")
    if errors:
        raise ValidationError(errors)
    return {"text": text.strip(), "author_name": author_name.strip()[:200],
            "organisation": organisation.strip()[:255]}


def _comment_author(*, consultation: Consultation, author_kind: str, user: AnyUser | None,
                    ip_hash: str) -> Any:
    """The unit an invited body comments for (``None`` for the public); checks who may comment."""
    if author_kind == AuthorKind.UNIT:
        if not is_authenticated(user) or not rules.can_comment_for_unit(user, consultation):
            raise ValidationError(_("Đơn vị của bạn không nằm trong danh sách được mời góp ý."))
        return user.unit
    if author_kind not in (AuthorKind.CITIZEN, AuthorKind.ORGANISATION):
        raise ValidationError({"author_kind": _("Tư cách góp ý không hợp lệ.")})
    if not rules.can_comment_publicly(consultation):
        raise ValidationError(_("Dự thảo này chỉ lấy ý kiến các cơ quan, đơn vị được mời."))
    rate_check(ip_hash)
    return None


@transaction.atomic
def comment_submit(*, consultation: Consultation, text: str, author_name: str = "",
                   author_kind: str = AuthorKind.CITIZEN, organisation: str = "",
                   contact: str = "", section: Section | None = None, user: AnyUser | None = None,
                   ip_hash: str = "") -> Comment:
    """Store a comment, pending moderation.

    ``author_kind="unit"`` is a logged-in user of an invited unit, on behalf of that unit; the
    others are the public (rate-limited by ``ip_hash``, only when the audience is public)."""
    _comment_window(consultation, timezone.now())
    if section is not None and section.consultation_id != consultation.pk:
        raise ValidationError({"section": _("Mục được chọn không thuộc dự thảo này.")})
    unit = _comment_author(consultation=consultation, author_kind=author_kind, user=user,
                           ip_hash=ip_hash)
    if unit is not None and is_authenticated(user):  # a unit's comment: by its signed-in user
        author_name = author_name or user.get_full_name() or user.username
        organisation = ""
    clean = _comment_fields(text=text, author_name=author_name, author_kind=author_kind,
                            organisation=organisation)
    comment = Comment(consultation=consultation, section=section, author_kind=author_kind,
                      contact=contact.strip()[:255], unit=unit, ip_hash=ip_hash,
                      user=user if isinstance(user, User) else None, **clean)
    comment.full_clean()
    comment.save()
    if unit is None:
        rate_count(ip_hash)
    audit_record(actor=user, action="comment_submit", obj=comment,
                 summary=f"{consultation.slug}: {comment.author_name}")
    return comment


@transaction.atomic
def comment_moderate(*, comment: Comment, status: str, actor: AnyUser | None) -> Comment:
    if status not in CommentStatus.values:
        raise ValidationError({"status": _("Trạng thái kiểm duyệt không hợp lệ.")})
    old = comment.status
    comment.status = status
    comment.moderated_by = _stored_user(actor)
    comment.moderated_at = timezone.now()
    comment.save(update_fields=["status", "moderated_by", "moderated_at"])
    audit_record(actor=actor, action="comment_moderate", obj=comment,
                 summary=f"{old} → {status}", data={"from": old, "to": status})
    return comment


@transaction.atomic
def response_record(*, comment: Comment, kind: str, text: str, actor: AnyUser | None) -> Response:
    """Record (or change) the answer to a comment."""
    errors = {}
    if kind not in ResponseKind.values:
        errors["kind"] = _("Hãy chọn hình thức: tiếp thu, tiếp thu một phần, giải trình "
                           "hoặc không tiếp thu.")
    if not text.strip():
        errors["text"] = _("Hãy nhập nội dung tiếp thu, giải trình.")
    if errors:
        raise ValidationError(errors)
    response, created = Response.objects.update_or_create(
        comment=comment,
        defaults={"kind": kind, "text": text.strip(), "by": _stored_user(actor),
                  "at": timezone.now()},
    )
    audit_record(actor=actor, action="response_create" if created else "response_update",
                 obj=response, summary=f"{comment.pk}: {kind}")
    return response


def comment_follow_url(*, comment: Comment, site_url: str = "") -> str:
    """The private link of a comment (absolute when ``site_url``, e.g. ``https://host``, given)."""
    return site_url.rstrip("/") + reverse("consultation:follow", args=[comment.follow_token])


def comment_receipt_address(comment: Comment) -> str:
    """The commenter's e-mail address when the contact given is one; ``""`` otherwise."""
    contact = comment.contact.strip()
    try:
        validate_email(contact)
    except ValidationError:
        return ""
    return contact


def comment_receipt_message(*, comment: Comment, link: str) -> tuple[str, str]:
    consultation = comment.consultation
    closes = vdatetime(timezone.localtime(consultation.closes_at))
    subject = _("Đã nhận góp ý %(ref)s: %(t)s") % {"ref": comment.reference,
                                                   "t": consultation.title[:120]}
    body = _(
        "Kính gửi %(name)s,\n\n"
        "Góp ý của bạn cho dự thảo “%(t)s” đã được ghi nhận.\n\n"
        "Số tham chiếu: %(ref)s\n"
        "Đường dẫn riêng để xem trạng thái và nội dung trả lời: %(link)s\n"
        "(Đường dẫn này chỉ dành cho bạn; đừng chia sẻ nếu không muốn người khác xem.)\n\n"
        "Tiếp theo: ý kiến được kiểm duyệt trước khi công khai trên trang dự thảo; hạn cuối "
        "nhận góp ý là %(closes)s; cơ quan soạn thảo nghiên cứu, tiếp thu hoặc giải trình từng "
        "ý kiến và công khai nội dung trả lời cùng ý kiến.\n"
    ) % {"name": comment.author_name, "t": consultation.title, "ref": comment.reference,
         "link": link, "closes": closes}
    return subject, body


def comment_receipt_send(*, comment_id: int, link: str) -> bool:
    """E-mail the commenter the reference and private link (when the contact is an e-mail)."""
    comment = Comment.objects.select_related("consultation").filter(pk=comment_id).first()
    address = comment_receipt_address(comment) if comment else ""
    if comment is None or not address:
        return False
    subject, body = comment_receipt_message(comment=comment, link=link)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    audit_record(actor=None, action="comment_receipt_send", obj=comment, summary=comment.reference)
    logger.info("comment %s: receipt sent", comment.pk)
    return True
