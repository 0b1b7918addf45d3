"""The plan itself as a draft document: "KẾ HOẠCH Phát triển kinh tế - xã hội năm N" in the
Decree 30 format, written from what kehoach holds, for the planning office to edit and submit to
the People's Council.

I. the general goal (the plan's, else its parent's); II. the main targets by group, each as the
documents write it with last year's estimate beside it; III. tasks and solutions (the plan's and
the open tasks of the programmes covering the year) by group, with lead unit, deadline and
product; IV. public investment: the year's capital plan by source and the projects under way;
V. organisation: what each unit answers for. Appendices in landscape: Phụ lục I the targets
(Biểu 01 for an annual plan: TH N-2, KH N-1, ƯTH N-1, KH N and the comparisons), Phụ lục II the
projects and the year's capital plan.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.utils.text import slugify
from django.utils.translation import gettext as _

from kehoach.documents.decree30 import Decree30Document, Heading, number_symbol
from kehoach.evaluation.services.series import load_series
from kehoach.indicators.models import Group
from kehoach.plans.models import Plan, PlanKind, PlanStatus, Target
from kehoach.plans.wording import target_wording
from kehoach.projects.models import FundingSource, Project, ProjectStatus
from kehoach.projects.selectors import with_year
from kehoach.tasks.models import OPEN_STATUSES, Task, TaskGroup
from kehoach.units.models import UnitType

from . import template
from .appendices import appendices_add_to_docx
from .appendix_model import shown
from .appendix_programme import related_plans
from .issuer import Issuer, issuer_for
from .plan_appendices import attached, indicator_table, projects_table, targets_table
from .sentences import amount

ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")
DRAFT_STATUSES = (PlanStatus.DRAFT, PlanStatus.CONSULTATION)


class Outline:
    """Numbers the document's headings ``I.``, ``II.`` as sections are written."""

    def __init__(self, doc: Decree30Document) -> None:
        self.doc, self.count = doc, 0

    def heading(self, text: str) -> None:
        self.doc.heading(f"{ROMAN[self.count]}. {text.upper()}")
        self.count += 1


def bullets(doc: Decree30Document, lines: list[str]) -> None:
    """``- …;`` lines, the last one closed with a full stop."""
    for index, line in enumerate(lines):
        text = line.rstrip(";.")
        doc.paragraph(text + ("." if index == len(lines) - 1 else ";"))


def plan_year(plan: Plan) -> int:
    """The year the plan is for (an annual plan's year, a multi-year plan's first year)."""
    return plan.start_year


def subject(plan: Plan) -> str:
    name = plan.name.strip()
    lowered = name.lower()
    for prefix in ("dự thảo kế hoạch ", "kế hoạch "):
        if lowered.startswith(prefix):
            name = name[len(prefix) :]
            break
    return name[:1].upper() + name[1:]


def _heading(issuer: Issuer, number: str) -> Heading:
    symbol = issuer.heading.number.rsplit("/", 1)[-1].replace("BC-", "KH-", 1)
    text = number.strip().removeprefix("Số:").strip()
    line = f"Số: {text}" if "/" in text else number_symbol(text or None, symbol)
    h = issuer.heading
    return Heading(body=h.body, number=line, place=h.place, date=h.date, parent_body=h.parent_body)


def _basis(plan: Plan, year: int) -> list[str]:
    lines = []
    parent = plan.parent
    if parent is not None:
        text = _("Căn cứ %(n)s") % {"n": parent.name}
        if parent.document:
            text += _(" (số %(d)s%(t)s)") % {
                "d": parent.document,
                "t": _(" ngày %(d)s") % {"d": parent.document_date.strftime("%d/%m/%Y")}
                if parent.document_date
                else "",
            }
        lines.append(text)
    if plan.kind == PlanKind.ANNUAL:
        lines.append(
            _("Căn cứ kết quả thực hiện kế hoạch phát triển kinh tế - xã hội năm %(y)s")
            % {"y": year - 1}
        )
    return lines


def _goal(doc: Decree30Document, outline: Outline, plan: Plan) -> None:
    goal = (plan.goal or (plan.parent.goal if plan.parent else "")).strip()
    if not goal:
        return
    outline.heading(_("Mục tiêu tổng quát"))
    for paragraph in goal.splitlines():
        if paragraph.strip():
            doc.paragraph(paragraph.strip())


def _estimates(targets: list[Target], year: int) -> dict[tuple[int, int], Any]:
    pairs = {(t.indicator_id, t.unit_id) for t in targets}
    series = load_series(pairs=pairs, first_year=year - 1, last_year=year - 1)
    return {pair: s.observations.get(year - 1) for pair, s in series.items()}


