"""``kehoach comment_status GY-2026-000123 [--format …]``: a comment by its reference number.

For the planning office's hotline: a citizen quotes the number from the confirmation page or
e-mail; this prints the comment's status, the answer and the private link to send again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from kehoach.consultation.models import Comment
from kehoach.consultation.selectors import REFERENCE_RE, comment_by_reference
from kehoach.consultation.services import comment_follow_url
from kehoach.core.management.base import ListingCommand, UsageError


def _row(comment: Comment) -> dict[str, Any]:
    response = getattr(comment, "response", None)
    return {
        "reference": comment.reference, "consultation": comment.consultation.slug,
        "created_at": timezone.localtime(comment.created_at).isoformat(),
        "author": comment.author_display, "status": comment.status,
        "section": comment.section.label if comment.section else "",
        "answer_kind": response.kind if response else None,
        "answer": response.text if response else None,
        "follow_path": comment_follow_url(comment=comment),
    }


class Command(ListingCommand):
    help = ("A consultation comment by its reference number (GY-YYYY-NNNNNN): consultation, "
            "status, answer and the private link's path.")
    fields = ("reference", "consultation", "created_at", "author", "status", "answer_kind",
              "follow_path")
    default_format = "json"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", nargs="+", help="reference number(s), e.g. GY-2026-000123")
        super().add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        rows = []
        for reference in options["reference"]:
            match = REFERENCE_RE.fullmatch(reference.strip())
            if match is None:
                raise UsageError(f"“{reference}” không phải số tham chiếu góp ý "
                                 "(dạng GY-2026-000123).")
            comment = comment_by_reference(reference=reference)
            if comment is None:
                raise UsageError(f"Không có góp ý nào mang số tham chiếu “{reference}”.")
            rows.append(_row(comment))
        self.emit(rows, options["format"])
