"""The dispatcher: a consolidation's rows from the path that suits the database.

PostgreSQL: one statement of CTEs a level (``postgresql.py``); SQLite: indexed temporary tables
(``sqlite.py``). Nothing is stored: results live in a temporary table for the connection (or in
the statement's CTEs) and are read back as ``ConsolidatedRow``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from django.db import connection

from kehoach.evaluation.consolidation.job import ConsolidatedRow, consolidation_job, to_decimal
from kehoach.evaluation.consolidation.postgresql import compute_postgresql
from kehoach.evaluation.consolidation.sqlite import compute_tables


def compute(
    *,
    periods: Sequence[str],
    kinds: Sequence[str],
    roots: Iterable[int] | None = None,
    indicators: Iterable[int] | None = None,
) -> list[ConsolidatedRow]:
    """Consolidated values of ``roots`` and the parents below them (every parent when None).

    PostgreSQL: one statement a level (``postgresql.py``); SQLite: temporary tables."""
    job = consolidation_job(periods=periods, kinds=kinds, roots=roots, indicators=indicators)
    if job is None:
        return []
    path = compute_postgresql if connection.vendor == "postgresql" else compute_tables
    fetched = sorted(path(job), key=lambda row: (row[0], row[1], row[2], row[3]))
    parts = Counter((edge.period, edge.parent_id) for edge in job.edges)
    return [
        ConsolidatedRow(u, i, p, k, to_decimal(v), n, parts[(p, u)])
        for p, k, u, i, v, n in fetched if v is not None
    ]
