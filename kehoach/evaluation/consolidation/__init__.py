"""Consolidation over units (evaluation.md §5), set-based in SQL. Nothing is stored.

- ``service.py``: ``consolidate``, the consolidated values of a period and kind beside the
  parents' own values, with the discrepancies (the pages, the API and the command call it);
- ``dispatch.py``: ``compute``, the rows of a consolidation from the path that suits the database;
- ``job.py``: what a consolidation computes (``Job``: edges, kinds, periods, indicators in scope)
  and the rows it returns;
- ``sqlite.py``: the temporary-table path (SQLite; also runs on PostgreSQL for the tests);
- ``postgresql.py``: one statement of CTEs a level;
- ``tree.py``: the unit tree of a period (edges, levels, succession shares);
- ``derived.py``: derived indicators, the formula on the consolidated inputs of a level.

The value of a child is what it reported itself, else its own consolidated value (so a district
that reported a figure is taken as reported; one that did not is built from its communes). Both
paths compute the same numbers with the same SQL expressions: a new aggregation changes both
(docs/recipes/add-an-indicator-kind.md).
"""

from kehoach.evaluation.consolidation.dispatch import compute
from kehoach.evaluation.consolidation.job import ConsolidatedRow
from kehoach.evaluation.consolidation.service import Consolidation, ConsolidationItem, consolidate

__all__ = ["ConsolidatedRow", "Consolidation", "ConsolidationItem", "compute", "consolidate"]
