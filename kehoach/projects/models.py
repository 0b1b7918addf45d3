"""Priority investment projects: the list, the yearly capital plan, monthly disbursement, and the
plan's stated resource needs the totals are compared with. Amounts are in tỷ đồng."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class FundingSource(models.TextChoices):
    CENTRAL = "nsnn_tw", _("NSNN trung ương")
    LOCAL = "nsnn_dp", _("NSNN địa phương")
    ODA = "oda", _("ODA")
    PPP = "ppp", _("PPP")
    NON_BUDGET = "ngoai_ns", _("Ngoài ngân sách")


STATE_BUDGET = (FundingSource.CENTRAL, FundingSource.LOCAL)


class ProjectGroup(models.TextChoices):
    NATIONAL = "national", _("Quan trọng quốc gia")
    A = "A", _("Nhóm A")
    B = "B", _("Nhóm B")
    C = "C", _("Nhóm C")


class ProjectStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đề xuất")
    APPROVED = "approved", _("Đã phê duyệt chủ trương")
    PREPARING = "preparing", _("Chuẩn bị đầu tư")
    BUILDING = "building", _("Đang thi công")
    DONE = "done", _("Hoàn thành")
    STOPPED = "stopped", _("Dừng")


class Project(models.Model):
    plan = models.ForeignKey("plans.Plan", verbose_name=_("kế hoạch"), on_delete=models.CASCADE,
                             related_name="projects")
    number = models.CharField(_("số thứ tự"), max_length=16, blank=True)
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tên dự án"), max_length=500)
    sector = models.CharField(_("lĩnh vực"), max_length=120)
    location = models.ForeignKey("units.Unit", verbose_name=_("địa điểm"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="located_projects")
    investor = models.CharField(_("chủ đầu tư"), max_length=255, blank=True)
    investor_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị báo cáo giải ngân"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="invested_projects")
    funding_source = models.CharField(_("nguồn vốn"), max_length=10,
                                      choices=FundingSource.choices)
    group = models.CharField(_("nhóm dự án"), max_length=10, choices=ProjectGroup.choices,
                             blank=True)
    total_investment = models.DecimalField(_("tổng mức đầu tư (tỷ đồng)"), null=True, blank=True,
                                           max_digits=24, decimal_places=6)
    phase = models.CharField(_("giai đoạn"), max_length=9)
    start_year = models.PositiveSmallIntegerField(editable=False)
    end_year = models.PositiveSmallIntegerField(editable=False)
    status = models.CharField(_("tình trạng"), max_length=10, choices=ProjectStatus.choices,
                              default=ProjectStatus.PROPOSED)
    targets = models.ManyToManyField("plans.Target", verbose_name=_("chỉ tiêu phục vụ"),
                                     blank=True, related_name="projects")
    tasks = models.ManyToManyField("tasks.Task", verbose_name=_("nhiệm vụ liên quan"), blank=True,
                                   related_name="projects")
    note = models.TextField(_("ghi chú"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("dự án")
        verbose_name_plural = _("dự án")
        ordering = ["plan", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "name"], name="project_name_unique"),
            models.CheckConstraint(condition=Q(total_investment__isnull=True)
                                   | Q(total_investment__gte=0), name="project_total"),
            models.CheckConstraint(condition=Q(funding_source__in=FundingSource.values),
                                   name="project_source"),
            models.CheckConstraint(condition=Q(status__in=ProjectStatus.values),
                                   name="project_status"),
            models.CheckConstraint(condition=Q(start_year__lte=models.F("end_year")),
                                   name="project_years"),
        ]

    def __str__(self) -> str:
        return self.name


class CapitalPlan(models.Model):
    """The capital planned for a project in one year (kế hoạch vốn năm)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="capital_plans")
    year = models.PositiveSmallIntegerField(_("năm"))
    amount = models.DecimalField(_("kế hoạch vốn (tỷ đồng)"), max_digits=24, decimal_places=6)

    class Meta:
        verbose_name = _("kế hoạch vốn năm")
        verbose_name_plural = _("kế hoạch vốn năm")
        ordering = ["project", "year"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year"], name="capital_plan_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="capital_plan_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.year}"


class Disbursement(models.Model):
    """The capital disbursed in one month (giải ngân trong tháng, not cumulative)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="disbursements")
    year = models.PositiveSmallIntegerField(_("năm"))
    month = models.PositiveSmallIntegerField(_("tháng"))
    amount = models.DecimalField(_("giải ngân (tỷ đồng)"), max_digits=24, decimal_places=6)

    class Meta:
        verbose_name = _("giải ngân")
        verbose_name_plural = _("giải ngân")
        ordering = ["project", "year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "month"], name="disbursement_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="disbursement_amount"),
            models.CheckConstraint(condition=Q(month__gte=1) & Q(month__lte=12),
                                   name="disbursement_month"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id} {self.month:02d}/{self.year}"


class NeedScope(models.TextChoices):
    STATE_BUDGET = "nsnn", _("Vốn NSNN (trung ương và địa phương)")
    ALL = "all", _("Tổng vốn đầu tư toàn xã hội")
    CENTRAL = "nsnn_tw", _("NSNN trung ương")
    LOCAL = "nsnn_dp", _("NSNN địa phương")
    ODA = "oda", _("ODA")
    PPP = "ppp", _("PPP")
    NON_BUDGET = "ngoai_ns", _("Ngoài ngân sách")


class ResourceNeed(models.Model):
    """The capital a plan says it needs ("trên 105.000 tỷ đồng" of NSNN for 2021-2030)."""

    plan = models.ForeignKey("plans.Plan", on_delete=models.CASCADE, related_name="resource_needs")
    scope = models.CharField(_("nguồn vốn"), max_length=10, choices=NeedScope.choices)
    phase = models.CharField(_("giai đoạn"), max_length=9)
    amount = models.DecimalField(_("nhu cầu vốn (tỷ đồng)"), max_digits=24, decimal_places=6)
    wording = models.CharField(_("cách viết trong văn bản"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("nhu cầu vốn của kế hoạch")
        verbose_name_plural = _("nhu cầu vốn của kế hoạch")
        constraints = [
            models.UniqueConstraint(fields=["plan", "scope", "phase"], name="resource_need_once"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="resource_need_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.scope} {self.phase}"
