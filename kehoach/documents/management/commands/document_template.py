"""``kehoach document_template KIND (--download FILE | --upload FILE | --reset)``: the
province's Word template of a document kind (``report``, ``synthesis``,
``plan_document``).

Exit codes: 0 done; 1 the uploaded template does not render (the old one stays; the reason is
printed); 2 bad usage (unknown kind, missing file)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from kehoach.core.management.base import UsageError
from kehoach.documents import selectors
from kehoach.documents.models import DocumentTemplate
from kehoach.documents.reports.template import default_template
from kehoach.documents.services import document_template_reset, document_template_upload


class Command(BaseCommand):
    help = "Download, upload or reset the Word template (docxtpl) of a document kind."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", help=f"one of: {', '.join(DocumentTemplate.Kind.values)}")
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument("--download", metavar="FILE.docx")
        action.add_argument("--upload", metavar="FILE.docx")
        action.add_argument("--reset", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        kind = options["kind"]
        if kind not in DocumentTemplate.Kind.values:
            raise UsageError(
                f"Không có loại văn bản {kind} (dùng: {', '.join(DocumentTemplate.Kind.values)})."
            )
        if options["download"]:
            out = Path(options["download"])
            if not out.parent.is_dir():
                raise UsageError(f"Không có thư mục: {out.parent}")
            stored = selectors.document_template_stored(kind=kind)
            out.write_bytes(stored or default_template(kind))
            self.stdout.write(
                f"wrote {out} ({'province template' if stored else 'built-in template'})"
            )
        elif options["upload"]:
            path = Path(options["upload"])
            if not path.is_file():
                raise UsageError(f"Không tìm thấy tệp: {path}")
            try:
                document_template_upload(
                    kind=kind, data=path.read_bytes(), filename=path.name, actor=None
                )
            except ValidationError as exc:
                self.stderr.write("; ".join(exc.messages))
                sys.exit(1)
            self.stdout.write(f"template {kind} replaced by {path.name}")
        else:
            removed = document_template_reset(kind=kind, actor=None)
            self.stdout.write(
                f"template {kind}: {'back to the built-in one' if removed else 'already the built-in one'}"
            )
