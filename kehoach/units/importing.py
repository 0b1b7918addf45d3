"""The units exchange file (interfaces.md §1), shared by ``import_units``, the page and the API.

A row may name as parent or successor a unit defined further down the same file: that row is
then processed first (its result is counted when its own line comes), through
``core.exchange.forward`` as for indicators and plans. A chain of such references that comes back
to itself is a cycle and is refused, on every row of the chain.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kehoach.core.exchange.forward import CycleProblem, ForwardRows, run_forward_import
from kehoach.core.exchange.importer import (
    CREATED,
    UNCHANGED,
    UPDATED,
    ImportResult,
    RowProblem,
)
from kehoach.core.exchange.reader import FileSpec, Row
from kehoach.core.text import ascii_fold
from kehoach.units.models import Succession, Unit, UnitType
from kehoach.units.services import UnitChanges, succession_set, unit_create, unit_update

SPEC = FileSpec(
    name="units",
    required=("code", "name", "type"),
    optional=("parent", "valid_from", "valid_to", "successor", "successor_share", "gso_code",
              "email"),
    aliases={
        "mã đơn vị": "code", "mã": "code",
        "tên đơn vị": "name", "tên": "name",
        "loại": "type", "loại đơn vị": "type",
        "đơn vị cấp trên": "parent", "cấp trên": "parent",
        "hiệu lực từ": "valid_from", "hiệu lực đến": "valid_to",
        "đơn vị kế thừa": "successor", "tỷ lệ kế thừa": "successor_share",
        "mã thống kê": "gso_code", "mã gso": "gso_code", "thư điện tử": "email", "email": "email",
    },
    number_columns=("successor_share",),
)

# Vietnamese words for the types, compared without accents or case.
TYPE_WORDS = {
    UnitType.PROVINCE: ["tỉnh", "thành phố trực thuộc trung ương", "thành phố trung ương",
                        "tỉnh, thành phố"],
    UnitType.DEPARTMENT: ["sở", "ban", "ngành", "sở, ban, ngành", "sở ban ngành"],
    UnitType.DISTRICT: ["huyện", "quận", "thị xã", "thành phố thuộc tỉnh",
                        "huyện, thị xã, thành phố thuộc tỉnh"],
    UnitType.COMMUNE: ["xã", "phường", "thị trấn", "đặc khu", "xã, phường, đặc khu"],
    UnitType.AGENCY: ["cơ quan", "đoàn thể", "cơ quan, đoàn thể"],
    UnitType.ENTERPRISE: ["doanh nghiệp"],
    UnitType.OTHER: ["khác"],
}
_TYPES = {ascii_fold(w): t.value for t, words in TYPE_WORDS.items() for w in [t.value, *words]}
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_type(text: str) -> str:
    found = _TYPES.get(ascii_fold(text))
    if found is None:
        raise RowProblem(
            "type",
            _("loại “%(t)s” không hợp lệ; dùng một trong: %(k)s (hoặc tỉnh, sở, huyện, xã, phường…).")
            % {"t": text, "k": ", ".join(UnitType.values)},
        )
    return found


def parse_date(text: str, column: str) -> dt.date | None:
    if not text:
        return None
    try:
        match = _DMY.match(text)
        if match:
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        return dt.date.fromisoformat(text[:10] if "T" in text else text)
    except ValueError:
        raise RowProblem(
            column, _("“%(t)s” không phải là ngày (viết 2025-07-01 hoặc 01/07/2025).") % {"t": text}
        )


def _share(row: Row) -> Decimal:
    try:
        value = row.number("successor_share")
    except ValueError as exc:
        raise RowProblem("successor_share", str(exc))
    if value is None:
        return Decimal(1)
    if value > 1 and value <= 100 and row.get("successor_share").endswith("%"):
        value = value / 100
    if not Decimal(0) < value <= Decimal(1):
        raise RowProblem("successor_share", _("tỷ lệ kế thừa phải lớn hơn 0 và không quá 1."))
    return value


class UnitForwardRows(ForwardRows):
    """Parents and successors defined further down the file; a cycle is named on every row of
    it, in the units' words."""

    propagate_cycles = True

    def cycle_problem(self, column: str, code: str, chain: list[str]) -> CycleProblem:
        return CycleProblem(column, _("các đơn vị cấp trên hoặc kế thừa tạo thành vòng lặp (qua "
                                      "“%(c)s”, dòng %(l)s).") % {"c": code, "l": self.rows[code].line})

    def broken_problem(self, column: str, code: str, line: int) -> RowProblem:
        return RowProblem(column, _("đơn vị “%(c)s” (dòng %(l)s) có lỗi.") % {"c": code, "l": line})

    def run_in_turn(self, row: Row, ctx: dict) -> str:
        try:
            outcome = super().run_in_turn(row, ctx)
        except Exception:
            _known(ctx).turn_ended(failed=True)  # the turn's savepoint is rolled back
            raise
        _known(ctx).turn_ended(failed=False)
        return outcome


