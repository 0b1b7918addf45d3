"""Checks of a submission before it is sent: errors block submission, warnings don't.

Built-in checks (in code): required cells; rates and shares between 0 and 100; a growth rate
consistent with the levels it comes from; a jump against last year or the plan beyond
``JUMP_THRESHOLD`` % needs a note (warning). The planning office's own rules
(``ValidationRule``, in the expression language) come on top; the built-in forms install one of
them: the shares of the economic structure add up to 100.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kehoach.core.periods import parse_period
from kehoach.core.templatetags.kh import num
from kehoach.reporting import templates_builtin as builtin
from kehoach.reporting.models import ColumnSource, Severity, ValidationRule
from kehoach.reporting.selectors import Grid, submission_grid
from kehoach.values.models import Value

PERCENT_KINDS = ("rate", "share")


@dataclass(frozen=True)
class Issue:
    severity: str
    code: str
    message: str
    row: int | None = None  # TemplateRow id
    row_number: str = ""
    column: str = ""  # column key

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _entered(grid: Grid) -> list:
    return [gc for gc in grid.columns if gc.column.source == ColumnSource.ENTERED]


def _issue(severity: str, code: str, message: str, row: Any = None, column: str = "",
           ref: str = "") -> Issue:
    return Issue(severity=severity, code=code, message=message,
                 row=row.pk if row else None, row_number=(ref or row.number) if row else "",
                 column=column)


def _check_required_and_range(grid: Grid) -> list[Issue]:
    issues = []
    for row in grid.rows:
        if row.indicator is None or not grid.answers(row):
            continue  # a row another unit answers for is not this unit's to fill
        percent = row.indicator.kind in PERCENT_KINDS
        for gc in _entered(grid):
            value = grid.value(row, gc.column.key)
            if value is None and row.required:
                issues.append(_issue(Severity.ERROR, "required", _(
                    "Dòng %(n)s “%(l)s”, cột %(c)s: bắt buộc nhập.") % {
                    "n": grid.ref(row), "l": row.label, "c": gc.label}, row, gc.column.key, grid.ref(row)))
            elif value is not None and percent and not Decimal(0) <= value <= Decimal(100):
                issues.append(_issue(Severity.ERROR, "range", _(
                    "Dòng %(n)s “%(l)s”, cột %(c)s: tỷ lệ phải từ 0 đến 100 (đang là %(v)s).")
                    % {"n": grid.ref(row), "l": row.label, "c": gc.label, "v": num(value)},
                    row, gc.column.key, grid.ref(row)))
    return issues


def _level(grid: Grid, code: str, year: int, rows: dict) -> Decimal | None:
    """The level of ``code`` in ``year``: from the form when it has that row, else the values of
    record of the subject unit (actual, then estimate)."""
    row = rows.get(code)
    if row is not None:
        for gc in grid.columns:
            if gc.period == str(year) and gc.column.source != ColumnSource.COMPUTED:
                value = grid.value(row, gc.column.key)
                if value is not None:
                    return value
    found = {v.kind: v.value for v in Value.objects.filter(
        indicator__code=code, unit=grid.submission.subject_unit, period=str(year),
        kind__in=["actual", "preliminary", "estimate"])}
    return found.get("actual", found.get("preliminary", found.get("estimate")))


def _check_growth(grid: Grid) -> list[Issue]:
    issues = []
    rows = {r.indicator.code: r for r in grid.rows if r.indicator is not None}
    for growth_code, level_code in builtin.GROWTH_CHECKS.items():
        row = rows.get(growth_code)
        if row is None:
            continue
        tolerance = (row.indicator.tolerance if row.indicator else None) or builtin.GROWTH_TOLERANCE
        for gc in _entered(grid):
            rate = grid.value(row, gc.column.key)
            if rate is None or not gc.period.isdigit():
                continue
            year = int(gc.period)
            now, before = _level(grid, level_code, year, rows), _level(grid, level_code, year - 1, rows)
            if not now or not before:
                continue
            implied = (now / before - 1) * 100
            if abs(implied - rate) > tolerance:
                issues.append(_issue(Severity.ERROR, "growth", _(
                    "Dòng %(n)s, cột %(c)s: tốc độ tăng %(r)s%% không khớp với %(code)s năm "
                    "%(y)s so với năm %(p)s (tính ra %(i)s%%).") % {
                    "n": grid.ref(row), "c": gc.label, "r": num(rate), "code": level_code,
                    "y": year, "p": year - 1, "i": num(implied.quantize(Decimal("0.01")))},
                    row, gc.column.key, grid.ref(row)))
    return issues


def _comparisons(grid: Grid, key: str) -> list[str]:
    """What a value is compared with: the plan of the same period, and the nearest column of an
    earlier period of the same length (last year's figure; the first half of a year is not
    compared with a whole year)."""
    columns = [gc for gc in grid.columns if gc.column.source != ColumnSource.COMPUTED]
    index = next(i for i, gc in enumerate(columns) if gc.column.key == key)
    period = columns[index].period
    found = [gc.column.key for gc in columns[:index]
             if gc.period == period and gc.column.value_kind == "plan"]
    earlier = [gc.column.key for gc in columns[:index]
               if gc.period != period and _length(gc.period) == _length(period)]
    return found + earlier[-1:]


def _length(period: str) -> str:
    """``half``, ``quarter`` or ``month`` for a part of a year, else ``""`` (a year, a range)."""
    try:
        granularity = parse_period(period).granularity
    except ValueError:
        return ""
    return granularity if granularity in ("half", "quarter", "month") else ""


def _check_jumps(grid: Grid) -> list[Issue]:
    issues = []
    labels = {gc.column.key: gc.label for gc in grid.columns}
    for row in grid.rows:
        if row.indicator is None or row.indicator.kind == "growth":
            continue
        for gc in _entered(grid):
            cell = grid.get(row, gc.column.key)
            if cell is None or cell.value is None or cell.note.strip():
                continue
            for other in _comparisons(grid, gc.column.key):
                base = grid.value(row, other)
                if not base:
                    continue
                change = abs(cell.value / base - 1) * 100
                if change > builtin.JUMP_THRESHOLD:
                    issues.append(_issue(Severity.WARNING, "jump", _(
                        "Dòng %(n)s, cột %(c)s: thay đổi %(p)s%% so với %(o)s, cần ghi giải trình.")
                        % {"n": grid.ref(row), "c": gc.label, "p": num(change.quantize(Decimal("0.1"))),
                           "o": labels[other]}, row, gc.column.key, grid.ref(row)))
                    break
    return issues


def _check_rules(grid: Grid) -> list[Issue]:
    from kehoach.core.expressions import ExpressionError, parse

    issues = []
    indicator_ids = [r.indicator_id for r in grid.rows if r.indicator_id]
    rules = ValidationRule.objects.filter(is_active=True).filter(
        template=grid.submission.template) | ValidationRule.objects.filter(
        is_active=True, template__isnull=True, indicator_id__in=indicator_ids)
    keys = [gc.column.key for gc in grid.columns]
    whole = {f"{r.indicator.code}.{k}": grid.value(r, k)
             for r in grid.rows if r.indicator is not None for k in keys}
    for rule in rules.select_related("indicator"):
        try:
            expression = parse(rule.expression)
        except ExpressionError as exc:
            issues.append(_issue(Severity.WARNING, f"rule_broken:{rule.code}", _(
                "Quy tắc kiểm tra “%(c)s” viết sai, chưa áp dụng được: %(e)s") % {
                "c": rule.code, "e": exc}))
            continue
        targets: list[tuple[Any, dict[str, Decimal | None]]]
        if rule.indicator_id is None:
            targets = [(None, whole)]
        else:
            targets = [(r, {k: grid.value(r, k) for k in keys}) for r in grid.rows
                       if r.indicator_id == rule.indicator_id]
        for row, env in targets:
            if expression.evaluate(env) is False:
                issues.append(_issue(rule.severity, f"rule:{rule.code}", rule.message, row,
                                     rule.column_key, grid.ref(row) if row else ""))
    return issues


def submission_validate(*, submission: Any, grid: Grid | None = None) -> dict[str, list[Issue]]:
    """``{"errors": [...], "warnings": [...]}`` for the submission as it is stored now."""
    if submission.template.is_proposals:
        return {"errors": [], "warnings": []}
    grid = grid or submission_grid(submission=submission)
    issues = (_check_required_and_range(grid) + _check_growth(grid) + _check_jumps(grid)
              + _check_rules(grid))
    return {
        "errors": [i for i in issues if i.severity == Severity.ERROR],
        "warnings": [i for i in issues if i.severity == Severity.WARNING],
    }
