"""``/api/v1/dashboard/`` (the leaders' dashboard's data) and ``/api/v1/public/dashboard/`` (the
public dashboard's, without a login): the same selectors and choosers as the pages."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.params import query_one, query_year, year_parameter
from kehoach.core import permissions
from kehoach.core.gate import PublicRead, gate
from kehoach.dashboard.forms import DashboardForm, PublicDashboardForm
from kehoach.dashboard.leader import DashboardError, board_json, leader_dashboard
from kehoach.dashboard.public import public_dashboard, public_json

YEAR = year_parameter("Năm (mặc định: năm gần nhất có chỉ tiêu đánh giá được)")
PLAN = OpenApiParameter(
    "plan",
    str,
    required=False,
    description="Mã một kế hoạch của năm (mặc định: mọi kế hoạch của năm)",
)

INDICATOR = OpenApiParameter(
    "indicator",
    str,
    required=False,
    description="Mã chỉ tiêu để xếp hạng các xã, phường (mặc định: chỉ tiêu đầu tiên cần chú ý có số liệu xã)",
)


def _cleaned(request: Request, form_class: Any) -> dict[str, Any]:
    """The choosers, each given at most once, the year a whole year (``year=`` is not one)."""
    for name in form_class.base_fields:
        query_one(request, name)
    query_year(request)
    form = form_class(request.query_params)
    if not form.is_valid():
        raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
    return form.cleaned_data


LeaderDashboardSerializer = inline_serializer(
    "LeaderDashboard",
    {
        "year": serializers.IntegerField(),
        "years": serializers.ListField(child=serializers.IntegerField()),
        "plan": serializers.CharField(allow_null=True),
        "plans": serializers.ListField(child=serializers.DictField()),
        "summary": serializers.CharField(),
        "counts": serializers.DictField(),
        "outlook_counts": serializers.DictField(),
        "attention": serializers.ListField(
            child=serializers.DictField(),
            help_text=(
                "Chỉ tiêu không đạt, có nguy cơ không đạt, cần tăng tốc (theo thứ tự đó), mỗi chỉ tiêu "
                "với đơn vị chịu trách nhiệm (responsible_unit_name) và mức còn cần đạt (still_needed)"
            ),
        ),
        "targets": serializers.ListField(child=serializers.DictField()),
        "units": serializers.ListField(child=serializers.DictField()),
        "rounds": serializers.ListField(child=serializers.DictField()),
        "communes": serializers.DictField(help_text="Các xã, phường xếp hạng theo một chỉ tiêu"),
        "overdue_tasks": serializers.DictField(),
        "capital": serializers.DictField(),
    },
)

PublicDashboardSerializer = inline_serializer(
    "PublicDashboard",
    {
        "year": serializers.IntegerField(),
        "years": serializers.ListField(child=serializers.IntegerField()),
        "plans": serializers.ListField(
            child=serializers.DictField(),
            help_text=(
                "Kế hoạch đã công bố, mỗi kế hoạch với các chỉ tiêu, tình hình bằng lời (status_words) "
                "và số liệu mới nhất (latest: value, year, kind, source, date)"
            ),
        ),
        "consultations": serializers.ListField(child=serializers.DictField()),
    },
)


class LeaderDashboardApi(APIView):
    """The leaders' dashboard: the year's targets not met and at risk first (with the responsible
    unit and the rate still needed), every target with its series, the responsible units, the
    rounds' completeness, overdue tasks and capital disbursement by funding source."""

    permission_classes = [gate(read=permissions.can_see_leader_dashboard)]

    @extend_schema(parameters=[YEAR, PLAN, INDICATOR], responses=LeaderDashboardSerializer)
    def get(self, request: Request) -> Response:
        data = _cleaned(request, DashboardForm)
        try:
            board = leader_dashboard(
                user=request.user, year=data["year"], plan=data["plan"], indicator=data["indicator"]
            )
        except DashboardError as exc:
            raise ValidationError({exc.field: [str(exc)]}) from exc
        return Response(board_json(board))


class PublicDashboardApi(APIView):
    """The public dashboard, without a login: published plans only, their targets in plain
    words with the latest figures of record (source and date), and the consultations open now."""

    permission_classes = [PublicRead]

    @extend_schema(parameters=[YEAR], responses=PublicDashboardSerializer)
    def get(self, request: Request) -> Response:
        data = _cleaned(request, PublicDashboardForm)
        return Response(public_json(public_dashboard(year=data["year"])))
