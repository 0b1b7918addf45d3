"""Where the written parts of the annual report come from (reads only).

- the units' explanations of a target not met: the notes (giải trình) they wrote on the cells of
  that indicator in the year's rounds, the notes of the values they reported, and the planning
  office's reason when it adjusted the status;
- sections II–IV (shortcomings, causes and lessons; tasks and solutions; proposals): the texts the
  office compiled from the units' written sections in the year's rounds
  (``reporting.selectors.round_compiled_sections``), otherwise the units' notes and the comments
  on the forms the office returned;
- section III's facts: the annual plan of the next year being built (its targets) and the open
  tasks of the action programmes running next year.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from kehoach.core.text import clean_text
from kehoach.plans.models import Plan, PlanKind, Target
from kehoach.reporting.models import Cell, Round, SubmissionEvent, SubmissionStatus
from kehoach.reporting.selectors import round_compiled_sections
from kehoach.tasks.models import OPEN_STATUSES, Task
from kehoach.units.models import Succession, Unit
from kehoach.values.models import Value

#: Section keys of the report's editable parts (the form's fields, the API's and the command's).
SECTION_KEYS = ("shortcomings", "causes", "lessons", "solutions", "proposals")
#: The units' written sections (``reporting.SectionKey``) compiled into each report section.
COMPILED_KEYS: dict[str, tuple[str, ...]] = {
    "shortcomings": ("shortcomings",),
    "causes": ("causes",),
    "lessons": ("lessons",),
    "solutions": ("solutions",),
    "proposals": ("recommendations",),
}
MAX_LINES = 12
MAX_TASKS = 15


def related_unit_ids(unit: Unit) -> set[int]:
    """The unit, the units merged into it and the ones it merged into (two steps each way)."""
    ids, frontier = {unit.pk}, {unit.pk}
    for _step in range(2):
        links = Succession.objects.filter(
            Q(successor_id__in=frontier) | Q(predecessor_id__in=frontier)
        )
        found = {i for pair in links.values_list("predecessor_id", "successor_id") for i in pair}
        frontier = found - ids
        ids |= frontier
    return ids


def _year_rounds(year: int) -> QuerySet[Round]:
    """Rounds that report on ``year`` (their base year) or build the next year's plan."""
    return Round.objects.filter(Q(base_year=year) | Q(period_start=year + 1))


def _unique(lines: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for line in lines:
        text = " ".join(clean_text(line or "").split())
        if text and text not in seen:
            seen.append(text)
    return seen


def target_explanations(*, target: Target, year: int, reason: str = "") -> list[str]:
    """What the units wrote about ``target`` in ``year`` (newest first), then the office's reason."""
    cells = (
        Cell.objects.filter(
            row__indicator=target.indicator_id,
            submission__round__in=_year_rounds(year),
            submission__subject_unit_id__in=related_unit_ids(target.unit),
        )
        .exclude(note="")
        .order_by("-updated_at")
        .values_list("note", flat=True)
    )
    values = (
        Value.objects.filter(
            indicator=target.indicator_id,
            year=year,
            reported_by__isnull=False,
            unit_id__in=related_unit_ids(target.unit),
        )
        .exclude(note="")
        .order_by("-updated_at")
        .values_list("note", flat=True)
    )
    return _unique([*cells[:3], *values[:2], reason])


def _fallback_lines(year: int, key: str) -> list[str]:
    """The units' notes and the returned forms' comments of the year's rounds, one line each."""
    if key == "shortcomings":
        events = (
            SubmissionEvent.objects.filter(
                submission__round__in=_year_rounds(year), to_status=SubmissionStatus.RETURNED
            )
            .exclude(comment="")
            .select_related("submission__unit")
            .order_by("at")
        )
        return _unique(f"{e.submission.unit.name}: {e.comment}" for e in events[:MAX_LINES])
    if key == "causes":
        cells = (
            Cell.objects.filter(submission__round__in=_year_rounds(year))
            .exclude(note="")
            .select_related("submission__unit", "row__indicator")
            .order_by("submission__unit__code")
        )
        return _unique(
            f"{c.submission.unit.name} ({c.row.indicator.name_vi if c.row.indicator else c.row.label}): "
            f"{c.note}"
            for c in cells[:MAX_LINES]
        )
    return []


def _compiled(year: int) -> dict[str, list[str]]:
    """The office's compiled drafts of the units' sections in the year's rounds, by section key
    (``reporting.selectors.round_compiled_sections``), newest round first."""
    found: dict[str, list[str]] = {}
    for round_ in _year_rounds(year).order_by("-base_year", "code"):
        for key, section in round_compiled_sections(round=round_).items():
            found.setdefault(key, []).extend(p["text"] for p in section["paragraphs"])
    return found


def default_sections(*, year: int) -> dict[str, str]:
    """Texts of sections II–IV before the office edits them: one paragraph a line."""
    compiled = _compiled(year)
    texts: dict[str, str] = {}
    for key in SECTION_KEYS:
        lines = _unique(line for source in COMPILED_KEYS[key] for line in compiled.get(source, []))
        if not lines:
            lines = [f"- {line}" for line in _fallback_lines(year, key)]
        texts[key] = "\n".join(lines)
    return texts


@dataclass(frozen=True)
class NextYear:
    plan: Plan | None
    targets: list[Target]
    tasks: list[Task]


def next_year(*, unit: Unit, year: int) -> NextYear:
    """The annual plan of ``year + 1`` being built by the unit (or its successor) and the open
    tasks of the action programmes that run in ``year + 1``."""
    ids = related_unit_ids(unit)
    plans = Plan.objects.filter(unit_id__in=ids, start_year__lte=year + 1, end_year__gte=year + 1)
    annual = plans.filter(kind=PlanKind.ANNUAL, start_year=year + 1).order_by("code").first()
    targets = (
        []
        if annual is None
        else list(annual.targets.select_related("indicator", "unit").order_by("position", "pk"))
    )
    tasks = list(
        Task.objects.filter(plan__in=plans, status__in=OPEN_STATUSES)
        .filter(Q(due_date__isnull=True) | Q(due_date__year__gte=year + 1))
        .select_related("lead_unit", "plan")
        .order_by("plan__code", "position", "pk")[:MAX_TASKS]
    )
    return NextYear(annual, targets, tasks)


def no_text_note() -> str:
    return _("(Chưa có nội dung: cơ quan kế hoạch bổ sung trước khi trình ký.)")
