"""``/api/v1/projects/…``: the priority project list, its capital plans and disbursement.

Every logged-in user reads; the planning office creates and changes projects and capital plans
(``version``: 409 on a conflicting edit); the unit that reports for a project (or the planning
office) records monthly disbursement — above the year's plan it is stored with a warning,
negative it is refused.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.fields import InputSerializer
from kehoach.api.params import query_one, query_year, year_parameter
from kehoach.core import permissions
from kehoach.core.gate import gate
from kehoach.plans.selectors import plan_find_for_user
from kehoach.projects import services
from kehoach.projects.models import FundingSource, Project, ProjectGroup, ProjectStatus
from kehoach.projects.selectors import (
    default_year,
    monthly_series,
    project_get_for_user,
    project_list,
    project_totals,
    project_years,
    rate,
)
from kehoach.units.models import Unit


class ProjectSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]
    location = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]
    investor_unit = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]
    year = serializers.SerializerMethodField()
    capital_plan = serializers.DecimalField(max_digits=24, decimal_places=6, read_only=True,
                                            default=None)
    disbursed = serializers.DecimalField(max_digits=24, decimal_places=6, read_only=True,
                                         default=None)
    rate = serializers.SerializerMethodField(help_text="disbursed / capital plan of the year, %")

    class Meta:
        model = Project
        fields = ("id", "plan", "number", "name", "sector", "location", "investor",
                  "investor_unit", "funding_source", "group", "total_investment", "phase",
                  "status", "tasks", "targets", "note", "version", "year", "capital_plan",
                  "disbursed", "rate")

    def get_year(self, project: Any) -> int | None:
        return self.context.get("year")

    def get_rate(self, project: Any) -> Decimal | None:
        return rate(getattr(project, "disbursed", None), getattr(project, "capital_plan", None))


class ProjectInputSerializer(InputSerializer):
    plan = serializers.CharField(required=False, help_text="plan code (creation only)")
    number = serializers.CharField(max_length=16, required=False, allow_blank=True)
    name = serializers.CharField(max_length=500)
    sector = serializers.CharField(max_length=120)
    location = serializers.CharField(required=False, allow_blank=True, help_text="unit code or name")
    investor = serializers.CharField(max_length=255, required=False, allow_blank=True)
    investor_unit = serializers.CharField(required=False, allow_blank=True)
    funding_source = serializers.ChoiceField(FundingSource.choices)
    group = serializers.ChoiceField(ProjectGroup.choices, required=False, allow_blank=True)
    total_investment = serializers.DecimalField(max_digits=24, decimal_places=6, required=False,
                                                allow_null=True)
    phase = serializers.CharField(max_length=9)
    status = serializers.ChoiceField(ProjectStatus.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(required=False)


class AmountSerializer(InputSerializer):
    amount = serializers.DecimalField(max_digits=24, decimal_places=6, help_text="tỷ đồng")


def _year(request: Request) -> int:
    """``?year=`` (a year that is not one is a 400), by default the current year of record."""
    return query_year(request) or default_year()


def _input(request: Request, *, partial: bool) -> dict[str, Any]:
    from kehoach.units.selectors import unit_match, unit_not_found_message

    serializer = ProjectInputSerializer(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    data = dict(serializer.validated_data)
    for name in ("location", "investor_unit"):
        if data.get(name):
            unit, suggestions = unit_match(ref=data[name])
            if unit is None:
                raise ValidationError({name: unit_not_found_message(ref=data[name],
                                                                    suggestions=suggestions)})
            data[name] = unit
        elif name in data:
            data[name] = None
    return data


@extend_schema(parameters=[year_parameter(), *(OpenApiParameter(n, str) for n in
                           ("plan", "source", "sector", "phase", "status", "unit", "q"))])
class ProjectListApi(generics.ListCreateAPIView):
    serializer_class = ProjectSerializer
    permission_classes = [gate(write=permissions.can_edit_projects)]

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "year": _year(self.request)}

    def get_queryset(self):
        p = self.request.query_params
        plan = plan_find_for_user(user=self.request.user, code=p.get("plan", ""))
        unit = Unit.objects.filter(code=p.get("unit", "")).first() if p.get("unit") else None
        return project_list(user=self.request.user, plan=plan, year=_year(self.request),
                            source=p.get("source", ""), sector=p.get("sector", ""),
                            phase=p.get("phase", ""), status=p.get("status", ""), unit=unit,
                            q=p.get("q", ""))

    @extend_schema(request=ProjectInputSerializer, responses={201: ProjectSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _input(request, partial=False)
        data.pop("version", None)
        plan = plan_find_for_user(user=request.user, code=data.pop("plan", ""))
        if plan is None:
            raise ValidationError({"plan": _("Không có kế hoạch này.")})
        project = services.project_create(actor=request.user, plan=plan, **data)
        return Response(ProjectSerializer(project).data, status=status.HTTP_201_CREATED)


class ProjectDetailApi(generics.RetrieveUpdateAPIView):
    serializer_class = ProjectSerializer
    permission_classes = [IsAuthenticated]

    def get_object(self) -> Project:
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        project = project_get_for_user(user=self.request.user, pk=self.kwargs["pk"], write=write)
        return project_list(user=self.request.user, year=_year(self.request)).get(pk=project.pk)

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "year": _year(self.request)}

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        project = self.get_object()
        data = _input(request, partial=kwargs.get("partial", False))
        data.pop("plan", None)
        version = data.pop("version", None)
        # a ProjectConflict answers 409 naming who changed what (kehoach.api.errors)
        services.project_update(project=project, actor=request.user, version=version, **data)
        return Response(ProjectSerializer(self.get_object(), context=self.get_serializer_context()).data)

    @extend_schema(request=ProjectInputSerializer, responses=ProjectSerializer)
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().patch(request, *args, **kwargs)

    @extend_schema(request=ProjectInputSerializer, responses=ProjectSerializer)
    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().put(request, *args, **kwargs)


class ProjectYearsApi(APIView):
    """Per year: capital plan, disbursement by month, total and rate."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=inline_serializer("ProjectYear", {
        "year": serializers.IntegerField(),
        "plan": serializers.FloatField(allow_null=True, help_text="capital plan, tỷ đồng"),
        "months": serializers.DictField(child=serializers.FloatField(),
                                        help_text="month (1-12) → disbursed, tỷ đồng"),
        "disbursed": serializers.FloatField(),
        "rate": serializers.FloatField(allow_null=True, help_text="disbursed / plan, %"),
        "over": serializers.BooleanField(help_text="disbursed more than planned"),
    }, many=True))
    def get(self, request: Request, pk: int) -> Response:
        project = project_get_for_user(user=request.user, pk=pk)
        return Response([{**y, "months": {str(m): v for m, v in y["months"].items()}}
                         for y in project_years(project=project)])


class CapitalPlanApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=AmountSerializer, responses=dict)
    def put(self, request: Request, pk: int, year: int) -> Response:
        project = project_get_for_user(user=request.user, pk=pk, write=True)
        serializer = AmountSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row = services.capital_plan_set(project=project, actor=request.user, year=year,
                                        amount=serializer.validated_data["amount"])
        return Response({"year": row.year, "amount": row.amount})


class DisbursementApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=AmountSerializer, responses=dict)
    def put(self, request: Request, pk: int, year: int, month: int) -> Response:
        project = project_get_for_user(user=request.user, pk=pk, disburse=True)
        serializer = AmountSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        row, warning = services.disbursement_set(project=project, actor=request.user, year=year,
                                                 month=month,
                                                 amount=serializer.validated_data["amount"])
        return Response({"year": row.year, "month": row.month, "amount": row.amount,
                         "warning": warning})


class ProjectTotalsApi(APIView):
    """Totals by source, sector, phase and unit, the plan's needs, and the monthly series."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[OpenApiParameter("plan", str, description=(
                       "a plan's code (an unknown one is a 400); none: every plan")),
                               year_parameter("default: the current year")],
                   responses=dict)
    def get(self, request: Request) -> Response:
        code = (query_one(request, "plan") or "").strip()
        plan = plan_find_for_user(user=request.user, code=code)
        if code and plan is None:
            raise ValidationError({"plan": [_("Không có kế hoạch mã “%(c)s”.") % {
                "c": code[:64]}]})
        year = _year(request)
        projects = list(project_list(user=request.user, plan=plan, year=year))
        totals = project_totals(projects=projects, year=year, plan=plan)

        def rows(items: list[Any]) -> list[dict[str, Any]]:
            return [{"key": t.key, "label": t.label, "count": t.count, "investment": t.investment,
                     "capital_plan": t.capital_plan, "disbursed": t.disbursed, "rate": t.rate,
                     "need": t.need, "need_wording": t.need_wording} for t in items]

        return Response({
            "year": year, "all": rows([totals.all])[0], "by_source": rows(totals.by_source),
            "by_sector": rows(totals.by_sector), "by_phase": rows(totals.by_phase),
            "by_unit": rows(totals.by_unit), "needs": rows(totals.needs),
            "monthly": monthly_series(projects=projects, year=year)["series"],
        })
