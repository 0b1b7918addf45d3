"""Reads of rounds, forms and submissions, and the access rules they apply.

The access rules are built only from ``kehoach.core.permissions``:
- a reporter reads and fills the submissions of its own unit (and of units below it) in rounds
  that are not drafts;
- the planning office and administrators read everything and review (return, accept, reopen);
- leaders read everything and change nothing;
- anonymous users see nothing of the rounds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from kehoach.core import permissions
from kehoach.core.models import AnyUser
from kehoach.core.permissions import (  # noqa: F401 - re-exported for the reporting pages
    can_fill_submission,
    can_manage_rounds,
    can_read_submission,
    can_see_round,
)
from kehoach.reporting import patterns
from kehoach.reporting.models import (
    Cell,
    ColumnSource,
    Comment,
    CompiledPassage,
    CompiledSection,
    FormTemplate,
    Round,
    RoundSection,
    RoundStatus,
    RowScope,
    Submission,
    SubmissionStatus,
    SubmissionText,
    TemplateColumn,
    TemplateKind,
    TemplateRow,
)
from kehoach.reporting.prose import prose_paragraphs, word_count
from kehoach.reporting.responsibility import RowDuty, row_duty, row_references, visible_rows
from kehoach.reporting.workflow import EDITABLE_STATUSES, allowed  # noqa: F401 - re-exported
from kehoach.units.models import Unit
from kehoach.values.models import Value

# --- access ---------------------------------------------------------------------------------

def round_list_for_user(*, user: AnyUser) -> QuerySet[Round]:
    qs = Round.objects.all()
    if permissions.is_province_wide(user):
        return qs
    if not permissions.is_authenticated(user):
        return qs.none()
    scope = permissions.unit_scope_ids(user) or set()
    return qs.exclude(status=RoundStatus.DRAFT).filter(
        submissions__unit_id__in=scope).distinct()


def round_get_for_user(*, user: AnyUser, code: str, write: bool = False) -> Round:
    round = Round.objects.filter(code=code).first()
    if round is None or not can_see_round(user, round):
        raise permissions.deny()
    if write and not can_manage_rounds(user):
        raise permissions.refuse()
    return round


def submission_list_for_user(*, user: AnyUser, round: Round | None = None,
                             status: str | None = None) -> QuerySet[Submission]:
    qs = Submission.objects.select_related("round", "unit", "subject_unit", "template")
    if not permissions.is_province_wide(user):
        scope = permissions.unit_scope_ids(user) or set()
        qs = qs.filter(unit_id__in=scope).exclude(round__status=RoundStatus.DRAFT)
    if round is not None:
        qs = qs.filter(round=round)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("round__code", "unit__code", "template__code")


def submission_get_for_user(*, user: AnyUser, pk: Any, write: bool = False) -> Submission:
    """The submission ``pk`` if the user may see it, else 404; with ``write``, 403 unless it may fill it."""
    try:
        submission = Submission.objects.select_related(
            "round", "unit", "subject_unit", "template").get(pk=pk)
    except (Submission.DoesNotExist, ValueError, TypeError):
        raise permissions.deny()
    if not can_read_submission(user, submission):
        raise permissions.deny()
    if write and not can_fill_submission(user, submission):
        raise permissions.refuse()
    return submission


def submission_allowed_actions(*, user: AnyUser, submission: Submission) -> list[str]:
    """What ``user`` may do to ``submission`` now (``workflow.TRANSITIONS``): ``edit`` (type
    cells), ``submit``, ``resubmit``, ``return``, ``accept``, ``reopen``."""
    return [str(a) for a in allowed(user, submission)]


def template_list() -> QuerySet[FormTemplate]:
    return FormTemplate.objects.prefetch_related("rows__indicator", "columns")


# --- the grid of one submission -------------------------------------------------------------

@dataclass
class GridCell:
    row: TemplateRow
    column: TemplateColumn
    value: Decimal | None = None
    note: str = ""
    version: int = 0
    updated_by: str = ""
    updated_at: dt.datetime | None = None
    answered: bool = True  # the unit answers for this row (forms follow responsibility)

    @property
    def editable(self) -> bool:
        return (self.column.source == ColumnSource.ENTERED and not self.row.is_heading
                and self.answered)


@dataclass
class GridColumn:
    column: TemplateColumn
    label: str
    period: str


@dataclass
class Grid:
    submission: Submission
    rows: list[TemplateRow]
    columns: list[GridColumn]
    cells: dict[tuple[int, str], GridCell] = field(default_factory=dict)
    duty: RowDuty | None = None
    record: list[tuple[int, str, str, Decimal]] = field(default_factory=list)  # values of record
    refs: dict[int, str] = field(default_factory=dict)  # row id → "II.1"

    def answers(self, row: TemplateRow) -> bool:
        return self.duty is None or self.duty.answers(row)

    def ref(self, row: TemplateRow) -> str:
        return self.refs.get(row.pk) or row.number

    def get(self, row: TemplateRow, key: str) -> GridCell | None:
        return self.cells.get((row.pk, key))

    def value(self, row: TemplateRow, key: str) -> Decimal | None:
        cell = self.get(row, key)
        return cell.value if cell else None


def template_columns(*, template: FormTemplate, round: Round) -> list[GridColumn]:
    return [
        GridColumn(column=c, label=patterns.render(c.label_pattern, round=round),
                   period=patterns.render(c.period_pattern, round=round) if c.period_pattern else "")
        for c in template.columns.order_by("position")
    ]


def previous_period(code: str) -> str | None:
    """``2025`` → ``2024``, ``2025-H1`` → ``2024-H1``, ``2021-2025`` → ``2016-2020``."""
    from kehoach.core.periods import parse_period

    try:
        period = parse_period(code)
    except ValueError:
        return None
    if period.granularity == "range":
        length = period.end_year - period.start_year + 1
        return f"{period.start_year - length}-{period.end_year - length}"
    return str(period.start_year - 1) + code[4:]


def _record_values(submission: Submission, rows: list[TemplateRow],
                   columns: list[GridColumn]) -> list[tuple[int, str, str, Decimal]]:
    """The subject unit's values of record the grid shows, in one query: those of the columns
    read from the database and those of the period before each entered column ("kỳ trước")."""
    periods = {gc.period for gc in columns if gc.column.source == ColumnSource.FROM_DATABASE}
    periods |= {p for gc in columns if gc.column.source == ColumnSource.ENTERED and gc.period
                and (p := previous_period(gc.period))}
    indicator_ids = [r.indicator_id for r in rows if r.indicator_id]
    if not periods or not indicator_ids:
        return []
    return list(Value.objects.filter(
        unit=submission.subject_unit, indicator_id__in=indicator_ids, period__in=periods,
    ).values_list("indicator_id", "period", "kind", "value"))


def _compute(grid: Grid) -> None:
    from kehoach.core.expressions import parse

    computed = [gc for gc in grid.columns if gc.column.source == ColumnSource.COMPUTED]
    parsed = {f: parse(f) for gc in computed
              for f in {gc.column.formula, gc.column.rate_formula} if f}
    for row in grid.rows:
        if row.is_heading:
            continue
        env = {gc.column.key: grid.value(row, gc.column.key) for gc in grid.columns
               if gc.column.source != ColumnSource.COMPUTED}
        for gc in computed:
            result = parsed[gc.column.formula_for(row)].evaluate(env)
            value = result if isinstance(result, Decimal) else None
            grid.cells[(row.pk, gc.column.key)] = GridCell(row=row, column=gc.column, value=value)
            env[gc.column.key] = value


def submission_grid(*, submission: Submission) -> Grid:
    """Every row × column of the form with its value: typed, from the values of record, or
    computed (ratio columns are computed here, never typed). Rows follow the unit's
    responsibility (``responsibility.row_duty``): hidden or read-only as the round says."""
    every = list(submission.template.rows.select_related("indicator").order_by("position"))
    duty = row_duty(submission)
    rows = visible_rows(every, duty)
    columns = template_columns(template=submission.template, round=submission.round)
    grid = Grid(submission=submission, rows=rows, columns=columns, duty=duty,
                refs=row_references(every))
    stored = {(c.row_id, c.column_id): c
              for c in submission.cells.select_related("updated_by")}
    grid.record = _record_values(submission, rows, columns)
    database = {(ind, period, kind): value for ind, period, kind, value in grid.record}
    for row in rows:
        if row.is_heading:
            continue
        answered = duty.answers(row)
        for gc in columns:
            col = gc.column
            cell = GridCell(row=row, column=col, answered=answered)
            if col.source == ColumnSource.ENTERED and (row.pk, col.pk) in stored:
                found = stored[(row.pk, col.pk)]
                cell.value, cell.note, cell.version = found.value, found.note, found.version
                cell.updated_by = str(found.updated_by or "")
                cell.updated_at = found.updated_at
            elif col.source == ColumnSource.FROM_DATABASE:
                cell.value = database.get((row.indicator_id or 0, gc.period, col.value_kind))
            grid.cells[(row.pk, col.key)] = cell
    if any(gc.column.source == ColumnSource.COMPUTED for gc in columns):
        _compute(grid)
    return grid


# --- deadlines and completeness -------------------------------------------------------------

def today() -> dt.date:
    return timezone.localdate()


def submission_is_late(submission: Submission, *, on: dt.date | None = None) -> bool:
    """Late: not submitted and the deadline has passed, or submitted after the deadline."""
    if submission.submitted_at is not None:
        return timezone.localtime(submission.submitted_at).date() > submission.deadline
    return (on or today()) > submission.deadline


def submission_last_submitted_at(submission: Submission) -> Any:
    """When the unit last sent the form (after a return it sends it again); ``submitted_at``
    keeps the first sending, which decides lateness."""
    if submission.submitted_at is None:
        return None
    last = (submission.events.filter(to_status=SubmissionStatus.SUBMITTED)
            .order_by("-at").values_list("at", flat=True).first())
    return last or submission.submitted_at


def submission_late_q(*, on: dt.date) -> Q:
    """``submission_is_late(…, on=on)`` as a query condition, to annotate lists with it."""
    return (Q(submitted_at__isnull=False, submitted_at__date__gt=F("deadline"))
            | Q(submitted_at__isnull=True, deadline__lt=on))


@dataclass
class _Required:
    """The required rows of each form ((row id, indicator id)), its entered columns, and the
    filled cells of each submission's required rows: two queries for a whole round."""

    rows: dict[int, list[tuple[int, int | None]]]
    columns: dict[int, int]
    filled: dict[tuple[int, int], int]

    def counts(self, submission: Submission, answers: Any = None) -> tuple[int, int]:
        """(required cells, filled) of ``submission``; ``answers(indicator_id)``: only the rows
        its unit answers for."""
        rows = [r for r, ind in self.rows.get(submission.template_id, [])
                if answers is None or answers(ind)]
        return (len(rows) * self.columns.get(submission.template_id, 0),
                sum(self.filled.get((submission.pk, r), 0) for r in rows))


