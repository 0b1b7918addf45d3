"""``/api/v1/indicators/``: list (filter by group, accent-insensitive search), detail by code,
create and update for the planning office."""

from __future__ import annotations

from typing import Any, cast

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from kehoach.api.exports import ExchangeExportApi, export_schema, query_text
from kehoach.api.fields import InputSerializer
from kehoach.api.params import query_choice
from kehoach.core import permissions
from kehoach.core.constants import NUMBER_PLACES, TOLERANCE_DIGITS
from kehoach.core.gate import gate
from kehoach.indicators import services
from kehoach.indicators.importing import COLUMNS
from kehoach.indicators.models import Aggregation, Direction, Group, Indicator, Kind
from kehoach.indicators.selectors import (
    indicator_export_rows,
    indicator_get_for_user,
    indicator_list_for_user,
    indicator_references,
)


class IndicatorSerializer(serializers.ModelSerializer):
    weight: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    numerator: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    denominator: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    responsible_unit: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True)

    class Meta:
        model = Indicator
        fields = ("code", "name_vi", "name_en", "group", "unit", "kind", "direction",
                  "aggregation", "weight", "numerator", "denominator", "formula", "decimals",
                  "tolerance", "responsible_unit", "sdg", "position", "is_active")


class IndicatorInputSerializer(InputSerializer):
    """What a client sends; codes name the weight, numerator and denominator indicators."""

    code = serializers.CharField(max_length=64)
    name_vi = serializers.CharField(max_length=400)
    name_en = serializers.CharField(max_length=400, required=False, allow_blank=True)
    group = serializers.ChoiceField(Group.choices)
    unit = serializers.CharField(max_length=64, required=False, allow_blank=True)
    kind = serializers.ChoiceField(Kind.choices)
    direction = serializers.ChoiceField(Direction.choices)
    aggregation = serializers.ChoiceField(Aggregation.choices)
    weight = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    numerator = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    denominator = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    formula = serializers.CharField(max_length=500, required=False, allow_blank=True)
    decimals = serializers.IntegerField(min_value=0, max_value=6, required=False)
    tolerance = serializers.DecimalField(max_digits=TOLERANCE_DIGITS, decimal_places=NUMBER_PLACES, min_value=0,
                                         required=False, allow_null=True)
    sdg = serializers.CharField(max_length=64, required=False, allow_blank=True)
    position = serializers.IntegerField(min_value=0, required=False)
    is_active = serializers.BooleanField(required=False)


def _input(request: Request, *, partial: bool) -> dict[str, Any]:
    serializer = IndicatorInputSerializer(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return indicator_references(dict(serializer.validated_data))


@extend_schema(parameters=[
    OpenApiParameter("group", str, enum=Group.values),
    OpenApiParameter("q", str, description="search in code and names, accents ignored"),
])
class IndicatorListApi(generics.ListCreateAPIView):
    serializer_class = IndicatorSerializer
    permission_classes = [gate(write=permissions.can_edit_reference_data)]

    def get_queryset(self):
        params = self.request.query_params
        group = query_choice(self.request, "group", Group.values) or ""  # ``group=``: 400 too
        return indicator_list_for_user(
            user=self.request.user, group=group, query=params.get("q", "")
        )

    @extend_schema(request=IndicatorInputSerializer, responses={201: IndicatorSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        indicator = services.indicator_create(actor=request.user, **_input(request, partial=False))
        return Response(IndicatorSerializer(indicator).data, status=status.HTTP_201_CREATED)


class IndicatorDetailApi(generics.RetrieveUpdateAPIView):
    serializer_class = IndicatorSerializer
    permission_classes = [IsAuthenticated]

    def get_object(self) -> Indicator:
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return indicator_get_for_user(user=self.request.user, code=self.kwargs["code"], write=write)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        indicator = self.get_object()
        changes = _input(request, partial=kwargs.get("partial", False))
        indicator, _changed = services.indicator_update(
            indicator=indicator, actor=request.user, data=cast(services.IndicatorChanges, changes)
        )
        return Response(IndicatorSerializer(indicator).data)

    @extend_schema(request=IndicatorInputSerializer, responses=IndicatorSerializer)
    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().put(request, *args, **kwargs)

    @extend_schema(request=IndicatorInputSerializer, responses=IndicatorSerializer)
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().patch(request, *args, **kwargs)


@export_schema(summary="The indicator catalogue (filtered as the list page: group, q) as the "
                       "indicators exchange file",
               parameters=[OpenApiParameter("group", str, enum=Group.values),
                           OpenApiParameter("q", str, description="accent-insensitive search "
                                                                  "of code and names")])
class IndicatorExportApi(ExchangeExportApi):
    columns = COLUMNS
    name = "chi-tieu"

    def rows(self, request: Request) -> Any:
        group = query_choice(request, "group", Group.values) or ""  # an unknown group: 400
        shown = indicator_list_for_user(user=request.user, group=group,
                                        query=query_text(request, "q"))
        return indicator_export_rows(indicators=shown)
