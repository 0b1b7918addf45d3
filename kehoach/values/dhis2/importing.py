"""``dhis2_import``: DHIS2 data values into kehoach, with DHIS2's import summary.

Each data value is mapped (data element or category option combo → indicator, org unit → unit),
its period translated and its value checked (a value under an attribute option combo other than
the default is not taken: kehoach keeps no funding-source split, and two such values are not one
value twice); a value that cannot be taken is ignored and listed as
a conflict, as DHIS2 does, and the rest are staged and merged like ``import_values`` (revisions,
one audit row). Two values for the same key: the last one wins and the earlier one is listed.
A file that cannot be read, a bad mapping, or ``dry_run`` stores nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import IO, Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kehoach.core.exchange.reader import ExchangeError
from kehoach.core.templatetags.kh import format_number
from kehoach.values.dhis2.mapping import DEFAULT_COMBOS, Mapping, MappingError, mapping_read
from kehoach.values.dhis2.periods import from_dhis2
from kehoach.values.dhis2.reading import DataValue, read_values
from kehoach.values.importing import may_write
from kehoach.values.models import ValueKind
from kehoach.values.services import value_normalise
from kehoach.values.staging import ValueStage

STRATEGIES = ("create_and_update", "create", "update", "delete")
MAX_CONFLICTS = 1000
_NUMBER = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$")
Progress = Callable[[str, int], None]


#: Why values were not taken, for the count by reason (``ignoredBy``) a page shows above the list.
REASONS = {
    "data_element": gettext_lazy("phần tử dữ liệu không có trong tệp ánh xạ"),
    "category_option_combo": gettext_lazy("tổ hợp phân tổ không có trong tệp ánh xạ"),
    "org_unit": gettext_lazy("đơn vị không có trong tệp ánh xạ"),
    "attribute_option_combo": gettext_lazy("tổ hợp thuộc tính khác mặc định"),
    "period": gettext_lazy("kỳ kehoach không giữ (tuần, ngày…) hoặc không phải kỳ DHIS2"),
    "value": gettext_lazy("giá trị không phải là số hoặc để trống"),
    "unit_period": gettext_lazy("đơn vị không có hiệu lực trong kỳ"),
    "permission": gettext_lazy("không có quyền nhập số liệu cho đơn vị"),
    "duplicate": gettext_lazy("trùng khoá trong tệp, giá trị sau cùng được lấy"),
    "strategy": gettext_lazy("không hợp với chiến lược nhập"),
}


@dataclass
class ImportSummary:
    """DHIS2's import summary, plus ``unchanged`` (values already as in the file)."""

    imported: int = 0
    updated: int = 0
    ignored: int = 0
    deleted: int = 0
    unchanged: int = 0
    duplicates: int = 0
    conflicts: list[dict[str, str]] = field(default_factory=list)
    reasons: dict[str, int] = field(default_factory=dict)  #: REASONS key → values ignored
    error: str = ""
    dry_run: bool = False
    format: str = ""
    strategy: str = "create_and_update"
    #: a ``csv.writer`` that gets every conflict (position, object, message), not only the first
    #: MAX_CONFLICTS: the background job's downloadable list of the values not taken
    spill: Any = None

    @property
    def stored(self) -> int:
        return self.imported + self.updated + self.deleted + self.unchanged

    @property
    def status(self) -> str:
        if self.error or (self.ignored and not self.stored):
            return "ERROR"
        return "WARNING" if self.ignored else "SUCCESS"

    def conflict(self, obj: str, message: str, position: int | str = "", reason: str = "") -> None:
        self.ignored += 1
        if reason:
            self.reasons[reason] = self.reasons.get(reason, 0) + 1
        if self.spill is not None:
            self.spill.writerow([position, obj, message])
        if len(self.conflicts) < MAX_CONFLICTS:
            self.conflicts.append({"object": obj, "value": message})

    def as_dict(self) -> dict[str, Any]:
        counts = {"imported": self.imported, "updated": self.updated, "ignored": self.ignored,
                  "deleted": self.deleted}
        return {
            "responseType": "ImportSummary", "status": self.status, **counts,
            "unchanged": self.unchanged, "duplicates": self.duplicates, "importCount": counts,
            "conflicts": self.conflicts, "description": self.error or self.description(),
            "ignoredBy": [{"reason": key, "label": str(REASONS[key]), "count": count}
                          for key, count in sorted(self.reasons.items(), key=lambda r: -r[1])],
            "dryRun": self.dry_run, "format": self.format, "strategy": self.strategy,
        }

    def description(self) -> str:
        text = _("Đã nhận %(i)s, cập nhật %(u)s, xoá %(d)s, không đổi %(n)s, bỏ qua %(g)s.") % {
            "i": format_number(self.imported), "u": format_number(self.updated),
            "d": format_number(self.deleted), "n": format_number(self.unchanged),
            "g": format_number(self.ignored)}
        if self.duplicates:
            text += " " + _("%(n)s giá trị trùng khoá trong tệp: giá trị sau cùng được lấy.") % {
                "n": format_number(self.duplicates)}
        if self.ignored > len(self.conflicts):
            text += " " + _("Chỉ liệt kê %(n)s xung đột đầu tiên.") % {
                "n": format_number(len(self.conflicts))}
        if self.dry_run:
            text += " " + _("(Chạy thử: chưa lưu gì.)")
        return text