def _required(round: Round) -> _Required:
    rows: dict[int, list[tuple[int, int | None]]] = {}
    columns: dict[int, int] = {}
    for template_id, row_id, indicator_id, n_cols in TemplateRow.objects.filter(
            template__submissions__round=round, required=True).distinct().annotate(
            n_cols=Count("template__columns", filter=Q(
                template__columns__source=ColumnSource.ENTERED), distinct=True)).values_list(
            "template_id", "id", "indicator_id", "n_cols"):
        rows.setdefault(template_id, []).append((row_id, indicator_id))
        columns[template_id] = n_cols
    filled = {(sub, row): n for sub, row, n in Cell.objects.filter(
        submission__round=round, row__required=True, column__source=ColumnSource.ENTERED,
        value__isnull=False).values("submission", "row").annotate(n=Count("id")).values_list(
        "submission", "row", "n")}
    return _Required(rows, columns, filled)


def _duty_answers(round: Round, submissions: list[Submission]) -> dict[int, Any]:
    """Submission id → ``answers(indicator_id)`` for the submissions whose rows follow
    responsibility (a department is not asked for the rows of others); one query per subject
    unit, none when the round does not restrict rows."""
    from kehoach.plans.selectors import indicator_owner_sets
    from kehoach.reporting.responsibility import RowDuty, owner_years
    from kehoach.values.sources import is_statistics_office

    if round.row_scope == RowScope.ALL:
        return {}
    restricted = [s for s in submissions if s.unit_id != s.subject_unit_id
                  and not is_statistics_office(s.unit) and not s.template.is_proposals]
    owners = {subject: indicator_owner_sets(unit_id=subject, years=owner_years(round))
              for subject in {s.subject_unit_id for s in restricted}}
    answers = {}
    for s in restricted:
        duty = RowDuty(scope=round.row_scope, unit=s.unit, everything=False,
                       owners=owners[s.subject_unit_id])
        answers[s.pk] = lambda ind, duty=duty: duty.answers(_RowKey(ind))
    return answers


