"""Every .xlsx the system writes stores a person's text as text.

openpyxl turns any string that starts with ``=`` into a live formula, and refuses (``IllegalCharacterError``)
a string with a control character. ``install()`` (called once, from ``CoreConfig.ready``) wraps the
one place where openpyxl binds a value to a cell, so every writer — the form, the completeness
table, the synthesis, the reports, the exports, and any written later — is safe against what is
already stored:

- control characters that XML refuses are dropped (``kehoach.core.text.xml_text``);
- a text that a spreadsheet would read as a formula or an error code (a leading ``=``, ``+``, ``-``,
  ``@``, tab or carriage return; ``#N/A``…) is stored as a text cell with the ``quotePrefix`` style —
  what Excel itself stores when one types ``'=…`` — so it is shown, copied and edited as text;
- a formula is written only where the system itself computes one: ``Formula("=SUM(…)")``.
"""

from __future__ import annotations

from typing import Any

from kehoach.core.text import looks_like_formula, xml_text


class Formula(str):
    """A formula the system itself writes into a cell (user text never is one)."""


_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from openpyxl.cell.cell import ERROR_CODES, Cell
    from openpyxl.cell.rich_text import CellRichText

    original = Cell._bind_value

    def bind_value(cell: Any, value: Any) -> None:
        if not isinstance(value, str) or isinstance(value, Formula | CellRichText):
            original(cell, value)
            return
        value = xml_text(value)
        original(cell, value)
        if looks_like_formula(value) or value in ERROR_CODES:
            cell.data_type = "s"
            cell.quotePrefix = True

    Cell._bind_value = bind_value
    _installed = True