class _Rollback(Exception):
    pass


def _number(text: str) -> Decimal:
    if not _NUMBER.match(text):
        raise ValueError(_("giá trị “%(v)s” không phải là số (DHIS2 viết số thập phân bằng dấu "
                           "chấm, không có dấu phân cách hàng nghìn).") % {"v": text})
    try:
        return value_normalise(Decimal(text))
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(str(exc))


class _Mapper:
    """Turns a DHIS2 data value into a staging row, or a conflict (object, message)."""

    def __init__(self, mapping: Mapping, kind: str, strategy: str, actor: Any) -> None:
        self.mapping, self.kind, self.strategy, self.actor = mapping, kind, strategy, actor
        self.ctx: dict[str, Any] = {}

    def indicator(self, dv: DataValue) -> Any:
        if dv.combo and dv.combo not in DEFAULT_COMBOS:
            found = self.mapping.combo(dv.data_element, dv.combo)
            if found is None:
                raise _Conflict(dv.combo, _("tổ hợp phân tổ (category option combo) không có "
                                            "trong tệp ánh xạ."), "category_option_combo")
            return found
        found = self.mapping.data_element(dv.data_element)
        if found is None:
            raise _Conflict(dv.data_element or "-", _("phần tử dữ liệu (data element) không có "
                                                      "trong tệp ánh xạ."), "data_element")
        return found

    def row(self, dv: DataValue) -> tuple:
        if dv.attribute_combo not in DEFAULT_COMBOS:
            raise _Conflict(dv.attribute_combo, _(
                "tổ hợp thuộc tính (attribute option combo) khác mặc định: kehoach không giữ số "
                "liệu theo thuộc tính (nguồn vốn, dự án…), nên không lấy giá trị này."),
                "attribute_option_combo")
        indicator = self.indicator(dv)
        unit = self.mapping.org_unit(dv.org_unit)
        if unit is None:
            raise _Conflict(dv.org_unit or "-", _("đơn vị (org unit) không có trong tệp ánh xạ."),
                            "org_unit")
        try:
            period = from_dhis2(dv.period)
        except ValueError as exc:  # PeriodNotHeld too
            raise _Conflict(dv.period or "-", str(exc), "period")
        value = self._value(dv)
        parsed = _parsed(period)
        unit = self.mapping.org_unit_in(dv.org_unit, unit, parsed.start, parsed.end)
        _check_valid(unit, parsed, dv.org_unit, period)
        if self.actor is not None and not may_write(self.ctx, self.actor, unit.pk):
            raise _Conflict(dv.org_unit, _("bạn không có quyền nhập số liệu cho đơn vị “%(u)s”.")
                            % {"u": unit.code}, "permission")
        return (dv.position, indicator.pk, unit.pk, period, parsed.start_year, parsed.end_year,
                self.kind, str(value), None, dv.comment)

    def _value(self, dv: DataValue) -> Decimal:
        if self.strategy == "delete" and not dv.value:
            return Decimal(0)
        if not dv.value:
            raise _Conflict(dv.data_element or "-", _("thiếu giá trị (value để trống)."), "value")
        try:
            return _number(dv.value)
        except ValueError as exc:
            raise _Conflict(dv.data_element, str(exc), "value")


def _check_valid(unit: Any, parsed: Any, org_unit: str, period: str) -> None:
    """A unit that ended before the period or began after it takes no value for it."""
    if unit.valid_to and unit.valid_to < parsed.start:
        raise _Conflict(org_unit, _("đơn vị “%(u)s” chỉ có hiệu lực đến %(d)s, không nhận số liệu "
                                    "kỳ %(p)s.") % {"u": unit.code, "p": period,
                                                   "d": unit.valid_to.strftime("%d/%m/%Y")},
                        "unit_period")
    if unit.valid_from and unit.valid_from > parsed.end:
        raise _Conflict(org_unit, _("đơn vị “%(u)s” chỉ có hiệu lực từ %(d)s, không nhận số liệu "
                                    "kỳ %(p)s.") % {"u": unit.code, "p": period,
                                                   "d": unit.valid_from.strftime("%d/%m/%Y")},
                        "unit_period")


class _Conflict(Exception):
    def __init__(self, obj: str, message: str, reason: str) -> None:
        super().__init__(message)
        self.obj, self.message, self.reason = obj, message, reason


def _parsed(code: str) -> Any:
    from kehoach.values.importing import _period

    return _period(code)