@dataclass
class _RowKey:
    """What ``RowDuty.answers`` reads of a row."""

    indicator_id: int | None


def _filled_percent(submission: Submission, required: int, filled: int) -> Decimal:
    if required:
        return (Decimal(100) * filled / required).quantize(Decimal("0.1"))
    if submission.template.is_proposals:
        return Decimal(100) if getattr(submission, "proposal_count", 0) else Decimal(0)
    return Decimal(100)


def round_completeness(*, round: Round, on: dt.date | None = None,
                       unit_ids: set[int] | None = None) -> dict[str, Any]:
    """Units × forms with status, deadline, share of required cells filled and the late flag,
    and the on-time rate (submitted by the deadline, among the submissions that are due).
    ``unit_ids`` limits it to those units (a reporter's scope); ``None``: every unit."""
    on = on or today()
    required = _required(round)
    assigned = round.submissions.all()
    if unit_ids is not None:
        assigned = assigned.filter(unit_id__in=unit_ids)
    submissions = list(assigned.select_related("unit", "template").annotate(
        proposal_count=Count("proposals")).order_by("unit__code", "template__code"))
    answers = _duty_answers(round, list(submissions))
    rows, due, on_time = [], 0, 0
    for s in submissions:
        late = submission_is_late(s, on=on)
        if s.submitted_at is not None or on > s.deadline:
            due += 1
            on_time += 0 if late else 1
        rows.append({
            "submission": s.pk, "unit": s.unit.code, "unit_name": s.unit.name,
            "form": s.template.code, "form_name": s.template.name, "status": s.status,
            "submitted_at": s.submitted_at, "deadline": s.deadline,
            "filled_percent": _filled_percent(s, *required.counts(s, answers.get(s.pk))),
            "late": late,
        })
    by_status = {status: sum(1 for r in rows if r["status"] == status)
                 for status in SubmissionStatus.values}
    rate = (Decimal(100) * on_time / due).quantize(Decimal("0.1")) if due else None
    return {"rows": rows, "total": len(rows), "by_status": by_status, "due": due,
            "on_time": on_time, "on_time_rate": rate,
            "late": sum(1 for r in rows if r["late"])}


