"""The all-or-nothing importer shared by every ``import_*`` command, page and endpoint.

A row handler validates one row and writes it through the app's services, returning
``created``, ``updated`` or ``unchanged``; it raises ``RowProblem`` for a bad cell. Everything runs
in one transaction that is rolled back when any row is bad or on ``dry_run``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.core.exchange.reader import (  # noqa: F401 - RowProblem is re-exported
    ExchangeError,
    FileSpec,
    Row,
    RowError,
    RowProblem,
    read_table,
)

logger = logging.getLogger(__name__)

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
MAX_ERRORS = 200  # the errors a result lists; the rest are counted in one last line


def cap_errors(errors: list[RowError], limit: int = MAX_ERRORS) -> list[RowError]:
    """At most ``limit`` errors, the last one saying how many more there were."""
    if len(errors) <= limit:
        return errors
    more = len(errors) - limit + 1
    return [*errors[: limit - 1], RowError(0, "", _("… và %(n)s lỗi khác (chỉ liệt kê %(m)s lỗi "
                                                    "đầu): hãy sửa các lỗi trên rồi nhập lại.")
                                           % {"n": more, "m": limit - 1})]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False
    error_count: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        if not self.ok:
            return _("%(n)s lỗi; không có dữ liệu nào được lưu.") % {
                "n": max(self.error_count, len(self.errors))}
        text = _("tạo mới %(c)s, cập nhật %(u)s, không đổi %(s)s") % {
            "c": self.created, "u": self.updated, "s": self.unchanged,
        }
        if self.dry_run:
            text += _(" (chạy thử: chưa lưu)")
        elif not self.changed:
            text += _(" — tệp không thay đổi gì")
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "dry_run": self.dry_run, "ok": self.ok,
            "errors": [{"line": e.line, "column": e.column, "message": e.message} for e in self.errors],
        }


RowHandler = Callable[[Row, dict[str, Any]], str]
#: Runs after the rows, in the same transaction (more of the file: a second sheet); it adds its
#: errors and counts to the result.
Finisher = Callable[[dict[str, Any], ImportResult], None]


class _Rollback(Exception):
    pass


def run_import(
    *,
    data: bytes,
    filename: str,
    spec: FileSpec,
    handler: RowHandler,
    key: Callable[[Row], tuple] | None = None,
    dry_run: bool = False,
    locale: str = "auto",
    context: dict[str, Any] | None = None,
    finish: Finisher | None = None,
) -> ImportResult:
    """Import a whole file or nothing. ``key`` gives each row's identity, for duplicate checks.

    The result lists at most ``MAX_ERRORS`` errors (``error_count`` has them all)."""
    result = _import(data=data, filename=filename, spec=spec, handler=handler, key=key,
                     dry_run=dry_run, locale=locale, context=context, finish=finish)
    result.error_count = len(result.errors)
    result.errors = cap_errors(result.errors)
    if result.error_count:
        logger.info("import %s %s: refused, %s errors, nothing stored", spec.name, filename,
                    result.error_count)
    else:
        logger.info("import %s %s%s: %s created, %s updated, %s unchanged", spec.name, filename,
                    " (dry run, nothing stored)" if dry_run else "", result.created,
                    result.updated, result.unchanged)
    return result


def _import(*, data: bytes, filename: str, spec: FileSpec, handler: RowHandler,
            key: Callable[[Row], tuple] | None, dry_run: bool, locale: str,
            context: dict[str, Any] | None, finish: Finisher | None = None) -> ImportResult:
    result = ImportResult(dry_run=dry_run)
    try:
        rows = read_table(data, filename, spec=spec, locale=locale)
    except ExchangeError as exc:
        result.errors = exc.errors
        return result
    result.errors = _duplicates(rows, key) if key else []
    if result.errors:
        return result
    ctx = dict(context or {})
    try:
        with transaction.atomic():
            _apply(rows, handler, ctx, result)
            if finish is not None:
                finish(ctx, result)
            if result.errors or dry_run:
                raise _Rollback
    except _Rollback:
        pass
    return result


def _apply(rows: list[Row], handler: RowHandler, ctx: dict[str, Any], result: ImportResult) -> None:
    counts: Counter[str] = Counter()
    for row in rows:
        try:
            with transaction.atomic():
                counts[handler(row, ctx)] += 1
        except RowProblem as problem:
            result.errors.append(RowError(row.line, problem.column, problem.message))
        except ValidationError as exc:
            for column, messages in _validation_items(exc):
                result.errors.append(RowError(row.line, column, "; ".join(messages)))
    result.created, result.updated, result.unchanged = (
        counts[CREATED], counts[UPDATED], counts[UNCHANGED],
    )


def _validation_items(exc: ValidationError) -> list[tuple[str, list[str]]]:
    if hasattr(exc, "error_dict"):
        return [(k if k != "__all__" else "", v) for k, v in exc.message_dict.items()]
    return [("", exc.messages)]


def _duplicates(rows: list[Row], key: Callable[[Row], tuple]) -> list[RowError]:
    seen: dict[tuple, int] = {}
    errors = []
    for row in rows:
        identity = key(row)
        if identity in seen:
            errors.append(
                RowError(row.line, "", _("trùng với dòng %(l)s.") % {"l": seen[identity]})
            )
        else:
            seen[identity] = row.line
    return errors