def _stage_values(values: Any, mapper: _Mapper, stage: ValueStage, summary: ImportSummary,
                  progress: Progress | None) -> None:
    count = 0
    for dv in values:
        count += 1
        try:
            stage.add(mapper.row(dv))
        except _Conflict as conflict:
            summary.conflict(conflict.obj, conflict.message, dv.position, conflict.reason)
        if progress is not None and count % 10_000 == 0:
            progress("read", count)
    if progress is not None:
        progress("read", count)
    if not count:
        raise ExchangeError([])


def _where(summary: ImportSummary, position: int) -> str:
    """A value's place in the file: its line in a CSV, its order in JSON, XML and ADX."""
    return (_("dòng %(n)s") if summary.format == "csv" else _("giá trị thứ %(n)s")) % {
        "n": position}


def _merge(stage: ValueStage, summary: ImportSummary, *, actor: Any, source: str) -> None:
    stage.prepare()
    for dropped, kept in stage.keep_last():
        summary.duplicates += 1
        summary.conflict(f"#{dropped}", position=dropped, reason="duplicate", message=_(
            "%(a)s bị %(b)s (cùng phần tử dữ liệu, kỳ và đơn vị) thay thế: giá trị sau cùng được "
            "lấy.") % {"a": _where(summary, dropped), "b": _where(summary, kept)})
    counts = stage.merge(actor=actor, source=source, strategy=summary.strategy)
    summary.imported, summary.updated = counts.created, counts.updated
    summary.unchanged, summary.deleted = counts.unchanged, counts.deleted
    for line, why in counts.skipped:
        message = (_("giá trị đã có trong kehoach (chiến lược create chỉ thêm mới).")
                   if why == "exists" else
                   _("giá trị chưa có trong kehoach (chiến lược %(s)s).") % {"s": summary.strategy})
        summary.conflict(f"#{line}", position=line, reason="strategy", message=message)


def _mapping(data: bytes, summary: ImportSummary) -> Mapping | None:
    """The mapping, or None with the summary saying why it is refused (an ERROR)."""
    try:
        return mapping_read(data)
    except MappingError as exc:
        summary.error = _("Tệp ánh xạ có lỗi: không đọc tệp dữ liệu, không lưu gì.")
        summary.conflicts = [{"object": o, "value": m} for o, m in exc.problems]
        return None


def dhis2_mapping_refused(*, mapping_data: bytes, dry_run: bool = False,
                          strategy: str = "create_and_update") -> ImportSummary | None:
    """The ERROR summary of a mapping that refers to what kehoach does not have, else None: a
    page checks it before it keeps a large upload for the background."""
    summary = ImportSummary(dry_run=dry_run, strategy=strategy)
    return summary if _mapping(mapping_data, summary) is None else None


def dhis2_import(
    *, path: Path | None = None, stream: IO[bytes] | None = None, filename: str = "",
    mapping_path: Path | None = None, mapping_data: bytes | None = None,
    strategy: str = "create_and_update", kind: str = ValueKind.ACTUAL, dry_run: bool = False,
    actor: Any = None, progress: Progress | None = None, summary: ImportSummary | None = None,
) -> ImportSummary:
    """Import a DHIS2 data value set; the summary says what was taken and what was not (pass
    one with a ``spill`` to get every conflict, not only the first 1,000)."""
    summary = summary or ImportSummary()
    summary.dry_run, summary.strategy = dry_run, strategy
    mapping = _mapping(mapping_data if mapping_data is not None
                       else (mapping_path.read_bytes() if mapping_path else b""), summary)
    if mapping is None:
        return summary
    if path is not None:
        with path.open("rb") as opened:
            return _run(opened, filename or path.name, mapping, summary, kind, actor, progress)
    return _run(stream, filename, mapping, summary, kind, actor, progress)


def _run(stream: IO[bytes] | None, filename: str, mapping: Mapping, summary: ImportSummary,
         kind: str, actor: Any, progress: Progress | None) -> ImportSummary:
    if stream is None:
        summary.error = _("Thiếu tệp dữ liệu.")
        return summary
    mapper = _Mapper(mapping, kind, summary.strategy, actor)
    try:
        with transaction.atomic():
            summary.format, values = read_values(stream, filename)
            stage = ValueStage()
            _stage_values(values, mapper, stage, summary, progress)
            if progress is not None:
                progress("checked", stage.staged + len(stage.buffer))
            _merge(stage, summary, actor=actor, source=f"DHIS2 {filename}"[:255])
            if progress is not None:
                progress("stored", summary.stored)
            if summary.dry_run or summary.status == "ERROR":
                raise _Rollback
    except ExchangeError as exc:
        _unreadable(summary, exc)
    except _Rollback:
        pass
    return summary


def _unreadable(summary: ImportSummary, exc: ExchangeError) -> None:
    reason = "; ".join(e.message for e in exc.errors) or _("Tệp không có giá trị dữ liệu nào.")
    summary.imported = summary.updated = summary.deleted = summary.unchanged = 0
    # the values read before the break are not a result either: the file as a whole is refused
    summary.ignored = summary.duplicates = 0
    summary.conflicts, summary.reasons = [], {}
    summary.error = _("Không đọc được tệp: %(r)s Không có gì được lưu.") % {"r": reason}
