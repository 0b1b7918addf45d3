"""Demo action programme of plan 56/KH-UBND (KH-56-BK): the task table in ``demo_data/tasks.csv``
(the attachment layout, loaded through ``kehoach import_tasks``), then progress reports through the
services so that some tasks are done, some done late, some late, and the yearly reporting duty of
seed 003 (report by 20/10, consolidated by 31/10) has its 2025 and current-year due items with some
units not reported. Task 1 and the yearly duty are from the plan's text; the others and every
progress report are illustrative (marked "minh hoạ (demo)"). Runs once (skipped when the plan
already has tasks)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from kehoach.core.demo import Writer
from kehoach.core.models import User
from kehoach.plans.models import Plan
from kehoach.tasks import services
from kehoach.tasks.models import DueKind, Task, TaskDueItem
from kehoach.units.models import Unit

DATA = Path(__file__).resolve().parent / "demo_data"
PLAN = "KH-56-BK"
NOTE = " (minh hoạ, demo)"
# number, unit code, date, percent, text, who
REPORTS = (
    ("1", "BK-SKHDT", dt.date(2024, 3, 25), 100, "Đã trình UBND tỉnh kế hoạch thực hiện", "kehoach"),
    ("3", "BK-SKHDT", dt.date(2024, 4, 15), 100, "Đã tổ chức hội nghị công bố Quy hoạch tỉnh", "kehoach"),
    ("8", "BK-SYT", dt.date(2024, 12, 10), 100, "Đã bàn giao trang thiết bị cho hai trung tâm", "kehoach"),
    ("4", "TN-SXD", dt.date(2025, 11, 20), 60, "Đã rà soát 5/8 quy hoạch chung", "kehoach"),
    ("5", "TN-SNNMT", dt.date(2026, 2, 10), 100, "Hồ sơ đã trình Bộ Nông nghiệp và Môi trường", "sonnmt"),
    ("11", "TN-STC", dt.date(2026, 3, 20), 100, "UBND tỉnh đã ban hành danh mục", "kehoach"),
    ("6", "TN-SYT", dt.date(2026, 5, 20), 70, "Đã xin ý kiến các sở, đang hoàn thiện dự thảo đề án", "soyte"),
    ("7", "TN-SNNMT", dt.date(2026, 9, 30), 30, "Đã trồng mới 2.100 ha rừng trong năm", "sonnmt"),
    ("9", "TN-SCT", dt.date(2026, 8, 15), 10, "Đang làm việc với hai nhà đầu tư hạ tầng", "kehoach"),
    ("12", "TN-SVHTTDL", dt.date(2026, 6, 30), 50, "Đã đăng 24 tin, bài; tổ chức 3 hội nghị", "kehoach"),
)
# the lead units' own evaluations (this year): number, user, verdict, sentence
ASSESSMENTS = (
    ("5", "sonnmt", "completed", "Hồ sơ đã trình Bộ Nông nghiệp và Môi trường đúng hạn"),
    ("7", "sonnmt", "on_schedule", "Trồng mới 2.100 ha rừng, đạt tiến độ kế hoạch năm"),
    ("6", "soyte", "on_schedule",
     "Đã hoàn thiện dự thảo đề án, đang xin ý kiến thẩm định của Bộ Y tế; dự kiến trình UBND "
     "tỉnh trong quý IV"),
)
# the yearly duty: (year, unit, date) of the reports made; the lead unit's consolidation
DUTY = (
    (2025, "TN-SYT", dt.date(2025, 10, 15)), (2025, "TN-SNNMT", dt.date(2025, 10, 17)),
    (2025, "TN-SGDDT", dt.date(2025, 10, 19)), (2025, "TN-SXD", dt.date(2025, 10, 20)),
    (2025, "TN-STC", dt.date(2025, 10, 20)),
    (2026, "TN-SYT", dt.date(2026, 10, 16)), (2026, "TN-SNNMT", dt.date(2026, 10, 19)),
)
CONSOLIDATED = {2025: dt.date(2025, 10, 30)}


def _pdf(title: str) -> bytes:
    """A one-page PDF naming the evidence (demo)."""
    text = title.encode("ascii", "replace").decode()
    stream = f"BT /F1 14 Tf 72 760 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = b"%PDF-1.4\n", []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return out + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)


def _report(task: Task, unit: Unit, day: dt.date, percent: int, text: str, who: str,
            **extra: object) -> None:
    if day > timezone.localdate():
        return
    files = []
    if percent == 100 and task.number == "8":
        files = [ContentFile(_pdf("Bien ban ban giao trang thiet bi (demo)"),
                             name="bien-ban-ban-giao.pdf")]
        files[0].content_type = "application/pdf"  # type: ignore[attr-defined]
    services.progress_report_create(task=task, actor=User.objects.filter(username=who).first(),
                                    unit=unit, date=day, percent=Decimal(percent),
                                    text=text + NOTE, files=files, **extra)  # type: ignore[arg-type]


def _duty(plan: Plan) -> None:
    duty = Task.objects.get(plan=plan, number="2")
    today = timezone.localdate()
    for year in sorted({2025, today.year}):
        services.due_items_ensure(task=duty, year=year)
    for year, code, day in DUTY:
        _report(duty, Unit.objects.get(code=code), day, 100,
                f"Báo cáo kết quả thực hiện Quy hoạch tỉnh năm {year}", "kehoach")
    for year, day in CONSOLIDATED.items():
        item = TaskDueItem.objects.filter(task=duty, year=year, kind=DueKind.CONSOLIDATE).first()
        if item is not None:
            _report(duty, duty.lead_unit, day, 100, f"Báo cáo tổng hợp năm {year} gửi UBND tỉnh",
                    "kehoach", due_item=item)


def _assessments(plan: Plan) -> None:
    year = timezone.localdate().year
    if not plan.start_year <= year <= plan.end_year:
        return
    for number, who, verdict, text in ASSESSMENTS:
        task = Task.objects.filter(plan=plan, number=number).first()
        user = User.objects.filter(username=who).first()
        if task is not None and user is not None:
            services.task_assess(task=task, year=year, verdict=verdict, text=text + NOTE,
                                 actor=user)


def load(*, stdout: Writer) -> None:
    plan = Plan.objects.filter(code=PLAN).first()
    if plan is None or plan.tasks.exists():
        stdout.write("tasks: the programme is already there (or plan KH-56-BK is missing)")
        return
    call_command("import_tasks", str(DATA / "tasks.csv"), "--plan", PLAN, stdout=stdout)
    for number, code, day, percent, text, who in REPORTS:
        _report(Task.objects.get(plan=plan, number=number), Unit.objects.get(code=code), day,
                percent, text, who)
    _duty(plan)
    _assessments(plan)
    stdout.write(f"tasks: {plan.tasks.count()} tasks, "
                 f"{sum(t.reports.count() for t in plan.tasks.all())} progress reports")
