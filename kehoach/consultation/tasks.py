"""Background jobs of the consultation app (django-tasks; the worker is ``kehoach db_worker``).

This module sits above the services: it imports them, they never import it."""

from __future__ import annotations

from django.db import transaction
from django.utils import translation
from django_tasks import task

from kehoach.consultation.models import Comment
from kehoach.consultation.services import (
    comment_follow_url,
    comment_receipt_address,
    comment_receipt_send,
)


@task()
def send_comment_receipt(*, comment_id: int, link: str, language: str = "vi") -> bool:
    """E-mail a commenter the reference number and private link of the comment."""
    with translation.override(language):
        return comment_receipt_send(comment_id=comment_id, link=link)


def comment_receipt_enqueue(*, comment: Comment, site_url: str) -> bool:
    """Queue the receipt once the comment is stored, when its author gave an e-mail address."""
    if not comment_receipt_address(comment):
        return False
    link = comment_follow_url(comment=comment, site_url=site_url)
    language = translation.get_language() or "vi"
    transaction.on_commit(lambda: send_comment_receipt.enqueue(
        comment_id=comment.pk, link=link, language=language))
    return True
