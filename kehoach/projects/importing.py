"""The priority project list in the layout provinces attach to their plans:
``STT | Tên dự án | Lĩnh vực | Địa điểm | Nguồn vốn | Tổng mức đầu tư (tỷ đồng) | Giai đoạn |
Tình trạng`` (English keys: number, name, sector, location, funding_source, total_investment,
phase, status; optional investor, group, note).

Funding sources and statuses may be written as the documents write them ("Ngân sách trung
ương", "Vốn ngoài ngân sách", "Đang thi công"). A Roman-numeral STT row without a funding source
is a heading and gives the sector of the rows below when they leave it empty. The identity of a
row is (plan, name); all or nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

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
from kehoach.projects import services
from kehoach.projects.models import FundingSource, Project, ProjectGroup, ProjectStatus
from kehoach.projects.money_sheet import money_import
from kehoach.tasks.models import Task
from kehoach.units.selectors import unit_match, unit_not_found_message

PROJECT_SPEC = FileSpec(
    name="projects",
    required=("name", "sector", "funding_source", "phase"),
    optional=("number", "location", "total_investment", "status", "investor", "group", "note",
              "investor_unit", "tasks"),
    aliases={
        "stt": "number", "tt": "number", "tên dự án": "name", "dự án": "name",
        "danh mục dự án": "name", "lĩnh vực": "sector", "ngành, lĩnh vực": "sector",
        "địa điểm": "location", "địa điểm xây dựng": "location", "nguồn vốn": "funding_source",
        "tổng mức đầu tư (tỷ đồng)": "total_investment", "tổng mức đầu tư": "total_investment",
        "tmđt (tỷ đồng)": "total_investment", "giai đoạn": "phase",
        "giai đoạn thực hiện": "phase", "thời gian thực hiện": "phase", "tình trạng": "status",
        "chủ đầu tư": "investor", "nhóm dự án": "group", "nhóm": "group", "ghi chú": "note",
        "đơn vị báo cáo giải ngân": "investor_unit", "nhiệm vụ liên quan": "tasks",
    },
    number_columns=("total_investment",),
)

SOURCE_WORDS = (
    ("trung uong", FundingSource.CENTRAL), ("dia phuong", FundingSource.LOCAL),
    ("ngan sach tinh", FundingSource.LOCAL), ("oda", FundingSource.ODA),
    ("ppp", FundingSource.PPP), ("doi tac cong tu", FundingSource.PPP),
    ("ngoai ngan sach", FundingSource.NON_BUDGET), ("xa hoi hoa", FundingSource.NON_BUDGET),
    ("doanh nghiep", FundingSource.NON_BUDGET), ("fdi", FundingSource.NON_BUDGET),
)
STATUS_WORDS = (
    ("phe duyet chu truong", ProjectStatus.APPROVED), ("chu truong", ProjectStatus.APPROVED),
    ("chuan bi", ProjectStatus.PREPARING), ("thi cong", ProjectStatus.BUILDING),
    ("dang thuc hien", ProjectStatus.BUILDING), ("hoan thanh", ProjectStatus.DONE),
    ("dung", ProjectStatus.STOPPED), ("de xuat", ProjectStatus.PROPOSED),
    ("moi", ProjectStatus.PROPOSED),
)
ROMAN = re.compile(r"^[IVXLC]+\.?$")


def _by_words(text: str, choices: Any, words: tuple[tuple[str, str], ...]) -> str | None:
    value = choice_value(choices, text)
    if value is not None:
        return value
    folded = ascii_fold(text)
    return next((v for w, v in words if w in folded), None)


def source_value(text: str) -> str | None:
    return _by_words(text, FundingSource, SOURCE_WORDS)


def status_value(text: str) -> str | None:
    return _by_words(text, ProjectStatus, STATUS_WORDS)


def _required_choice(row: Row, column: str, reader: Any, choices: Any) -> str:
    value = reader(row.get(column))
    if value is None:
        raise RowProblem(column, _("“%(v)s” không hợp lệ; dùng một trong: %(k)s.") % {
            "v": row.get(column), "k": ", ".join(str(label) for _v, label in choices.choices)})
    return value


def _location(row: Row, ctx: dict, day: dt.date) -> Any:
    return _unit(row, "location", ctx, day)


def _unit(row: Row, column: str, ctx: dict, day: dt.date) -> Any:
    ref = row.get(column)
    if not ref:
        return None
    cache = ctx.setdefault("units", {})
    if (ref, day) not in cache:
        cache[(ref, day)] = unit_match(ref=ref, on=day)
    unit, suggestions = cache[(ref, day)]
    if unit is None:
        raise RowProblem(column, unit_not_found_message(ref=ref, suggestions=suggestions))
    return unit


def _links(row: Row, ctx: dict, day: dt.date) -> dict[str, Any]:
    """``investor_unit`` and ``tasks`` (task numbers of the same plan, ``;`` between them):
    extensions of the contract written by ``export_projects``, read only when the file has them."""
    links: dict[str, Any] = {}
    if "investor_unit" in row.cells:
        links["investor_unit"] = _unit(row, "investor_unit", ctx, day)
    if "tasks" in row.cells:
        numbers = [n.strip().rstrip(".") for n in row.get("tasks").split(";") if n.strip()]
        found = {t.number: t for t in Task.objects.filter(plan=ctx["plan"], number__in=numbers)}
        missing = [n for n in numbers if n not in found]
        if missing:
            raise RowProblem("tasks", _("kế hoạch không có nhiệm vụ số %(n)s (nhập nhiệm vụ "
                                        "trước dự án).") % {"n": ", ".join(missing)})
        links["tasks"] = [found[n] for n in numbers]
    return links


def _project_data(row: Row, ctx: dict) -> dict[str, Any]:
    try:
        first, _last = services.phase_years(row.get("phase"))
    except ValueError as exc:
        raise RowProblem("phase", str(exc))
    total = number_cell(row, "total_investment")
    if total is not None and total < 0:
        raise RowProblem("total_investment", _("tổng mức đầu tư không được âm."))
    sector = row.get("sector") or ctx.get("sector") or ""
    if not sector:
        raise RowProblem("sector", _("thiếu lĩnh vực."))
    data: dict[str, Any] = {
        "number": row.get("number"), "sector": sector, "phase": row.get("phase"),
        "location": _location(row, ctx, dt.date(first, 1, 1)), "total_investment": total,
        "funding_source": _required_choice(row, "funding_source", source_value, FundingSource),
        "investor": row.get("investor"), "note": row.get("note"),
    }
    data.update(_links(row, ctx, dt.date(first, 1, 1)))
    if row.get("status"):
        data["status"] = _required_choice(row, "status", status_value, ProjectStatus)
    if row.get("group"):
        group = row.get("group").upper().replace("NHÓM", "").strip()
        data["group"] = group if group in ("A", "B", "C") else _required_choice(
            row, "group", lambda t: choice_value(ProjectGroup, t), ProjectGroup)
    return data


def _handle(row: Row, ctx: dict) -> str:
    if ROMAN.match(row.get("number")) and not row.get("funding_source"):
        ctx["sector"] = row.get("sector") or row.get("name")
        return "heading"
    data = _project_data(row, ctx)
    plan, actor = ctx["plan"], ctx.get("actor")
    name = " ".join(row.get("name").split())
    existing = Project.objects.filter(plan=plan, name=name).first()
    if existing is None:
        services.project_create(actor=actor, plan=plan, name=name, **data)
        return CREATED
    _project, changed = services.project_update(project=existing, actor=actor, **data)
    return UPDATED if changed else UNCHANGED


def projects_import(*, data: bytes, filename: str, plan: Plan, actor: AnyUser | None = None,
                    dry_run: bool = False, locale: str = "auto") -> ImportResult:
    """Import the priority project list of ``plan`` (and, from a workbook, the capital plans and
    disbursement of its second sheet), all or nothing."""
    def money(ctx: dict[str, Any], result: ImportResult) -> None:
        money_import(data=data, filename=filename, locale=locale, ctx=ctx, result=result)

    return run_import(
        data=data, filename=filename, spec=PROJECT_SPEC, handler=_handle, dry_run=dry_run,
        locale=locale, context={"actor": actor, "plan": plan}, finish=money,
        key=lambda row: (" ".join(row.get("name").split()),) if row.get("funding_source")
        else (row.line,),
    )
