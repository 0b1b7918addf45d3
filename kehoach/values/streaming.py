"""``values_import``: a values exchange file of any size, streamed, checked, staged, merged.

The file is read once, row by row (``core.exchange.stream``); each row is checked as before
(unit valid in the period, indicator, period, kind, number, the user's right to write the unit)
and staged in bulk (``values.staging``); duplicates and the merge are set-based. Memory holds the
lookups and the errors, not the rows. All or nothing: any bad row rolls everything back.

Numbers under ``--locale auto`` need the whole file: a ``2.000`` is staged with both readings and
the column's convention is decided at the end, as ``numbers.decide_locales`` does.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _

from kehoach.core import permissions
from kehoach.core.exchange import numbers
from kehoach.core.exchange.importer import ImportResult, RowProblem, cap_errors
from kehoach.core.exchange.reader import ExchangeError, RowError
from kehoach.core.exchange.stream import StreamRows
from kehoach.values.importing import VALUES_SPEC, Lookups, may_write, parse_kind, period_of
from kehoach.values.services import value_normalise
from kehoach.values.staging import ValueStage

Progress = Callable[[str, int], None]


def _plain_decimal(text: str) -> Decimal | None:
    """``123.45`` (a decimal point that cannot be a thousands dot: not exactly three digits after
    it, or more than three before it, or ``0.``), read without the general classifier."""
    whole, dot, fraction = text.lstrip("-").partition(".")
    if not dot or not whole.isdigit() or not fraction.isdigit():
        return None
    if len(fraction) == 3 and len(whole) <= 3 and whole[0] != "0":
        return None
    return Decimal(text)


class NumberColumn:
    """The ``value`` column's numbers, read as they come; the convention decided at the end."""

    def __init__(self, locale: str) -> None:
        self.locale = locale
        self.seen: set[str] = set()
        self.ambiguous_lines: list[int] = []
        self.ambiguous_dot = False

    def read(self, text: str, line: int, native: bool) -> tuple[Decimal, Decimal | None]:
        """(the Vietnamese reading, the English one when it differs)."""
        if native or text.isdigit():
            return Decimal(text), None
        plain = _plain_decimal(text)
        if plain is not None:
            self.seen.add(numbers.EN)
            return plain, None
        kind = numbers.classify(text)
        if kind is None:
            raise RowProblem("value", _("“%(t)s” không phải là số.") % {"t": text})
        if kind == numbers.AMBIGUOUS:
            if len(self.ambiguous_lines) < 10:
                self.ambiguous_lines.append(line)
            self.ambiguous_dot = self.ambiguous_dot or "." in text
            if self.locale != "auto":
                return numbers.parse_number(text, locale=self.locale), None
            return (numbers.parse_number(text, locale=numbers.VI),
                    numbers.parse_number(text, locale=numbers.EN))
        if kind in (numbers.VI, numbers.EN):
            self.seen.add(kind)
        return numbers.parse_number(text, locale=numbers.VI if kind != numbers.EN else numbers.EN), None

    def decide(self) -> tuple[str, RowError | None]:
        """The convention of the column (``vi`` or ``en``), or the error naming the lines."""
        if self.locale in (numbers.VI, numbers.EN):
            return self.locale, None
        bad = len(self.seen) == 2 or (self.seen == {numbers.EN} and self.ambiguous_dot)
        if bad:
            return numbers.VI, RowError(0, "value", _(
                "không xác định được cách viết số của cột “%(c)s” (dòng %(l)s: ví dụ “2.000” là hai "
                "nghìn hay hai?); chạy lại với --locale vi hoặc --locale en.")
                % {"c": "value", "l": ", ".join(str(n) for n in self.ambiguous_lines)})
        return (numbers.EN if self.seen == {numbers.EN} else numbers.VI), None


def _required(cells: dict[str, str], column: str) -> str:
    text = cells.get(column, "")
    if not text:
        raise RowProblem(column, _("ô trống: cột này là bắt buộc."))
    return text


def _checked(value: Decimal) -> Decimal:
    try:
        return value_normalise(value)
    except (ValueError, InvalidOperation) as exc:
        raise RowProblem("value", str(exc))


def _remembered(cache: dict, key: Any, compute: Callable[[], Any]) -> Any:
    """``compute()`` once per key; a RowProblem is remembered too and raised again."""
    found = cache.get(key)
    if found is None:
        try:
            found = compute()
        except RowProblem as problem:
            found = problem
        cache[key] = found
    if isinstance(found, RowProblem):
        raise found
    return found


