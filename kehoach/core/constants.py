"""Numbers every app shares. Changing one changes the database (a migration) or the contract."""

from __future__ import annotations

#: The years a plan, a round, a period or an evaluation may name.
YEAR_MIN, YEAR_MAX = 1900, 2200

#: Numbers people type (values, targets, cells, costs): Decimal, 6 places, 18 digits before the
#: point (``models.DecimalField(max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES)``).
NUMBER_DIGITS, NUMBER_PLACES = 24, 6
#: The largest such number, exclusive.
NUMBER_LIMIT = 10 ** (NUMBER_DIGITS - NUMBER_PLACES)
#: Tolerances of indicators and targets.
TOLERANCE_DIGITS = 20

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
