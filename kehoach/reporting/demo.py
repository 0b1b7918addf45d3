"""Demo rounds: the 2026 annual plan round of Thái Nguyên, open, with Phụ lục I assigned to six
departments in every state (and its written part: four departments wrote their sections, one
returned for a section and corrected, the office compiled the province's drafts), and a draft six-month report round giving them the mid-year form. Idempotent: a round that exists
is left as it is (users may have changed it).

Everything goes through the services, so the history, the audit log and the values of record are
those a real round would leave. The figures typed into the forms are the values of record where
the province has them, else plausible demo figures (marked as such in the notes).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from kehoach.core.models import User
from kehoach.reporting import services
from kehoach.reporting.models import FormTemplate, Round, Submission, SubmissionText
from kehoach.reporting.selectors import submission_grid
from kehoach.reporting.validation import submission_validate
from kehoach.units.models import Unit
from kehoach.values.models import Value

ROUND_CODE = "kh-ktxh-2026"
SIX_MONTH_CODE = "bc-6t-2026"
DEMO_NOTE = "Số liệu minh hoạ (demo)."
#: The departments' explanations (giải trình) beside an estimate below the year's plan: the
#: report's "Nguyên nhân" of a target not met reads them. Illustrative, and marked so.
EXPLANATIONS = {
    "GRDP_GROWTH": "Ước cả năm: công nghiệp chế biến và xây dựng phục hồi chậm, giải ngân vốn đầu "
                   "tư công chưa đạt kế hoạch trong thời gian sắp xếp bộ máy, đơn vị hành chính "
                   "(giải trình minh hoạ, demo).",
    "BUDGET_REVENUE": "Ước cả năm: thu từ doanh nghiệp và tiền sử dụng đất thấp hơn dự toán do thị "
                      "trường bất động sản trầm lắng (giải trình minh hoạ, demo).",
}
# ƯTH 2025, KH 2026 when the province has no value of record.
FIGURES = {
    "GRDP_GROWTH": ("8,2", "10"), "GRDP_CUR": ("165.000", "185.000"),
    "BUDGET_REVENUE": ("20.000", "22.000"), "POPULATION": ("1.705,5", "1.718"),
    "SHARE_AGRI": ("22,5", "21,5"),
    "SHARE_INDUSTRY_CONSTR": ("37,5", "38,5"), "SHARE_SERVICES": ("34", "34"),
    "SHARE_TAX": ("6", "6"), "POVERTY_RATE": ("6,5", "5"), "FOREST_COVER": ("63", "63,2"),
    "HEALTH_INSURANCE": ("95,5", "96"), "TRAINED_LABOUR": ("72", "74"),
    "UNEMPLOYMENT": ("2,1", "2"), "URBANISATION": ("38", "40"),
    "ELECTRICITY_ACCESS": ("99,8", "99,9"),
}
STATES = [  # unit, who fills, final state
    ("TN-STC", "kehoach", "accepted"),
    ("TN-SNNMT", "sonnmt", "submitted"),
    ("TN-SYT", "soyte", "returned"),
    ("TN-SGDDT", "kehoach", "draft"),
    ("TN-SCT", "kehoach", "late"),
    ("TN-SVHTTDL", "kehoach", "not_started"),
]
EXTENDED = {"TN-SYT", "TN-SGDDT", "TN-SVHTTDL"}
# The written part: the round's sections and what the departments wrote (illustrative texts,
# see kehoach/plans/demo_data/NOTES.md), the office's comments on a section, the corrections.
WRITTEN = json.loads((Path(__file__).resolve().parent / "demo_data" / "texts.json")
                     .read_text(encoding="utf-8"))
COMPILED_FROM = ("TN-STC", "TN-SNNMT", "TN-SYT")


def _milestones(deadline: dt.date) -> list[dict[str, Any]]:
    return [
        {"name": "Các sở, ban, ngành, UBND các xã, phường xây dựng kế hoạch phát triển KT-XH "
                 "năm 2026 và gửi Sở Tài chính (Phụ lục I, III)", "date": deadline,
         "actor": "units"},
        {"name": "Sở Tài chính tổng hợp, xây dựng dự thảo Kế hoạch phát triển KT-XH năm 2026, "
                 "báo cáo UBND tỉnh", "date": deadline + dt.timedelta(days=30),
         "actor": "planning_office"},
        {"name": "UBND tỉnh trình xin ý kiến HĐND tỉnh về dự thảo Kế hoạch",
         "date": deadline + dt.timedelta(days=45), "actor": "peoples_committee"},
        {"name": "Cập nhật ước thực hiện năm 2025 đến 31/12, hoàn thiện Kế hoạch",
         "date": deadline + dt.timedelta(days=120), "actor": "planning_office"},
        {"name": "HĐND tỉnh thông qua Nghị quyết về Kế hoạch phát triển KT-XH năm 2026",
         "date": deadline + dt.timedelta(days=150), "actor": "peoples_council"},
    ]


def _record(unit: Unit, code: str, period: str, kinds: tuple[str, ...]) -> Decimal | None:
    found = {v.kind: v.value for v in Value.objects.filter(
        unit=unit, indicator__code=code, period=period, kind__in=kinds)}
    return next((found[k] for k in kinds if k in found), None)


def _figure(submission: Submission, grid, row, key: str) -> Any:
    code, unit = row.indicator.code if row.indicator else "", submission.subject_unit
    year = submission.round.base_year + (0 if key == "UTH_Y" else 1)
    kinds = ("estimate", "actual") if key == "UTH_Y" else ("plan",)
    recorded = _record(unit, code, str(year), kinds)
    if recorded is not None:
        return recorded
    if code in FIGURES:
        return FIGURES[code][0 if key == "UTH_Y" else 1]
    base = grid.value(row, "UTH_Y" if key == "KH_NEXT" else "TH_PREV") or grid.value(row, "KH_Y")
    if code == "GRDP_CONST" and base:  # consistent with the growth rate typed in the form
        growth_row = next((r for r in grid.rows
                           if r.indicator and r.indicator.code == "GRDP_GROWTH"), None)
        growth = services.parse_value(_figure(submission, grid, growth_row, key)) \
            if growth_row else None
        if growth is not None:
            return (base * (1 + growth / 100)).quantize(Decimal("0.01"))
    return (base * Decimal("1.05")).quantize(Decimal("0.01")) if base else None


def _note(code: str, key: str) -> str:
    if code not in FIGURES:
        return ""
    return EXPLANATIONS.get(code, DEMO_NOTE) if key == "UTH_Y" else DEMO_NOTE


def _fill(submission: Submission, actor: User, *, partial: bool = False) -> None:
    for key in ("UTH_Y", "KH_NEXT"):  # next year's figures are built on this year's estimate
        grid = submission_grid(submission=submission)
        rows = [r for r in grid.rows if r.indicator is not None][: 6 if partial else None]
        changes = []
        for row in rows:
            if not (cell := grid.get(row, key)) or not cell.editable:
                continue
            value = _figure(submission, grid, row, key)
            if value is not None:
                changes.append({"row": row.pk, "column": key, "value": value,
                                "note": _note(row.indicator.code if row.indicator else "", key)})
        if changes:
            services.cell_save(submission=submission, changes=changes, actor=actor)


def _write(submission: Submission, filler: User, *, corrected: bool = False) -> None:
    texts = WRITTEN["texts"].get(submission.unit.code, {})
    suffix = "_corrected"
    changes = [{"section": key.removesuffix(suffix), "text": text} for key, text in texts.items()
               if key.endswith(suffix) == corrected]
    if changes and submission.round.sections.exists():
        services.submission_texts_save(submission=submission, changes=changes, actor=filler)


def _section_comments(submission: Submission) -> list[dict[str, Any]]:
    comment = WRITTEN["comments"].get(submission.unit.code)
    return [{"section": comment[0], "text": comment[1]}] if comment else []


def _play(submission: Submission, filler: User, planner: User, state: str, out: Any) -> None:
    if state in ("not_started", "late"):
        return
    _fill(submission, filler, partial=state == "draft")
    _write(submission, filler)
    if state == "draft":
        return
    errors = submission_validate(submission=submission)["errors"]
    if errors:
        out.write(f"  {submission.unit.code}: left in draft ({errors[0].message})")
        return
    services.submission_submit(submission=submission, actor=filler)
    if state == "accepted":
        services.submission_accept(submission=submission, actor=planner,
                                   comment="Số liệu đầy đủ, tiếp nhận.")
    elif state == "returned":
        grid = submission_grid(submission=submission)  # a row the unit answers for
        row = next((r for r in grid.rows if not r.is_heading and grid.answers(r)),
                   next(r for r in grid.rows if not r.is_heading))
        services.submission_return(
            submission=submission, actor=planner,
            comment="Đề nghị bổ sung giải trình các chỉ tiêu y tế và thống nhất số liệu dân số "
                    "với Cục Thống kê.",
            cell_comments=[{"row": row.pk, "column": "UTH_Y",
                            "text": "Kiểm tra lại số ước thực hiện năm 2025."},
                           *_section_comments(submission)])
        _write(submission, filler, corrected=True)  # corrected, not yet sent again
    elif _section_comments(submission):  # returned for its text, corrected and sent again
        services.submission_return(submission=submission, actor=planner,
                                   cell_comments=_section_comments(submission))
        _write(submission, filler, corrected=True)
        services.submission_resubmit(submission=submission, actor=filler)


def _compile(round: Round, planner: User) -> None:
    """The office's drafts: each section from the first paragraph of three departments' texts;
    "tồn tại, hạn chế" merged into one passage, then a second point picked as it is."""
    for section in round.sections.all():
        texts = {t.submission.unit.code: t for t in SubmissionText.objects.filter(
            section=section, submission__unit__code__in=COMPILED_FROM).select_related(
            "submission__unit")}
        picks = [(texts[code], 0) for code in COMPILED_FROM if code in texts]
        if not picks:
            continue
        merge = section.key == "shortcomings"
        services.compiled_section_pick(section=section, picks=picks, merge=merge, actor=planner)
        if merge and "TN-STC" in texts:
            services.compiled_section_pick(section=section, picks=[(texts["TN-STC"], 1)],
                                           actor=planner)


def _round(planner: User, province: Unit, deadline: dt.date, out: Any) -> Round:
    templates, warnings = services.template_install_builtin(actor=planner)
    for warning in warnings:
        out.write(f"  {warning}")
    pl1 = next(t for t in templates if t.code == "PL1-NAM")
    round = services.round_create(
        actor=planner, code=ROUND_CODE, title="Xây dựng kế hoạch phát triển KT-XH năm 2026",
        kind="annual_plan", legal_number="2150/UBND-TH", legal_date=dt.date(2025, 6, 16),
        legal_issuer="UBND tỉnh Thái Nguyên", base_year=2025, period_start=2026,
        period_end=2026, reminder_offsets=[-3, 1, 3], milestones=_milestones(deadline))
    units = list(Unit.objects.filter(code__in=[code for code, _u, _s in STATES]))
    if not units:
        out.write("  reporting demo: no demo departments, round left unassigned")
        return round
    services.round_assign(round=round, units=units, templates=[pl1], actor=planner,
                          subject_units={u.pk: province for u in units})
    extended = [u for u in units if u.code in EXTENDED]  # an extension for those still working
    services.round_assign(round=round, units=extended, templates=[pl1], actor=planner,
                          deadline=deadline + dt.timedelta(days=15))
    services.round_sections_set(round=round, sections=WRITTEN["sections"], actor=planner)
    services.round_open(round=round, actor=planner)
    return round


def _assign_mid_year(round: Round, planner: User, province: Unit) -> None:
    """The draft six-month round gives the departments the mid-year form (PL1-6THANG)."""
    mid_year = FormTemplate.objects.filter(code="PL1-6THANG").order_by("-version").first()
    units = list(Unit.objects.filter(code__in=[code for code, _u, _s in STATES]))
    if mid_year is not None and units:
        services.round_assign(round=round, units=units, templates=[mid_year], actor=planner,
                              subject_units={u.pk: province for u in units})


@transaction.atomic
def load(*, stdout: Any) -> None:
    """Create the demo rounds once (needs units "19" and TN-*, the indicators and the users)."""
    if Round.objects.filter(code=ROUND_CODE).exists():
        stdout.write("  reporting demo: already loaded")
        return
    planner = User.objects.filter(username="kehoach").first()
    province = Unit.objects.filter(code="19").first()
    if planner is None or province is None:
        stdout.write("  reporting demo: skipped (user “kehoach” or unit “19” missing)")
        return
    today = timezone.localdate()
    round = _round(planner, province, today - dt.timedelta(days=5), stdout)
    users = {u.username: u for u in User.objects.filter(username__in=["kehoach", "soyte",
                                                                        "sonnmt"])}
    for code, username, state in STATES:
        submission = round.submissions.filter(unit__code=code).first()
        if submission is None:
            continue
        _play(submission, users.get(username, planner), planner, state, stdout)
    _compile(round, planner)
    six_month = services.round_create(
        actor=planner, code=SIX_MONTH_CODE, title="Báo cáo 6 tháng đầu năm 2026",
        kind="six_month_report", legal_issuer="UBND tỉnh Thái Nguyên", base_year=2026,
        period_start=2026, period_end=2026,
        milestones=[{"name": "Các đơn vị gửi báo cáo 6 tháng đầu năm 2026",
                     "date": dt.date(2026, 6, 20), "actor": "units"},
                    {"name": "Sở Tài chính tổng hợp báo cáo UBND tỉnh",
                     "date": dt.date(2026, 6, 30), "actor": "planning_office"}])
    _assign_mid_year(six_month, planner, province)
    stdout.write(f"  reporting demo: rounds {ROUND_CODE} (open), {SIX_MONTH_CODE} (draft)")

