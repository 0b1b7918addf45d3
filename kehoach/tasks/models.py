"""The action programme: tasks (who does what by when), their due items, progress reports with
evidence, and the planning office's decisions on the units' Phụ lục III proposals."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class TaskGroup(models.TextChoices):
    GENERAL = "general", _("Nhiệm vụ chung")
    KEY = "key", _("Nhiệm vụ trọng tâm")
    BREAKTHROUGH = "breakthrough", _("Nhiệm vụ đột phá")
    SOLUTION = "solution", _("Giải pháp")
    OTHER = "other", _("Nhiệm vụ khác")


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    DONE_LATE = "done_late", _("Hoàn thành chậm")
    STOPPED = "stopped", _("Dừng / huỷ")


OPEN_STATUSES = (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)
CLOSED_STATUSES = (TaskStatus.DONE, TaskStatus.DONE_LATE, TaskStatus.STOPPED)


class DeadlineKind(models.TextChoices):
    DATE = "date", _("Ngày")
    BEFORE = "before", _("Trước ngày")
    MONTH = "month", _("Tháng")
    QUARTER = "quarter", _("Quý")
    YEAR = "year", _("Năm")
    RANGE = "range", _("Giai đoạn")
    RECURRING = "recurring", _("Hằng năm")
    ONGOING = "ongoing", _("Thường xuyên")


class Task(models.Model):
    plan = models.ForeignKey("plans.Plan", verbose_name=_("kế hoạch"), on_delete=models.CASCADE,
                             related_name="tasks")
    number = models.CharField(_("số thứ tự"), max_length=16)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    text = models.TextField(_("nhiệm vụ"))
    group = models.CharField(_("nhóm"), max_length=16, choices=TaskGroup.choices,
                             default=TaskGroup.KEY)
    lead_unit = models.ForeignKey("units.Unit", verbose_name=_("cơ quan chủ trì"),
                                  on_delete=models.PROTECT, related_name="led_tasks")
    coordinating_units = models.ManyToManyField("units.Unit", verbose_name=_("cơ quan phối hợp"),
                                                blank=True, related_name="coordinated_tasks")
    deadline_text = models.CharField(_("thời gian hoàn thành"), max_length=120)
    deadline_kind = models.CharField(max_length=12, choices=DeadlineKind.choices, editable=False)
    due_date = models.DateField(_("hạn"), null=True, blank=True, editable=False)
    start_date = models.DateField(_("bắt đầu"), null=True, blank=True, editable=False)
    product = models.CharField(_("sản phẩm"), max_length=400, blank=True)
    targets = models.ManyToManyField("plans.Target", verbose_name=_("chỉ tiêu phục vụ"),
                                     blank=True, related_name="tasks")
    status = models.CharField(_("tình trạng"), max_length=12, choices=TaskStatus.choices,
                              default=TaskStatus.NOT_STARTED)
    percent = models.DecimalField(_("tiến độ (%)"), max_digits=5, decimal_places=2, default=0)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["plan", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="task_number_unique"),
            models.CheckConstraint(condition=Q(status__in=TaskStatus.values), name="task_status"),
            models.CheckConstraint(condition=Q(percent__gte=0) & Q(percent__lte=100),
                                   name="task_percent"),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(status__in=["done", "done_late"]),
                name="task_completed_only_when_done"),
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:80]}"


class DueKind(models.TextChoices):
    REPORT = "report", _("Báo cáo")
    CONSOLIDATE = "consolidate", _("Tổng hợp")


class TaskDueItem(models.Model):
    """One period of a recurring duty for one unit: report (or consolidate) by ``due_date``."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="due_items")
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="task_due_items")
    kind = models.CharField(_("việc"), max_length=12, choices=DueKind.choices,
                            default=DueKind.REPORT)
    due_date = models.DateField(_("hạn"))
    done_at = models.DateTimeField(_("đã báo cáo lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("kỳ báo cáo của nhiệm vụ")
        verbose_name_plural = _("kỳ báo cáo của nhiệm vụ")
        ordering = ["task", "year", "kind", "unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["task", "year", "unit", "kind"], name="due_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.task.number} {self.year} {self.unit_id}"


class ProgressReport(models.Model):
    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reports")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị báo cáo"),
                             on_delete=models.PROTECT, related_name="task_reports")
    due_item = models.ForeignKey(TaskDueItem, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="reports")
    date = models.DateField(_("ngày báo cáo"))
    text = models.TextField(_("kết quả thực hiện"))
    percent = models.DecimalField(_("tiến độ (%)"), max_digits=5, decimal_places=2)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        ordering = ["task", "-date", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(percent__gte=0) & Q(percent__lte=100),
                                   name="report_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.task.number} {self.date}"


class Evidence(models.Model):
    """A file attached to a progress report, kept in Django's storage; served only through the
    task's access check."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to="tasks/evidence/%Y/%m/")
    name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveIntegerField(_("dung lượng"))
    content_type = models.CharField(max_length=100)

    class Meta:
        verbose_name = _("tài liệu minh chứng")
        verbose_name_plural = _("tài liệu minh chứng")
        ordering = ["report", "id"]

    def __str__(self) -> str:
        return self.name


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Đưa vào chương trình")
    MERGED = "merged", _("Gộp vào nhiệm vụ, dự án khác")
    REFUSED = "refused", _("Không đưa vào")


class ProposalDecision(models.Model):
    """What the planning office decided on one Phụ lục III line."""

    proposal = models.OneToOneField("reporting.ProposalItem", on_delete=models.CASCADE,
                                    related_name="decision")
    decision = models.CharField(_("quyết định"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("lý do"), blank=True)
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="proposals")
    project = models.ForeignKey("projects.Project", null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="proposals")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("xử lý đề xuất")
        verbose_name_plural = _("xử lý đề xuất")
        constraints = [
            models.CheckConstraint(condition=~Q(decision="refused") | ~Q(reason=""),
                                   name="refusal_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.decision}"


class TaskReminderLog(models.Model):
    """One reminder of a task (or of one unit's due item) at one offset: never sent twice."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    due_item = models.ForeignKey(TaskDueItem, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="reminders")
    due_date = models.DateField()
    offset_days = models.SmallIntegerField()
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.TextField(blank=True)
    error = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["task", "due_date", "offset_days"],
                                    condition=Q(due_item__isnull=True), name="task_reminder_once"),
            models.UniqueConstraint(fields=["due_item", "offset_days"],
                                    condition=Q(due_item__isnull=False),
                                    name="due_item_reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.due_date} ({self.offset_days:+d})"


class AssessmentVerdict(models.TextChoices):
    """The unit's evaluation of a task it was assigned by a decision (seed 004: "đánh giá kết
    quả thực hiện các nhiệm vụ được giao tại Quyết định số …")."""

    COMPLETED = "completed", _("hoàn thành")
    ON_SCHEDULE = "on_schedule", _("đúng tiến độ")
    LATE = "late", _("chậm tiến độ")


class TaskAssessment(models.Model):
    """The lead unit's own evaluation of a task in a year, with a sentence; shown in the action
    programme beside the computed lateness. A new one closes the one before
    (``superseded_at``): the history stays."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("năm đánh giá"))
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị đánh giá"),
                             on_delete=models.PROTECT, related_name="task_assessments")
    verdict = models.CharField(_("đánh giá"), max_length=12, choices=AssessmentVerdict.choices)
    text = models.TextField(_("nhận xét"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người đánh giá"), null=True,
                           on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    superseded_at = models.DateTimeField(_("được thay lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị tự đánh giá nhiệm vụ")
        verbose_name_plural = _("đơn vị tự đánh giá nhiệm vụ")
        ordering = ["-at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["task", "year"], condition=Q(superseded_at__isnull=True),
                                    name="task_assessment_one_current"),
            models.CheckConstraint(condition=Q(verdict__in=AssessmentVerdict.values),
                                   name="task_assessment_verdict"),
            models.CheckConstraint(condition=~Q(text=""), name="task_assessment_text"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id}/{self.year}: {self.verdict}"