def round_deadline(round: Round) -> dt.date | None:
    """The units' deadline: their earliest milestone (uses prefetched milestones when there)."""
    dates = [m.date for m in round.milestones.all() if m.actor == "units"]
    return min(dates) if dates else None


# --- the written part: the province's compiled drafts ---------------------------------------

def round_sections(*, round: Round) -> QuerySet[RoundSection]:
    """The text sections of ``round``, in order."""
    return round.sections.order_by("position", "id")


def round_compiled_sections(*, round: Round) -> dict[str, dict[str, Any]]:
    """The planning office's compiled draft of every text section of ``round``, by section key,
    in the round's order — what the report generator puts into the report's parts I–IV.

    ``{key: {"key": "shortcomings", "title": "Tồn tại, hạn chế", "report_part": "II",
    "position": 2, "updated_at": datetime | None, "paragraphs": [{"text": "…", "sources":
    [{"code": "SO-YT", "name": "Sở Y tế"}]}]}}``

    ``report_part``: ``I`` kết quả đạt được; ``II`` tồn tại, hạn chế / nguyên nhân / bài học
    kinh nghiệm; ``III`` nhiệm vụ, giải pháp; ``IV`` đề xuất, kiến nghị. Each paragraph is one
    line of a passage (never empty, no line break; a list item keeps its leading ``- ``), with
    the units the passage came from (empty: written by the office). A section not yet compiled
    has no paragraphs. No access check: callers have checked the round.
    """
    sections = round_sections(round=round).select_related("compiled").prefetch_related(
        Prefetch("compiled__passages",
                 queryset=CompiledPassage.objects.order_by("position").prefetch_related(
                     Prefetch("sources", queryset=Unit.objects.order_by("code")))))
    result: dict[str, dict[str, Any]] = {}
    for section in sections:
        compiled = getattr(section, "compiled", None)
        paragraphs = []
        for passage in (compiled.passages.all() if compiled else ()):
            sources = [{"code": u.code, "name": u.name} for u in passage.sources.all()]
            paragraphs += [{"text": line, "sources": sources}
                           for line in prose_paragraphs(passage.text)]
        result[section.key] = {
            "key": section.key, "title": section.title, "report_part": section.report_part,
            "position": section.position, "paragraphs": paragraphs,
            "updated_at": compiled.updated_at if compiled else None,
        }
    return result