class Known:
    """The import's units by code and successor links by (predecessor, successor) pk: read from
    the database once (two queries instead of three or four per row), then kept as the rows
    create or change them. A row that fails is rolled back to its savepoint with the rows it
    imported ahead: what they touched is read again from the database when next asked."""

    def __init__(self) -> None:
        self.units: dict[str, Unit] = {u.code: u for u in Unit.objects.all()}
        self.links: dict[tuple[int, int], Succession] = {
            (s.predecessor_id, s.successor_id): s for s in Succession.objects.all()}
        self.touched: list[tuple[str, Any]] = []  #: this turn's units and links
        self.stale: set[tuple[str, Any]] = set()

    def unit(self, code: str) -> Unit | None:
        if ("unit", code) in self.stale:
            self.stale.discard(("unit", code))
            self.units.pop(code, None)
            found = Unit.objects.filter(code=code).first()
            if found is not None:
                self.units[code] = found
        return self.units.get(code)

    def link(self, key: tuple[int, int]) -> Succession | None:
        if ("link", key) in self.stale:
            self.stale.discard(("link", key))
            self.links.pop(key, None)
            found = Succession.objects.filter(predecessor_id=key[0], successor_id=key[1]).first()
            if found is not None:
                self.links[key] = found
        return self.links.get(key)

    def touch_unit(self, unit: Unit) -> None:
        """Before a row changes ``unit`` (or after it creates it)."""
        self.units[unit.code] = unit
        self.touched.append(("unit", unit.code))

    def touch_link(self, key: tuple[int, int], link: Succession) -> None:
        self.links[key] = link
        self.touched.append(("link", key))

    def turn_ended(self, *, failed: bool) -> None:
        if failed:
            self.stale.update(self.touched)
        self.touched.clear()


def _known(ctx: dict[str, Any]) -> Known:
    if "known" not in ctx:
        ctx["known"] = Known()
    return ctx["known"]


def _reference(code: str, column: str, ctx: dict[str, Any], row: Row) -> Unit | None:
    """The unit ``code`` names: one defined in the file (imported first if need be) or stored."""
    if not code:
        return None
    if code == row.get("code"):
        message = (_("một đơn vị không thể là cấp trên của chính nó.") if column == "parent"
                   else _("một đơn vị không thể kế thừa chính nó."))
        raise RowProblem(column, message)
    ctx["forward"].ensure(code, column, ctx)
    unit = _known(ctx).unit(code)
    if unit is None:
        raise RowProblem(column, _("không có đơn vị mã “%(c)s” trong hệ thống hay trong tệp.")
                         % {"c": code})
    return unit


def _fields(row: Row, ctx: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {"name": row.get("name"), "type": parse_type(row.get("type"))}
    for column in ("valid_from", "valid_to"):
        if column in row.cells:
            fields[column] = parse_date(row.get(column), column)
    if "parent" in row.cells:
        fields["parent"] = _reference(row.get("parent"), "parent", ctx, row)
    for column in ("gso_code", "email"):  # extensions of the contract: absent columns keep them
        if column in row.cells:
            fields[column] = row.get(column)
    return fields


def handle_row(row: Row, ctx: dict[str, Any]) -> str:
    """The row handler (its own turn, or ahead of it when a row above refers to it)."""
    code = row.get("code")
    if not code:
        raise RowProblem("code", _("thiếu mã đơn vị."))
    fields = _fields(row, ctx)
    _same_as_first_row(row, fields, ctx)
    unit = _known(ctx).unit(code)
    if unit is None:
        unit = unit_create(code=code, actor=ctx["actor"], **fields)
        _known(ctx).touch_unit(unit)
        status = CREATED
    else:
        _known(ctx).touch_unit(unit)  # changed in place: read again if the row fails
        changed = unit_update(unit=unit, actor=ctx["actor"], data=cast(UnitChanges, fields))
        status = UPDATED if changed else UNCHANGED
    link = _apply_successor(row, unit, ctx)
    if ctx["unit_rows"][code][0] != row.line and status == UNCHANGED:
        return link  # a further successor row of a unit: counts what happened to its link
    if link != UNCHANGED and status == UNCHANGED:
        status = UPDATED
    return status


def _same_as_first_row(row: Row, fields: dict[str, Any], ctx: dict[str, Any]) -> None:
    """A unit with several successors has one row per successor: its other cells must agree."""
    first = ctx.setdefault("unit_rows", {}).setdefault(row.get("code"), (row.line, fields))
    if first[0] == row.line:
        return
    differ = [column for column, value in fields.items() if first[1].get(column) != value]
    if differ:
        raise RowProblem(differ[0], _("đơn vị “%(c)s” đã có ở dòng %(l)s với giá trị khác; các dòng "
                                      "của cùng một đơn vị (mỗi dòng một đơn vị kế thừa) phải giống "
                                      "nhau ở các cột khác.") % {"c": row.get("code"),
                                                                 "l": first[0]})


def _apply_successor(row: Row, unit: Unit, ctx: dict[str, Any]) -> str:
    share = _share(row)
    successor = _reference(row.get("successor"), "successor", ctx, row)
    if successor is None:
        if row.get("successor_share"):
            raise RowProblem("successor", _("có tỷ lệ kế thừa nhưng thiếu đơn vị kế thừa."))
        return UNCHANGED
    effective = unit.valid_to + dt.timedelta(days=1) if unit.valid_to else successor.valid_from
    known, key = _known(ctx), (unit.pk, successor.pk)
    if known.link(key) is not None:
        known.touch_link(key, known.links[key])  # may be changed in place
    try:
        link, status = succession_set(predecessor=unit, successor=successor, share=share,
                                      effective=effective, actor=ctx["actor"],
                                      current=known.link(key))
    except ValidationError as exc:
        raise RowProblem("successor", "; ".join(exc.messages))
    known.touch_link(key, link)
    return status


def units_import(
    *, data: bytes, filename: str, dry_run: bool = False, locale: str = "auto", actor: Any = None
) -> ImportResult:
    """Import a units file, all or nothing (``dry_run``: check only)."""
    return run_forward_import(data=data, filename=filename, spec=SPEC, handle=handle_row,
                              actor=actor, dry_run=dry_run, locale=locale,
                              forward_class=UnitForwardRows,
                              key=lambda row: (row.get("code"), row.get("successor")))
