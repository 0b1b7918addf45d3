"""Rows that depend on rows further down the same file (a parent, a successor, a formula's input).

``run_forward_import`` imports a file whose rows are keyed by ``code``: a row handler calls
``ctx["forward"].ensure(code, column, ctx)`` to import, ahead of its turn, the row it refers to,
then looks the object up as if it had always been stored. A cycle is reported on the row where it
closes (``A → B → A``); a referenced row with an error makes the referring row fail too.

An importer changes the wording by subclassing ``ForwardRows`` (``cycle_problem``,
``broken_problem``; ``propagate_cycles`` to report the cycle on every row of the chain) and passing
the class to ``run_forward_import`` (the units file does).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kehoach.core.exchange.importer import ImportResult, run_import
from kehoach.core.exchange.reader import ExchangeError, FileSpec, Row, RowProblem, read_table


class CycleProblem(RowProblem):
    """A chain of references that comes back to a row being imported."""


class ForwardRows:
    """Lets a row handler import, ahead of its turn, a row that a row above depends on."""

    #: Report a cycle on every row of the chain (True) or only where it closes.
    propagate_cycles = False

    def cycle_problem(self, column: str, code: str, chain: list[str]) -> CycleProblem:
        return CycleProblem(column, _("tham chiếu vòng tròn: %(c)s.") % {"c": " → ".join(chain)})

    def broken_problem(self, column: str, code: str, line: int) -> RowProblem:
        return RowProblem(column, _("“%(c)s” (dòng %(l)s) có lỗi.") % {"c": code, "l": line})

    def __init__(self, rows: list[Row], key: str, handle: Callable[[Row, dict], str]):
        self.rows: dict[str, Row] = {}
        for row in rows:
            self.rows.setdefault(row.get(key), row)  # a code's first row stands for it
        self.handle = handle
        self.results: dict[int, str | Exception] = {}
        self.active: list[str] = []

    def ensure(self, code: str, column: str, ctx: dict) -> None:
        """Import the file's row for ``code`` now, if the file has one and it is not done."""
        row = self.rows.get(code)
        if row is None:
            return
        outcome = self.results.get(row.line)
        if outcome is not None and not isinstance(outcome, Exception):
            return  # imported already; a row that failed fails its referrers too (below)
        if code in self.active:
            raise self.cycle_problem(column, code, [*self.active[self.active.index(code):], code])
        try:
            self.run(row, ctx)
        except CycleProblem as exc:
            if self.propagate_cycles:
                raise CycleProblem(column, exc.message)
            raise self.broken_problem(column, code, row.line)
        except (RowProblem, ValidationError):
            raise self.broken_problem(column, code, row.line)

    def run_in_turn(self, row: Row, ctx: dict) -> str:
        """The handler for the row's own turn. When it fails, the rows it imported ahead are
        rolled back with it, so they are imported again at their own turn."""
        before = set(self.results)
        try:
            return self.run(row, ctx)
        except Exception:
            for line in set(self.results) - before - {row.line}:
                if not isinstance(self.results[line], Exception):
                    del self.results[line]
            raise

    def run(self, row: Row, ctx: dict) -> str:
        if row.line in self.results:
            outcome = self.results[row.line]
            if isinstance(outcome, Exception):
                raise outcome
            return outcome
        self.active.append(row.get("code"))
        try:
            self.results[row.line] = self.handle(row, ctx)
        except Exception as exc:
            self.results[row.line] = exc
            raise
        finally:
            self.active.pop()
        return str(self.results[row.line])


def run_forward_import(
    *,
    data: bytes,
    filename: str,
    spec: FileSpec,
    handle: Callable[[Row, dict], str],
    actor: Any = None,
    dry_run: bool = False,
    locale: str = "auto",
    forward_class: type[ForwardRows] = ForwardRows,
    key: Callable[[Row], tuple] = lambda row: (row.get("code"),),
) -> ImportResult:
    """Import a file of rows keyed by ``code``, all or nothing, rows referring ahead allowed.
    ``key``: a row's identity for the duplicate check (a file may give one code several rows
    when each adds something, e.g. a unit's successors)."""
    try:
        rows = read_table(data, filename, spec=spec, locale=locale)
    except ExchangeError:
        rows = []  # run_import reports the same problems
    forward = forward_class(rows, "code", handle)
    return run_import(
        data=data, filename=filename, spec=spec, handler=forward.run_in_turn, dry_run=dry_run,
        locale=locale, context={"actor": actor, "forward": forward}, key=key,
    )
