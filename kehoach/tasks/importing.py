"""The task table of an action programme, in the layout provinces attach to their plans:
``STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành | Sản phẩm``
(English keys: number, text, lead_unit, coordinating_units, deadline, product; optional group,
status, note).

A row whose STT is a Roman numeral (``I``, ``II``) and that names no lead unit is a group heading
("NHIỆM VỤ TRỌNG TÂM", "NHIỆM VỤ ĐỘT PHÁ", "GIẢI PHÁP"): the rows below it belong to that group.
Units are written by code or name; a misspelt name is refused with the closest names suggested.
All or nothing, like every import; the identity of a row is (plan, STT).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from kehoach.core.exchange.importer import (
    CREATED,
    UNCHANGED,
    UPDATED,
    ImportResult,
    RowProblem,
    run_import,
)
from kehoach.core.exchange.reader import FileSpec, Row
from kehoach.core.models import AnyUser
from kehoach.indicators.importing import choice_value, number_cell
from kehoach.indicators.services import ascii_fold
from kehoach.plans.models import Plan
from kehoach.tasks import services
from kehoach.tasks.deadlines import parse_deadline
from kehoach.tasks.models import Task, TaskGroup, TaskStatus
from kehoach.units.importing import parse_date
from kehoach.units.selectors import unit_match, unit_not_found_message, units_match_list

TASK_SPEC = FileSpec(
    name="tasks",
    required=("number", "text", "lead_unit", "deadline"),
    optional=("coordinating_units", "product", "group", "status", "note", "percent",
              "completed_on"),
    aliases={
        "stt": "number", "số thứ tự": "number", "tt": "number",
        "nhiệm vụ": "text", "nội dung": "text", "nội dung nhiệm vụ": "text",
        "tên nhiệm vụ": "text", "nhiệm vụ, giải pháp": "text",
        "cơ quan chủ trì": "lead_unit", "chủ trì": "lead_unit", "đơn vị chủ trì": "lead_unit",
        "cơ quan chủ trì thực hiện": "lead_unit",
        "cơ quan phối hợp": "coordinating_units", "phối hợp": "coordinating_units",
        "đơn vị phối hợp": "coordinating_units",
        "thời gian hoàn thành": "deadline", "thời hạn": "deadline",
        "thời hạn hoàn thành": "deadline", "thời gian thực hiện": "deadline",
        "sản phẩm": "product", "kết quả, sản phẩm": "product", "sản phẩm đầu ra": "product",
        "nhóm": "group", "nhóm nhiệm vụ": "group", "tình trạng": "status", "ghi chú": "note",
        "tiến độ (%)": "percent", "tiến độ": "percent", "ngày hoàn thành": "completed_on",
    },
    number_columns=("percent",),
)

ROMAN = re.compile(r"^[IVXLC]+\.?$")
GROUP_WORDS = (("dot pha", TaskGroup.BREAKTHROUGH), ("trong tam", TaskGroup.KEY),
               ("giai phap", TaskGroup.SOLUTION), ("chung", TaskGroup.GENERAL))


def group_from_text(text: str) -> str | None:
    folded = ascii_fold(text)
    if folded in TaskGroup.values:
        return folded
    for words, group in GROUP_WORDS:
        if words in folded:
            return group
    return None


def _cached_unit(ctx: dict, ref: str, day: dt.date | None) -> tuple[Any, list[Any]]:
    cache = ctx.setdefault("units", {})
    if (ref, day) not in cache:
        cache[(ref, day)] = unit_match(ref=ref, on=day)
    return cache[(ref, day)]


def _units(row: Row, ctx: dict, day: dt.date | None) -> tuple[Any, list[Any]]:
    lead, suggestions = _cached_unit(ctx, row.get("lead_unit"), day)
    if lead is None:
        raise RowProblem("lead_unit", unit_not_found_message(ref=row.get("lead_unit"),
                                                             suggestions=suggestions))
    coordinating, problems = units_match_list(text=row.get("coordinating_units"), on=day)
    if problems:
        raise RowProblem("coordinating_units", " ".join(problems))
    return lead, [u for u in coordinating if u.pk != lead.pk]


def _choice(row: Row, column: str, choices: Any, default: str) -> str:
    if not row.get(column):
        return default
    value = choice_value(choices, row.get(column))
    if value is None and column == "group":
        value = group_from_text(row.get(column))
    if value is None:
        raise RowProblem(column, _("“%(v)s” không hợp lệ; dùng một trong: %(k)s.") % {
            "v": row.get(column), "k": ", ".join(str(label) for _v, label in choices.choices)})
    return value


def _task_data(row: Row, ctx: dict) -> dict[str, Any]:
    try:
        deadline = parse_deadline(row.get("deadline"))
    except ValueError as exc:
        raise RowProblem("deadline", str(exc))
    plan = ctx["plan"]
    day = deadline.start or deadline.due or min(timezone.localdate(),
                                                dt.date(plan.end_year, 12, 31))
    lead, coordinating = _units(row, ctx, day)
    return {
        "text": row.get("text"), "lead_unit": lead, "coordinating_units": coordinating,
        "deadline_text": row.get("deadline"), "product": row.get("product"),
        "group": _choice(row, "group", TaskGroup, ctx.get("group") or TaskGroup.KEY),
        "status": _choice(row, "status", TaskStatus, TaskStatus.NOT_STARTED),
        "note": row.get("note"), **_progress(row),
    }


def _progress(row: Row) -> dict[str, Any]:
    """``percent`` and ``completed_on`` (extensions of the contract, written by ``export_tasks``):
    only when the file has the column, so a province's own table keeps what units reported."""
    progress: dict[str, Any] = {}
    if "percent" in row.cells:
        percent = number_cell(row, "percent")
        if percent is not None and not 0 <= percent <= 100:
            raise RowProblem("percent", _("tiến độ là một số từ 0 đến 100 (%)."))
        progress["percent"] = percent or 0
    if "completed_on" in row.cells:
        progress["completed_on"] = parse_date(row.get("completed_on"), "completed_on")
    return progress


def _handle(row: Row, ctx: dict) -> str:
    try:
        return _handle_row(row, ctx)
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise ValidationError({COLUMNS.get(k, k): v for k, v in exc.error_dict.items()})


COLUMNS = {"deadline_text": "deadline"}


def _handle_row(row: Row, ctx: dict) -> str:
    number = row.get("number").rstrip(".")
    if ROMAN.match(number) and not row.get("lead_unit"):
        ctx["group"] = group_from_text(row.get("text")) or TaskGroup.OTHER
        return "heading"
    if not row.get("text"):
        raise RowProblem("text", _("thiếu nội dung nhiệm vụ."))
    data = _task_data(row, ctx)
    plan, actor = ctx["plan"], ctx.get("actor")
    existing = Task.objects.filter(plan=plan, number=number).first()
    if existing is None:
        services.task_create(actor=actor, plan=plan, number=number, **data)
        return CREATED
    if not row.get("status"):
        data.pop("status")  # the file does not say: keep what the units reported
    _task, changed = services.task_update(task=existing, actor=actor, **data)
    return UPDATED if changed else UNCHANGED


def tasks_import(*, data: bytes, filename: str, plan: Plan, actor: AnyUser | None = None,
                 dry_run: bool = False, locale: str = "auto") -> ImportResult:
    """Import the task table of ``plan``, all or nothing."""
    return run_import(
        data=data, filename=filename, spec=TASK_SPEC, handler=_handle, dry_run=dry_run,
        locale=locale, context={"actor": actor, "plan": plan},
        key=lambda row: (row.get("number").rstrip("."),) if row.get("lead_unit") else (row.line,),
    )
