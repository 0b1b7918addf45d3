"""The set-based path for big value imports: stage the checked rows in bulk, merge them in SQL.

Rows are checked in Python (units, indicators, periods, numbers) and written to a temporary
staging table in batches: PostgreSQL ``COPY``, SQLite ``executemany``. Then a few statements find
the duplicates, match the stored values, insert the new ones and their CREATE revisions, update
the changed ones with UPDATE revisions (or delete, with DELETE revisions), all inside the caller's
transaction: the same outcome as ``value_set`` row by row, with one audit row for the whole import.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import DateTimeField
from django.utils import timezone

from kehoach.core.services import audit_record
from kehoach.indicators.models import Indicator
from kehoach.units.models import Unit
from kehoach.values.models import Value, ValueRevision
from kehoach.values.selectors import SUBMISSION_SOURCE

STAGE = "kehoach_value_stage"
FLUSH_EVERY = 20_000
# the order of the unique key value_unique (year follows from period: same rows, index order)
KEY = ("unit_id", "indicator_id", "kind", "year", "period")
_COLUMNS = ("line", "indicator_id", "unit_id", "period", "year", "end_year", "kind", "value",
            "value_en", "note")
_ON = " AND ".join(f"v.{c} = s.{c}" for c in KEY)
_CHANGED = "(s.value <> s.old_value OR s.note <> s.old_note)"


@dataclass
class MergeCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line, why) not written

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "deleted": self.deleted}


def _table(model: Any) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _copy_text(value: Any) -> str:
    if value is None:
        return "\\N"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = (text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
                .replace("\r", "\\r"))
    return text


_NULL = "\\N"


def _copy_line(row: tuple) -> str:
    """A staged row as a line of COPY text: only the note is free text that may need escaping."""
    line, indicator, unit, period, year, end_year, kind, value, english, note = row
    english = _NULL if english is None else english
    return (f"{line}\t{indicator}\t{unit}\t{period}\t{year}\t{end_year}\t{kind}\t{value}\t"
            f"{english}\t{_copy_text(note)}\n")


class ValueStage:
    """A temporary table of rows to merge; use inside ``transaction.atomic()``."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.buffer: list[tuple] = []
        self.staged = 0
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
            numeric = "numeric(24, 6)" if self.postgres else "decimal"
            cursor.execute(
                f"CREATE TEMPORARY TABLE {STAGE} (line integer NOT NULL, indicator_id integer "
                f"NOT NULL, unit_id integer NOT NULL, period varchar(16) NOT NULL, year integer "
                f"NOT NULL, end_year integer NOT NULL, kind varchar(16) NOT NULL, value {numeric} "
                f"NOT NULL, value_en {numeric}, note text NOT NULL, value_id bigint, "
                f"old_value {numeric}, old_note text, skip varchar(16))"
            )

    def add(self, row: tuple) -> None:
        """``row`` in the order of ``_COLUMNS``, numbers as their decimal text; ``value_en`` is
        the English reading of an ambiguous number (``2.000``) or None."""
        self.buffer.append(row)
        if len(self.buffer) >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        with connection.cursor() as cursor:
            if self.postgres:
                text = "".join(map(_copy_line, self.buffer))
                raw = cursor.cursor
                with raw.copy(f"COPY {STAGE} ({', '.join(_COLUMNS)}) FROM STDIN") as copy:
                    copy.write(text.encode("utf-8"))
            else:
                marks = ", ".join(["%s"] * len(_COLUMNS))
                cursor.executemany(
                    f"INSERT INTO {STAGE} ({', '.join(_COLUMNS)}) VALUES ({marks})", self.buffer)
        self.staged += len(self.buffer)
        self.buffer = []

    def _execute(self, sql: str, params: tuple = ()) -> int:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.rowcount

    def _fetch(self, sql: str, params: tuple = ()) -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def prepare(self) -> None:
        """After the last row: index the key and match the stored values."""
        self.flush()
        self._execute(f"CREATE INDEX {STAGE}_key ON {STAGE} ({', '.join(KEY)})")
        if self.postgres:
            self._execute(f"ANALYZE {STAGE}")

    def read_english(self) -> None:
        """The file's numbers are English after all: take the English reading of the ambiguous."""
        self._execute(f"UPDATE {STAGE} SET value = value_en WHERE value_en IS NOT NULL")

    def duplicates(self) -> Iterator[tuple[int, int]]:
        """(line, first line) of every row repeating an earlier row's key."""
        keys = ", ".join(KEY)
        rows = self._fetch(
            f"SELECT s.line, d.first_line FROM {STAGE} s JOIN (SELECT {keys}, MIN(line) AS first_line "
            f"FROM {STAGE} GROUP BY {keys} HAVING COUNT(*) > 1) d ON "
            + " AND ".join(f"d.{c} = s.{c}" for c in KEY) + " WHERE s.line > d.first_line ORDER BY s.line"
        )
        yield from rows

    def locked_lines(self) -> list[tuple[int, int]]:
        """(line, submission id) of the staged rows that would change a value of record that came
        from an accepted submission (``values.selectors.value_lock``, set-based)."""
        submission = apps.get_model("reporting", "Submission")._meta.db_table
        return self._fetch(
            f"SELECT s.line, sub.id FROM {STAGE} s JOIN {_table(Value)} v ON {_ON} "
            f"JOIN {submission} sub ON v.source = %s || CAST(sub.id AS VARCHAR(20)) "
            f"WHERE sub.status = %s AND (s.value <> v.value OR s.note <> v.note) ORDER BY s.line",
            (SUBMISSION_SOURCE, "accepted"))

    def keep_last(self) -> list[tuple[int, int]]:
        """Drop every row that a later row of the same key replaces; (dropped line, kept line)."""
        keys = ", ".join(KEY)
        dropped = self._fetch(
            f"SELECT s.line, d.last_line FROM {STAGE} s JOIN (SELECT {keys}, MAX(line) AS last_line "
            f"FROM {STAGE} GROUP BY {keys} HAVING COUNT(*) > 1) d ON "
            + " AND ".join(f"d.{c} = s.{c}" for c in KEY) + " WHERE s.line < d.last_line ORDER BY s.line"
        )
        if dropped:
            self._execute(
                f"DELETE FROM {STAGE} WHERE line IN (SELECT s.line FROM {STAGE} s JOIN "
                f"(SELECT {keys}, MAX(line) AS last_line FROM {STAGE} GROUP BY {keys} HAVING COUNT(*) > 1)"
                " d ON " + " AND ".join(f"d.{c} = s.{c}" for c in KEY) + " WHERE s.line < d.last_line)"
            )
        return dropped

    def merge(self, *, actor: Any = None, source: str = "", strategy: str = "create_and_update",
              ) -> MergeCounts:
        """Write the staged rows; ``strategy`` as DHIS2's: create_and_update, create, update,
        delete. Rows a strategy does not take are returned in ``skipped``."""
        now = DateTimeField().get_db_prep_save(timezone.now(), connection)
        actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
        self._execute(
            f"UPDATE {STAGE} AS s SET value_id = v.id, old_value = v.value, old_note = v.note "
            f"FROM {_table(Value)} v WHERE {_ON}")
        if self.postgres:
            # check the foreign keys as rows go in, not millions of queued checks at COMMIT
            self._execute("SET CONSTRAINTS ALL IMMEDIATE")
        counts = MergeCounts()
        counts.skipped = self._skip(strategy)
        ctx = {"now": now, "actor_id": actor_id, "source": source[:255]}
        if strategy == "delete":
            counts.deleted = self._delete(ctx)
        else:
            counts.unchanged = self._fetch(
                f"SELECT COUNT(*) FROM {STAGE} s WHERE value_id IS NOT NULL AND skip IS NULL AND "
                f"NOT {_CHANGED}")[0][0]
            counts.created = self._create(ctx)
            counts.updated = self._update(ctx)
        audit_record(actor=actor, action="value_bulk_import", object_type="values.value",
                     summary=f"{source}: {counts.as_dict()}",
                     data={**counts.as_dict(), "source": source, "strategy": strategy})
        return counts

    def _skip(self, strategy: str) -> list[tuple[int, str]]:
        condition = {"create": "value_id IS NOT NULL", "update": "value_id IS NULL",
                     "delete": "value_id IS NULL"}.get(strategy)
        if condition is None:
            return []
        why = "exists" if strategy == "create" else "missing"
        self._execute(f"UPDATE {STAGE} SET skip = %s WHERE {condition}", (why,))
        return [(line, why) for (line,) in
                self._fetch(f"SELECT line FROM {STAGE} WHERE skip IS NOT NULL ORDER BY line")]

    def _create(self, ctx: dict[str, Any]) -> int:
        insert = (
            f"INSERT INTO {_table(Value)} (indicator_id, unit_id, period, year, end_year, kind, "
            f"value, note, reported_by_id, source, entered_by_id, updated_at) SELECT indicator_id, "
            f"unit_id, period, year, end_year, kind, value, note, NULL, %s, %s, %s FROM {STAGE} "
            f"WHERE value_id IS NULL AND skip IS NULL ORDER BY {', '.join(KEY)}")  # index order
        params = (ctx["source"], ctx["actor_id"], ctx["now"])
        if self.postgres:
            # one statement: the new values' ids go straight to their CREATE revisions, with no
            # join back to a table whose statistics do not know yet about the rows just added
            # (the planner's nested loop made 204,000 new values take 42 s instead of 2)
            return self._execute(
                f"WITH s AS ({insert} RETURNING id AS value_id, indicator_id, unit_id, period, "
                f"kind, value, note) " + self._revision_insert(
                    "s.value_id", "NULL", "''", "s.value", "s.note", "s", ""),
                params + ("create", ctx["source"], ctx["actor_id"], ctx["now"]))
        created = self._execute(insert, params)
        if created:
            self._revisions("create", "v.id", "NULL", "''", "s.value_id IS NULL AND s.skip IS NULL",
                            ctx, join_value=True)
        return created

    def _update(self, ctx: dict[str, Any]) -> int:
        where = f"s.value_id IS NOT NULL AND s.skip IS NULL AND {_CHANGED}"
        changed = self._fetch(f"SELECT COUNT(*) FROM {STAGE} s WHERE {where}")[0][0]
        if not changed:
            return 0
        self._revisions("update", "s.value_id", "s.old_value", "s.old_note", where, ctx)
        self._execute(
            f"UPDATE {_table(Value)} AS v SET value = s.value, note = s.note, source = %s, "
            f"entered_by_id = COALESCE(%s, v.entered_by_id), updated_at = %s FROM {STAGE} s "
            f"WHERE v.id = s.value_id AND {where}",
            (ctx["source"], ctx["actor_id"], ctx["now"]))
        return changed

    def _delete(self, ctx: dict[str, Any]) -> int:
        where = "s.value_id IS NOT NULL AND s.skip IS NULL"
        self._revisions("delete", "NULL", "s.old_value", "s.old_note", where, ctx, new="NULL",
                        new_note="''")
        self._execute(f"UPDATE {_table(ValueRevision)} SET value_id = NULL WHERE value_id IN "
                      f"(SELECT s.value_id FROM {STAGE} s WHERE {where})")
        return self._execute(f"DELETE FROM {_table(Value)} WHERE id IN "
                             f"(SELECT s.value_id FROM {STAGE} s WHERE {where})")

    def _revisions(self, action: str, value_id: str, old: str, old_note: str, where: str,
                   ctx: dict[str, Any], *, join_value: bool = False, new: str = "s.value",
                   new_note: str = "s.note") -> None:
        join = f"JOIN {_table(Value)} v ON {_ON} " if join_value else ""
        self._execute(
            self._revision_insert(value_id, old, old_note, new, new_note, f"{STAGE} s {join}",
                                  f"WHERE {where}"),
            (action, ctx["source"], ctx["actor_id"], ctx["now"]))

    @staticmethod
    def _revision_insert(value_id: str, old: str, old_note: str, new: str, new_note: str,
                         rows: str, where: str) -> str:
        """INSERT … SELECT of one revision per row of ``rows`` (aliased ``s``); its parameters:
        action, source, changed_by, changed_at."""
        return (
            f"INSERT INTO {_table(ValueRevision)} (value_id, indicator_code, unit_code, period, "
            f"kind, action, old_value, new_value, old_note, new_note, source, comment, "
            f"changed_by_id, changed_at) SELECT {value_id}, i.code, u.code, s.period, s.kind, %s, "
            f"{old}, {new}, {old_note}, {new_note}, %s, '', %s, %s FROM {rows} "
            f"JOIN {_table(Indicator)} i ON i.id = s.indicator_id "
            f"JOIN {_table(Unit)} u ON u.id = s.unit_id {where}")

    def drop(self) -> None:
        self._execute(f"DROP TABLE IF EXISTS {STAGE}")
