"""Reporting rounds (đợt xây dựng kế hoạch / kỳ báo cáo), their forms and the units' submissions.

A ``Round`` is opened by a Công văn, has milestones and assigns ``FormTemplate``s to units; each
unit × form is a ``Submission`` whose ``Cell``s hold what the unit typed. Every transition leaves a
``SubmissionEvent``, every change of a cell a ``CellRevision``.

Column labels and periods are patterns over the round's years: ``Y`` = ``base_year`` (the year
being estimated), ``S``/``E`` = the first/last year the round covers; e.g. ``TH {Y-1}``,
``KH {S}-{E}``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from kehoach.core.constants import NUMBER_DIGITS, NUMBER_PLACES
from kehoach.indicators.models import Kind
from kehoach.values.models import ValueKind

USER = settings.AUTH_USER_MODEL
#: Indicator kinds measured in % (``indicators.Kind``): comparisons show their difference.
RATE_KINDS = frozenset({Kind.RATE, Kind.GROWTH, Kind.SHARE})


class RoundKind(models.TextChoices):
    FIVE_YEAR_PLAN = "five_year_plan", _("Xây dựng kế hoạch 5 năm")
    ANNUAL_PLAN = "annual_plan", _("Xây dựng kế hoạch năm")
    SIX_MONTH_REPORT = "six_month_report", _("Báo cáo 6 tháng")
    YEAR_END_REPORT = "year_end_report", _("Báo cáo năm")
    MASTER_PLAN_REPORT = "master_plan_report", _("Báo cáo thực hiện quy hoạch")


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    OPEN = "open", _("Đang thực hiện")
    CLOSED = "closed", _("Đã kết thúc")


class RowScope(models.TextChoices):
    """Which rows of its form a unit types: those it answers for (the responsible unit of the
    indicator's target in the round's plan) and, for the rest, read-only context or nothing."""

    ALL = "all", _("Mọi dòng đều nhập được")
    CONTEXT = "context", _("Nhập các dòng đơn vị chịu trách nhiệm, các dòng khác chỉ xem")
    OWN = "own", _("Chỉ hiện các dòng đơn vị chịu trách nhiệm")


class Round(models.Model):
    code = models.SlugField(_("mã"), max_length=64, unique=True)
    title = models.CharField(_("tên đợt"), max_length=400)
    kind = models.CharField(_("loại"), max_length=24, choices=RoundKind.choices)
    legal_number = models.CharField(_("số, ký hiệu văn bản"), max_length=64, blank=True)
    legal_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    legal_issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    base_year = models.PositiveSmallIntegerField(_("năm gốc (Y)"))
    period_start = models.PositiveSmallIntegerField(_("từ năm (S)"))
    period_end = models.PositiveSmallIntegerField(_("đến năm (E)"))
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=RoundStatus.choices, default=RoundStatus.DRAFT
    )
    copied_from = models.ForeignKey(
        "self", verbose_name=_("sao chép từ"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="copies",
    )
    row_scope = models.CharField(
        _("dòng của biểu theo trách nhiệm"), max_length=8, choices=RowScope.choices,
        default=RowScope.CONTEXT,
        help_text=_("Đơn vị chỉ nhập các chỉ tiêu được giao cho mình; các dòng khác chỉ để xem "
                    "hoặc không hiện."),
    )
    reminder_offsets = models.JSONField(
        _("nhắc hạn (ngày so với hạn nộp)"), default=list, blank=True,
        help_text=_("Số âm: trước hạn; số dương: sau hạn. Ví dụ [-3, 1, 3]."),
    )
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    opened_at = models.DateTimeField(_("mở lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("đợt báo cáo")
        verbose_name_plural = _("đợt báo cáo")
        ordering = ["-base_year", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(period_start__lte=F("period_end")),
                                   name="round_period"),
            models.CheckConstraint(condition=Q(status__in=RoundStatus.values), name="round_status"),
            models.CheckConstraint(condition=Q(kind__in=RoundKind.values), name="round_kind"),
            models.CheckConstraint(condition=~Q(copied_from=F("id")), name="round_not_own_copy"),
            models.CheckConstraint(condition=Q(row_scope__in=RowScope.values),
                                   name="round_row_scope"),
        ]

    def __str__(self) -> str:
        return self.title


class MilestoneActor(models.TextChoices):
    UNITS = "units", _("Các đơn vị")
    PLANNING_OFFICE = "planning_office", _("Cơ quan kế hoạch")
    PEOPLES_COMMITTEE = "peoples_committee", _("UBND tỉnh")
    PEOPLES_COUNCIL = "peoples_council", _("HĐND tỉnh")


class Milestone(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="milestones")
    name = models.CharField(_("nội dung"), max_length=400)
    date = models.DateField(_("thời hạn"))
    actor = models.CharField(_("thực hiện"), max_length=20, choices=MilestoneActor.choices)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("mốc thời gian")
        verbose_name_plural = _("mốc thời gian")
        ordering = ["round", "position", "date"]
        constraints = [
            models.CheckConstraint(condition=Q(actor__in=MilestoneActor.values),
                                   name="milestone_actor"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class TemplateKind(models.TextChoices):
    PL1_ANNUAL = "phu_luc_i_annual", _("Phụ lục I – biểu KT-XH cấp tỉnh (năm)")
    PL1_FIVE_YEAR = "phu_luc_i_five_year", _("Phụ lục I – biểu KT-XH cấp tỉnh (5 năm)")
    PL1_MID_YEAR = "phu_luc_i_mid_year", _("Phụ lục I – biểu KT-XH cấp tỉnh (6 tháng, ước năm)")
    PL2 = "phu_luc_ii", _("Phụ lục II – biểu KT-XH cấp xã")
    PL3 = "phu_luc_iii", _("Phụ lục III – đề xuất nhiệm vụ, dự án")


class FormTemplate(models.Model):
    code = models.SlugField(_("mã biểu"), max_length=64)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    name = models.CharField(_("tên biểu"), max_length=400)
    kind = models.CharField(_("loại biểu"), max_length=24, choices=TemplateKind.choices)
    description = models.TextField(_("hướng dẫn"), blank=True)

    class Meta:
        verbose_name = _("biểu mẫu")
        verbose_name_plural = _("biểu mẫu")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="formtemplate_code_version"),
            models.CheckConstraint(condition=Q(kind__in=TemplateKind.values),
                                   name="formtemplate_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (v{self.version})"

    @property
    def is_proposals(self) -> bool:
        return self.kind == TemplateKind.PL3


class TemplateRow(models.Model):
    template = models.ForeignKey(FormTemplate, on_delete=models.CASCADE, related_name="rows")
    position = models.PositiveIntegerField(_("thứ tự"))
    number = models.CharField(_("số thứ tự"), max_length=16, blank=True)
    label = models.CharField(_("nội dung"), max_length=400)
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name=_("chỉ tiêu"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="form_rows",
    )
    indent = models.PositiveSmallIntegerField(_("mức thụt lề"), default=0)
    required = models.BooleanField(_("bắt buộc"), default=False)

    class Meta:
        verbose_name = _("dòng biểu")
        verbose_name_plural = _("dòng biểu")
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="templaterow_position"),
            models.CheckConstraint(condition=Q(indicator__isnull=False) | Q(required=False),
                                   name="templaterow_heading_not_required"),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.label}"

    @property
    def is_heading(self) -> bool:
        return self.indicator_id is None

    @property
    def is_rate(self) -> bool:
        """A row whose indicator is itself a percentage: a rate, a growth rate or a share."""
        return self.indicator is not None and self.indicator.kind in RATE_KINDS


class ColumnSource(models.TextChoices):
    ENTERED = "entered", _("Đơn vị nhập")
    FROM_DATABASE = "from_database", _("Lấy từ số liệu chính thức")
    COMPUTED = "computed", _("Tính theo công thức")


class TemplateColumn(models.Model):
    template = models.ForeignKey(FormTemplate, on_delete=models.CASCADE, related_name="columns")
    position = models.PositiveIntegerField(_("thứ tự"))
    key = models.CharField(_("mã cột"), max_length=32)
    label_pattern = models.CharField(_("tiêu đề"), max_length=100)
    source = models.CharField(_("nguồn"), max_length=16, choices=ColumnSource.choices)
    value_kind = models.CharField(_("loại số liệu"), max_length=16, choices=ValueKind.choices,
                                  blank=True)
    period_pattern = models.CharField(_("kỳ"), max_length=32, blank=True,
                                      help_text=_("Ví dụ {Y-1}, {Y}, {Y}-H1, {S}-{E}"))
    formula = models.CharField(_("công thức"), max_length=500, blank=True)
    unit_label = models.CharField(_("đơn vị tính của cột"), max_length=32, blank=True,
                                  help_text=_("Để trống: theo đơn vị tính của chỉ tiêu; % cho cột tỷ lệ."))
    rate_formula = models.CharField(
        _("công thức cho chỉ tiêu tính bằng %"), max_length=500, blank=True,
        help_text=_("Dòng có chỉ tiêu tỷ lệ, tốc độ tăng, tỷ trọng (%): không chia tỷ lệ cho tỷ lệ "
                    "mà tính theo công thức này, ví dụ UTH_Y - KH_Y (chênh lệch, điểm %). "
                    "Để trống: như các dòng khác."))

    class Meta:
        verbose_name = _("cột biểu")
        verbose_name_plural = _("cột biểu")
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "position"], name="templatecolumn_position"),
            models.UniqueConstraint(fields=["template", "key"], name="templatecolumn_key"),
            models.CheckConstraint(
                condition=(Q(source="computed") & ~Q(formula=""))
                | (Q(source__in=["entered", "from_database"]) & ~Q(value_kind="")
                   & ~Q(period_pattern="")),
                name="templatecolumn_source_fields",
            ),
        ]

    def __str__(self) -> str:
        return self.key

    def formula_for(self, row: TemplateRow) -> str:
        """The formula of this computed column on ``row``: ``rate_formula`` on a row of a rate,
        growth rate or share (a percentage is never divided by a percentage), else ``formula``."""
        if self.rate_formula and row.is_rate:
            return self.rate_formula
        return self.formula


class SubmissionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    DRAFT = "draft", _("Đang nhập")
    SUBMITTED = "submitted", _("Đã gửi")
    RETURNED = "returned", _("Trả lại để sửa")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


class Submission(models.Model):
    """One unit's form in one round (the assignment and what the unit reported on it)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị báo cáo"),
                             on_delete=models.PROTECT, related_name="submissions")
    subject_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("số liệu của đơn vị"), on_delete=models.PROTECT,
        related_name="subject_submissions",
        help_text=_("Sở, ngành báo cáo số liệu của toàn tỉnh; xã báo cáo số liệu của xã."),
    )
    template = models.ForeignKey(FormTemplate, verbose_name=_("biểu mẫu"),
                                 on_delete=models.PROTECT, related_name="submissions")
    status = models.CharField(_("trạng thái"), max_length=12, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.NOT_STARTED)
    deadline = models.DateField(_("hạn nộp"))
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("tiếp nhận lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=1)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("biểu của đơn vị")
        verbose_name_plural = _("biểu của đơn vị")
        ordering = ["round", "unit__code", "template__code"]
        constraints = [
            models.UniqueConstraint(fields=["round", "unit", "template"],
                                    name="submission_unique"),
            models.CheckConstraint(condition=Q(status__in=SubmissionStatus.values),
                                   name="submission_status"),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "accepted"]) | Q(submitted_at__isnull=False),
                name="submission_submitted_at"),
            models.CheckConstraint(condition=~Q(status="accepted") | Q(accepted_at__isnull=False),
                                   name="submission_accepted_at"),
        ]

    def __str__(self) -> str:
        return f"{self.round.code} / {self.unit.code} / {self.template.code}"