class RowChecker:
    """One row checked, as a staging tuple; RowProblem names the bad column.

    A national file repeats a few thousand units, a few dozen indicators, five periods and one
    kind: each distinct text is resolved once (with its error, if any) and the rows reuse it.
    """

    def __init__(self, ctx: dict[str, Any], column: NumberColumn) -> None:
        self.ctx, self.column = ctx, column
        self.lookups: Lookups = ctx["lookups"]
        self.actor = ctx.get("actor")
        self.places: dict[tuple[str, str], Any] = {}
        self.indicators: dict[str, int] = {}
        self.kinds: dict[str, str] = {}

    def _place(self, unit_ref: str, period_text: str) -> tuple[int, str, int, int]:
        period = period_of(period_text)
        unit = self.lookups.unit(unit_ref, period.start)
        if self.actor is not None and not may_write(self.ctx, self.actor, unit.pk):
            raise RowProblem("unit", _("bạn không có quyền nhập số liệu cho đơn vị “%(u)s”.")
                             % {"u": unit.code})
        return unit.pk, period.code, period.start_year, period.end_year

    def __call__(self, line: int, cells: dict[str, str], native: frozenset[str]) -> tuple:
        period_text = _required(cells, "period")
        unit_ref = _required(cells, "unit")
        unit_id, code, year, end_year = _remembered(
            self.places, (unit_ref, period_text), lambda: self._place(unit_ref, period_text))
        ref = _required(cells, "indicator")
        indicator_id = _remembered(self.indicators, ref, lambda: self.lookups.indicator(ref).pk)
        kind_text = _required(cells, "kind")
        kind = _remembered(self.kinds, kind_text, lambda: parse_kind(kind_text))
        value, value_en = self.column.read(_required(cells, "value"), line, "value" in native)
        english = str(_checked(value_en)) if value_en is not None else None
        return (line, indicator_id, unit_id, code, year, end_year, kind, str(_checked(value)),
                english, cells.get("note", ""))


class _Rollback(Exception):
    pass


MAX_ERRORS = 10_000


def _stage_file(reader: StreamRows, stage: ValueStage, ctx: dict[str, Any],
                column: NumberColumn, errors: list[RowError], progress: Progress | None) -> None:
    check = RowChecker(ctx, column)
    for line, cells, native in reader:
        try:
            row = check(line, cells, native)
        except RowProblem as problem:
            if len(errors) < MAX_ERRORS:
                errors.append(RowError(line, problem.column, problem.message))
            continue
        if not errors:
            stage.add(row)
        if progress is not None and reader.rows_read % 10_000 == 0:
            progress("read", reader.rows_read)
    if progress is not None:
        progress("read", reader.rows_read)


def values_import(
    *, data: bytes | None = None, stream: IO[bytes] | None = None, filename: str,
    actor: Any = None, dry_run: bool = False, locale: str = "auto", source: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Import a values file, all or nothing. With ``actor``, every row's unit must be writable
    by that user (pages and API); the command line passes none."""
    result = ImportResult(dry_run=dry_run)
    reader = StreamRows(stream if stream is not None else io.BytesIO(data or b""), filename,
                        VALUES_SPEC)
    column = NumberColumn(locale)
    ctx: dict[str, Any] = {"actor": actor, "lookups": Lookups()}
    try:
        with transaction.atomic():
            stage = ValueStage()
            _stage_file(reader, stage, ctx, column, result.errors, progress)
            if not result.errors and not reader.rows_read:
                result.errors.append(RowError(0, "", _("Tệp không có dòng dữ liệu nào.")))
            convention, problem = column.decide()
            if problem is not None:
                result.errors.insert(0, problem)
            if result.errors:
                raise _Rollback
            _merge(stage, convention, result, actor=actor, source=source or filename,
                   progress=progress)
            if result.errors or dry_run:
                raise _Rollback
    except ExchangeError as exc:
        result.errors = exc.errors
    except _Rollback:
        pass
    result.error_count = len(result.errors)
    result.errors = cap_errors(result.errors)
    return result


def _merge(stage: ValueStage, convention: str, result: ImportResult, *, actor: Any, source: str,
           progress: Progress | None) -> None:
    stage.prepare()
    if convention == numbers.EN:
        stage.read_english()
    if progress is not None:
        progress("checked", stage.staged)
    for line, first in stage.duplicates():
        result.errors.append(RowError(line, "", _("trùng với dòng %(l)s (cùng đơn vị, chỉ tiêu, "
                                                  "kỳ và loại số liệu).") % {"l": first}))
    if actor is not None and not permissions.is_manager(actor):
        for line, submission in stage.locked_lines():
            result.errors.append(RowError(line, "value", _(
                "số liệu này lấy từ biểu đã được tiếp nhận (biểu số %(s)s) nên đã khoá: hãy đề nghị "
                "mở lại biểu.") % {"s": submission}))
    if result.errors:
        return
    counts = stage.merge(actor=actor, source=source)
    result.created, result.updated, result.unchanged = counts.created, counts.updated, counts.unchanged
    if progress is not None:
        progress("stored", counts.created + counts.updated + counts.unchanged)