def text_submissions(*, round: Round) -> QuerySet[Submission]:
    """The submissions that carry the round's written part: every form but Phụ lục III
    (a unit's proposals form would otherwise ask for the same sections twice)."""
    return (round.submissions.exclude(template__kind=TemplateKind.PL3)
            .select_related("unit", "template", "round").order_by("unit__code", "template__code"))


def submission_carries_texts(submission: Submission) -> bool:
    return not submission.template.is_proposals and submission.round.sections.exists()


def _text_entry(section: RoundSection, text: SubmissionText | None) -> dict[str, Any]:
    body = text.text if text else ""
    words = word_count(body)
    return {
        "section": section, "key": section.key, "title": section.title,
        "guidance": section.guidance, "max_words": section.max_words, "text": body,
        "version": text.version if text else 0, "words": words, "text_id": text.pk if text else None,
        "over": bool(section.max_words and words > section.max_words),
        "paragraphs": prose_paragraphs(body),
        "updated_by": str(text.updated_by or "") if text else "",
        "updated_at": text.updated_at if text else None,
    }


def submission_texts(*, submission: Submission) -> list[dict[str, Any]]:
    """The round's sections with what this submission's unit wrote: text, ``version`` (0: not
    written), ``words``, ``over`` (longer than the guide: a warning), ``paragraphs`` and the
    office's ``comments`` on the section."""
    sections = [] if submission.template.is_proposals else list(
        round_sections(round=submission.round))
    if not sections:
        return []
    texts = {t.section_id: t for t in submission.texts.select_related("updated_by")}
    comments: dict[int, list[Comment]] = {}
    for comment in submission.comments.filter(section__isnull=False).select_related("author"):
        comments.setdefault(comment.section_id or 0, []).append(comment)
    return [{**_text_entry(s, texts.get(s.pk)), "comments": comments.get(s.pk, [])}
            for s in sections]


def round_section_texts(*, section: RoundSection) -> list[dict[str, Any]]:
    """Every unit's text of ``section`` (those that carry the written part), with its status:
    ``{"submission", "unit", **text entry}``, units in code order."""
    texts = {t.submission_id: t for t in section.texts.select_related("updated_by")}
    return [{"submission": sub, "unit": sub.unit, **_text_entry(section, texts.get(sub.pk))}
            for sub in text_submissions(round=section.round)]


def round_section_get(*, round: Round, key: str) -> RoundSection:
    section = round.sections.filter(key=key).first()
    if section is None:
        raise permissions.deny()
    return section


def compiled_passages(*, section: RoundSection) -> tuple[int, list[CompiledPassage]]:
    """The draft's version (0: not started) and its passages with their source units."""
    compiled = CompiledSection.objects.filter(section=section).first()
    if compiled is None:
        return 0, []
    return compiled.version, list(compiled.passages.order_by("position").prefetch_related(
        Prefetch("sources", queryset=Unit.objects.order_by("code"))))