class Cell(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="cells")
    row = models.ForeignKey(TemplateRow, on_delete=models.PROTECT, related_name="+")
    column = models.ForeignKey(TemplateColumn, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("giá trị"), max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES, null=True,
                                blank=True)
    note = models.TextField(_("giải trình"), blank=True)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("ô số liệu")
        verbose_name_plural = _("ô số liệu")
        constraints = [
            models.UniqueConstraint(fields=["submission", "row", "column"], name="cell_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="cell_version"),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}/{self.row_id}/{self.column_id}={self.value}"


class CellRevision(models.Model):
    cell = models.ForeignKey(Cell, on_delete=models.CASCADE, related_name="revisions")
    old_value = models.DecimalField(max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES, null=True, blank=True)
    new_value = models.DecimalField(max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES, null=True, blank=True)
    old_note = models.TextField(blank=True)
    new_note = models.TextField(blank=True)
    changed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    source = models.CharField(max_length=32, blank=True)  # web, api, xlsx

    class Meta:
        verbose_name = _("lịch sử ô số liệu")
        verbose_name_plural = _("lịch sử ô số liệu")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.cell_id}: {self.old_value} → {self.new_value}"


class Comment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    row = models.ForeignKey(TemplateRow, null=True, blank=True, on_delete=models.CASCADE,
                            related_name="+")
    column = models.ForeignKey(TemplateColumn, null=True, blank=True, on_delete=models.CASCADE,
                               related_name="+")
    section = models.ForeignKey("RoundSection", null=True, blank=True, on_delete=models.CASCADE,
                                related_name="comments")
    text = models.TextField(_("ý kiến"))
    author = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ý kiến")
        verbose_name_plural = _("ý kiến")
        ordering = ["at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(column__isnull=True) | Q(row__isnull=False),
                                   name="comment_column_needs_row"),
            models.CheckConstraint(condition=Q(section__isnull=True) | Q(row__isnull=True),
                                   name="comment_section_or_cell"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class SubmissionEvent(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(USER, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    from_status = models.CharField(max_length=12, choices=SubmissionStatus.choices)
    to_status = models.CharField(max_length=12, choices=SubmissionStatus.choices)
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("lịch sử xử lý")
        verbose_name_plural = _("lịch sử xử lý")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class ProposalKind(models.TextChoices):
    TASK = "task", _("Nhiệm vụ")
    PROJECT = "project", _("Dự án, đề án")


class ProposalItem(models.Model):
    """A line of Phụ lục III: a task or project the unit proposes for the action programme."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="proposals")
    position = models.PositiveIntegerField(_("thứ tự"))
    kind = models.CharField(_("loại"), max_length=8, choices=ProposalKind.choices)
    text = models.TextField(_("nội dung"))
    lead_unit = models.ForeignKey("units.Unit", verbose_name=_("đơn vị chủ trì"), null=True,
                                  blank=True, on_delete=models.PROTECT, related_name="+")
    coordinating_units = models.ManyToManyField("units.Unit", verbose_name=_("đơn vị phối hợp"),
                                                blank=True, related_name="+")
    period = models.CharField(_("thời gian thực hiện"), max_length=16, blank=True)
    product = models.CharField(_("sản phẩm"), max_length=400, blank=True)
    cost = models.DecimalField(_("kinh phí (tỷ đồng)"), max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES,
                               null=True, blank=True)

    class Meta:
        verbose_name = _("đề xuất nhiệm vụ, dự án")
        verbose_name_plural = _("đề xuất nhiệm vụ, dự án")
        ordering = ["submission", "position"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "position"], name="proposal_position"),
            models.CheckConstraint(condition=Q(cost__isnull=True) | Q(cost__gte=0),
                                   name="proposal_cost"),
            models.CheckConstraint(condition=Q(kind__in=ProposalKind.values), name="proposal_kind"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Severity(models.TextChoices):
    ERROR = "error", _("Lỗi (không gửi được)")
    WARNING = "warning", _("Cảnh báo")


class ValidationRule(models.Model):
    """A check written in the expression language.

    A template rule sees every cell as ``INDICATOR.COLUMN`` (``SHARE_AGRI.KH_NEXT``); an indicator
    rule is checked on each row of that indicator and sees the row's cells by column key
    (``UTH_Y``). A rule that evaluates to false reports ``message``; one that cannot be computed
    (a missing number) reports nothing.
    """

    template = models.ForeignKey(FormTemplate, null=True, blank=True, on_delete=models.CASCADE,
                                 related_name="rules")
    indicator = models.ForeignKey("indicators.Indicator", null=True, blank=True,
                                  on_delete=models.CASCADE, related_name="form_rules")
    code = models.SlugField(_("mã"), max_length=64)
    expression = models.CharField(_("biểu thức"), max_length=500)
    severity = models.CharField(_("mức độ"), max_length=8, choices=Severity.choices)
    message = models.CharField(_("thông báo"), max_length=400)
    column_key = models.CharField(_("cột báo lỗi"), max_length=32, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("quy tắc kiểm tra")
        verbose_name_plural = _("quy tắc kiểm tra")
        constraints = [
            models.CheckConstraint(
                condition=Q(template__isnull=False) | Q(indicator__isnull=False),
                name="rule_scope"),
            models.CheckConstraint(condition=Q(severity__in=Severity.values), name="rule_severity"),
            models.UniqueConstraint(fields=["template", "indicator", "code"], name="rule_code"),
        ]

    def __str__(self) -> str:
        return self.code


class ReminderLog(models.Model):
    """One reminder of one submission at one offset from its deadline: never sent twice."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="reminders")
    offset_days = models.SmallIntegerField(_("số ngày so với hạn"))
    queued_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.TextField(blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("nhắc hạn đã gửi")
        verbose_name_plural = _("nhắc hạn đã gửi")
        constraints = [
            models.UniqueConstraint(fields=["submission", "offset_days"], name="reminder_once"),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id} ({self.offset_days:+d})"


# --- the written part of a submission -------------------------------------------------------

class SectionKey(models.TextChoices):
    """The short list of text sections a round may ask units to write (as the directives do)."""

    RESULTS = "results", _("Kết quả đạt được")
    SHORTCOMINGS = "shortcomings", _("Tồn tại, hạn chế")
    CAUSES = "causes", _("Nguyên nhân (khách quan, chủ quan)")
    LESSONS = "lessons", _("Bài học kinh nghiệm")
    SOLUTIONS = "solutions", _("Nhiệm vụ, giải pháp")
    RECOMMENDATIONS = "recommendations", _("Đề xuất, kiến nghị")


#: The part of the province's report each section's compiled draft goes into.
REPORT_PART = {
    SectionKey.RESULTS: "I", SectionKey.SHORTCOMINGS: "II", SectionKey.CAUSES: "II",
    SectionKey.LESSONS: "II", SectionKey.SOLUTIONS: "III", SectionKey.RECOMMENDATIONS: "IV",
}


class RoundSection(models.Model):
    """A section of text the units write in a round, beside the table of their form(s)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(_("mục"), max_length=20, choices=SectionKey.choices)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tên mục"), max_length=200)
    guidance = models.TextField(_("hướng dẫn viết"), blank=True)
    max_words = models.PositiveIntegerField(
        _("độ dài khuyến nghị (số từ)"), null=True, blank=True,
        help_text=_("Vượt quá chỉ là cảnh báo, không chặn việc gửi."))

    class Meta:
        verbose_name = _("mục viết của đợt")
        verbose_name_plural = _("mục viết của đợt")
        ordering = ["round", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "key"], name="roundsection_key"),
            models.CheckConstraint(condition=Q(key__in=SectionKey.values),
                                   name="roundsection_key_choice"),
            models.CheckConstraint(condition=Q(max_words__isnull=True) | Q(max_words__gte=1),
                                   name="roundsection_max_words"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def report_part(self) -> str:
        return REPORT_PART[SectionKey(self.key)]


class SubmissionText(models.Model):
    """What one unit wrote for one section, on one of its submissions (same workflow as cells)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="texts")
    section = models.ForeignKey(RoundSection, on_delete=models.CASCADE, related_name="texts")
    text = models.TextField(_("nội dung"), blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("phần viết của đơn vị")
        verbose_name_plural = _("phần viết của đơn vị")
        ordering = ["submission", "section__position"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "section"], name="submissiontext_unique"),
            models.CheckConstraint(condition=Q(version__gte=1), name="submissiontext_version"),
        ]

    def __str__(self) -> str:
        return f"{self.submission_id}/{self.section_id}"


class SubmissionTextRevision(models.Model):
    text = models.ForeignKey(SubmissionText, on_delete=models.CASCADE, related_name="revisions")
    old_text = models.TextField(blank=True)
    new_text = models.TextField(blank=True)
    changed_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    changed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    source = models.CharField(max_length=32, blank=True)  # web, api, docx

    class Meta:
        verbose_name = _("lịch sử phần viết")
        verbose_name_plural = _("lịch sử phần viết")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.text_id} ({self.source})"


class CompiledSection(models.Model):
    """The province's draft of one section, compiled by the planning office from the units'
    texts: an ordered list of passages, each keeping the units it came from."""

    section = models.OneToOneField(RoundSection, on_delete=models.CASCADE,
                                   related_name="compiled")
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(USER, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        verbose_name = _("dự thảo tổng hợp của mục")
        verbose_name_plural = _("dự thảo tổng hợp của mục")

    def __str__(self) -> str:
        return str(self.section)


class CompiledPassage(models.Model):
    compiled = models.ForeignKey(CompiledSection, on_delete=models.CASCADE,
                                 related_name="passages")
    position = models.PositiveIntegerField(_("thứ tự"))
    text = models.TextField(_("nội dung"))
    sources = models.ManyToManyField("units.Unit", verbose_name=_("lấy từ đơn vị"), blank=True,
                                     related_name="+")

    class Meta:
        verbose_name = _("đoạn của dự thảo tổng hợp")
        verbose_name_plural = _("đoạn của dự thảo tổng hợp")
        ordering = ["compiled", "position"]
        constraints = [
            models.UniqueConstraint(fields=["compiled", "position"], name="compiledpassage_position"),
        ]

    def __str__(self) -> str:
        return self.text[:80]