def target_line(target: Target, plan: Plan, estimate: Any, year: int) -> str:
    """``- Tốc độ tăng trưởng GRDP đạt trên 10% (ước thực hiện năm 2025: 8,2%).``"""
    indicator = target.indicator
    name = indicator.name_vi
    if target.unit_id != plan.unit_id:
        name += f" ({target.unit.name})"
    text = f"- {name}: {target_wording(target)}"
    if estimate is not None:
        kind = _("thực hiện") if str(estimate.kind) == "actual" else _("ước thực hiện")
        value = shown(estimate.value, indicator.decimals)
        text += _(" (%(k)s năm %(y)s: %(v)s)") % {
            "k": kind,
            "y": year - 1,
            "v": amount(value, indicator.unit),
        }
    return text + ";"


def _targets(doc: Decree30Document, outline: Outline, plan: Plan, year: int) -> None:
    targets = list(
        plan.targets.filter(superseded_from__isnull=True)
        .select_related("indicator", "unit")
        .order_by("position", "id")
    )
    if not targets:
        return
    outline.heading(_("Các chỉ tiêu chủ yếu"))
    estimates = _estimates(targets, year)
    by_group: dict[str, list[Target]] = defaultdict(list)
    for target in targets:
        by_group[target.indicator.group].append(target)
    number = 0
    for key, label in Group.choices:
        if not by_group.get(key):
            continue
        number += 1
        doc.heading(_("%(n)s. Về %(g)s") % {"n": number, "g": str(label).lower()}, level=2)
        bullets(
            doc,
            [
                target_line(
                    target, plan, estimates.get((target.indicator_id, target.unit_id)), year
                )
                for target in by_group[key]
            ],
        )
    doc.paragraph(_("(Chi tiết tại Phụ lục I kèm theo.)"), italic=True)


def open_tasks(plan: Plan, year: int) -> list[Any]:
    """The plan's tasks and the open tasks of the programmes covering ``year``."""
    plans = related_plans(plan, year)
    qs = (
        Task.objects.filter(plan__in=plans)
        .select_related("lead_unit")
        .prefetch_related("coordinating_units")
        .order_by("plan__code", "position", "id")
    )
    return [
        t
        for t in qs
        if t.plan_id == plan.pk
        or (t.status in OPEN_STATUSES and (t.due_date is None or t.due_date.year >= year))
    ]


def task_line(task: Any) -> str:
    parts = [_("chủ trì: %(u)s") % {"u": task.lead_unit.name}]
    others = [u.name for u in task.coordinating_units.all()]
    if others:
        parts.append(_("phối hợp: %(u)s") % {"u": ", ".join(others)})
    parts.append(_("thời gian: %(d)s") % {"d": task.deadline_text})
    if task.product:
        parts.append(_("sản phẩm: %(p)s") % {"p": task.product})
    return f"- {task.text.strip().rstrip('.;')} ({'; '.join(parts)});"


def _tasks(doc: Decree30Document, outline: Outline, tasks: list[Any]) -> None:
    if not tasks:
        return
    outline.heading(_("Nhiệm vụ, giải pháp chủ yếu"))
    number = 0
    for key, label in TaskGroup.choices:
        members = [t for t in tasks if t.group == key]
        if not members:
            continue
        number += 1
        doc.heading(f"{number}. {label}", level=2)
        bullets(doc, [task_line(task) for task in members])


def year_projects(plan: Plan, year: int) -> list[Any]:
    """Projects under way in ``year`` (phase covering it, not finished or stopped) or with a
    capital plan for it, each annotated with ``capital_plan`` (tỷ đồng)."""
    qs = with_year(Project.objects.filter(plan__in=related_plans(plan, year)), year)
    ordered: list[Any] = list(qs.select_related("location").order_by("plan__code", "position"))
    closed = (ProjectStatus.DONE, ProjectStatus.STOPPED)
    return [
        p
        for p in ordered
        if p.capital_plan or (p.start_year <= year <= p.end_year and p.status not in closed)
    ]


def _money(value: Any) -> str:
    return amount(shown(value, 2), "tỷ đồng")


def _investment(doc: Decree30Document, outline: Outline, projects: list[Any], year: int) -> None:
    if not projects:
        return
    outline.heading(_("Đầu tư công và các dự án trọng điểm"))
    planned = sum((p.capital_plan for p in projects), Decimal(0))
    if planned:
        by_source: dict[str, Decimal] = defaultdict(lambda: Decimal(0))
        for project in projects:
            by_source[project.funding_source] += project.capital_plan
        parts = [
            _("%(s)s %(a)s") % {"s": label, "a": _money(by_source[key])}
            for key, label in FundingSource.choices
            if by_source.get(key)
        ]
        doc.paragraph(
            _("Tổng kế hoạch vốn năm %(y)s của các dự án trong danh mục là %(a)s, gồm: %(p)s.")
            % {"y": year, "a": _money(planned), "p": "; ".join(parts)}
        )
    doc.paragraph(
        _("Tập trung thực hiện %(n)s dự án trọng điểm đang triển khai:") % {"n": len(projects)}
    )
    lines = []
    for project in projects:
        facts = [str(FundingSource(project.funding_source).label), project.phase]
        if project.location:
            facts.insert(0, project.location.name)
        if project.total_investment:
            facts.append(_("tổng mức đầu tư %(a)s") % {"a": _money(project.total_investment)})
        facts.append(str(ProjectStatus(project.status).label).lower())
        lines.append(f"- {project.name} ({'; '.join(facts)})")
    bullets(doc, lines)
    doc.paragraph(_("(Chi tiết tại Phụ lục II kèm theo.)"), italic=True)


def _organisation(
    doc: Decree30Document, outline: Outline, plan: Plan, tasks: list[Any], issuer: Issuer
) -> None:
    outline.heading(_("Tổ chức thực hiện"))
    targets: dict[str, list[str]] = defaultdict(list)
    for target in plan.targets.filter(superseded_from__isnull=True).select_related(
        "indicator", "responsible_unit", "unit"
    ):
        unit = target.responsible_unit or (target.unit if target.unit_id != plan.unit_id else None)
        if unit is not None and target.indicator.name_vi not in targets[unit.name]:
            targets[unit.name].append(target.indicator.name_vi)
    led: dict[str, int] = defaultdict(int)
    for task in tasks:
        led[task.lead_unit.name] += 1
    lines = []
    for name in sorted(set(targets) | set(led)):
        parts = []
        if targets.get(name):
            parts.append(
                _("chủ trì theo dõi, thực hiện các chỉ tiêu: %(t)s")
                % {"t": "; ".join(t[:1].lower() + t[1:] for t in targets[name])}
            )
        if led.get(name):
            parts.append(
                _("chủ trì %(n)s nhiệm vụ tại Mục %(m)s")
                % {"n": led[name], "m": _("Nhiệm vụ, giải pháp chủ yếu").lower()}
            )
        lines.append(f"- {name}: {'; '.join(parts)}")
    bullets(doc, lines)
    doc.paragraph(
        _(
            "Các cơ quan, đơn vị căn cứ Kế hoạch này xây dựng kế hoạch của ngành, địa "
            "phương, định kỳ báo cáo kết quả thực hiện; trong quá trình thực hiện, nếu "
            "có khó khăn, vướng mắc, báo cáo %(b)s xem xét, giải quyết."
        )
        % {"b": issuer.name}
    )


def recipients(issuer: Issuer, plan: Plan) -> list[str]:
    """A province's plan goes to the Party committee and the People's Council (b/c), the
    committee's leaders, departments and communes."""
    if plan.unit.type != UnitType.PROVINCE:
        return list(issuer.recipients)
    return [
        _("Thường trực Tỉnh ủy (b/c)"),
        _("Thường trực HĐND tỉnh (b/c)"),
        _("Chủ tịch, các Phó Chủ tịch UBND tỉnh"),
        _("Các sở, ban, ngành tỉnh"),
        _("UBND các xã, phường"),
        _("Lưu: VT, TH"),
    ]


def plan_document_context(plan: Plan, issuer: Issuer, heading: Heading, year: int) -> dict[str, Any]:
    """The values of the plan document template's fields (``reports.template``)."""
    title = subject(plan)
    return {
        **template.letterhead(heading, issuer.signature, recipients(issuer, plan)),
        "du_thao": plan.status in DRAFT_STATUSES,
        "ten_loai": _("KẾ HOẠCH"),
        "trich_yeu": title,
        "trich_yeu_thuong": title[:1].lower() + title[1:],
        "co_quan": issuer.name,
        "can_cu": [line.strip().rstrip(";.") for line in _basis(plan, year) if line.strip()],
        "nam": year,
    }


def plan_document_docx(*, plan: Plan, date: dt.date | None = None, number_text: str = "") -> bytes:
    """The plan as a Decree 30 .docx (``date``: on the document, None leaves it blank;
    ``number_text``: the số ký hiệu, blank by default): the province's template around
    sections I–V, then the appendices. A draft or a plan in consultation is marked
    ``DỰ THẢO``."""
    year = plan_year(plan)
    issuer = issuer_for(plan.unit, date=date)
    heading = _heading(issuer, number_text)
    body = Decree30Document()
    outline = Outline(body)
    _goal(body, outline, plan)
    _targets(body, outline, plan, year)
    tasks = open_tasks(plan, year)
    _tasks(body, outline, tasks)
    projects = year_projects(plan, year)
    _investment(body, outline, projects, year)
    _organisation(body, outline, plan, tasks, issuer)
    body.end_text()
    doc = template.compose("plan_document", plan_document_context(plan, issuer, heading, year), body)
    note = attached(plan, issuer, heading)
    tables = [
        indicator_table(plan, year, note, date)
        if plan.kind == PlanKind.ANNUAL
        else targets_table(plan, note)
    ]
    if projects:
        tables.append(projects_table(projects, year, note))
    appendices_add_to_docx(doc, [t for t in tables if t is not None and t.rows])
    return doc.to_bytes()


def plan_document_filename(plan: Plan) -> str:
    return f"du-thao-{slugify(plan.code) or 'ke-hoach'}.docx"
