"""``/api/v1/plans/``, ``/api/v1/plans/{code}/targets/`` and ``/api/v1/targets/{id}/``.

Anyone may read published plans and their targets; drafts only the province-wide roles (404 for
the others). Writes: the planning office.
"""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from kehoach.api.exports import ExchangeExportApi, export_schema, query_text
from kehoach.api.fields import InputSerializer
from kehoach.api.params import query_choice, query_year, year_parameter
from kehoach.core import permissions
from kehoach.core.constants import (
    NUMBER_DIGITS,
    NUMBER_PLACES,
    TOLERANCE_DIGITS,
    YEAR_MAX,
    YEAR_MIN,
)
from kehoach.core.gate import PublicRead, gate
from kehoach.indicators.selectors import indicators_by_code
from kehoach.plans import services
from kehoach.plans.importing import PLAN_SPEC, TARGET_SPEC
from kehoach.plans.models import (
    Comparator,
    Phrasing,
    Plan,
    PlanKind,
    PlanStatus,
    Target,
    TargetType,
)
from kehoach.plans.selectors import (
    plan_export_rows,
    plan_get_for_user,
    plan_list_filtered,
    target_export_rows,
    target_get_for_user,
    target_list,
)
from kehoach.plans.wording import target_wording
from kehoach.units.models import Unit


class PlanSerializer(serializers.ModelSerializer):
    unit: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[assignment,var-annotated]

    class Meta:
        model = Plan
        fields = ("code", "name", "kind", "start_year", "end_year", "unit", "parent", "document",
                  "document_date", "issuer", "status", "goal", "version")
        read_only_fields = ("version",)


class PlanInputSerializer(InputSerializer):
    code = serializers.CharField(max_length=64)
    name = serializers.CharField(max_length=500)
    kind = serializers.ChoiceField(PlanKind.choices)
    start_year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    end_year = serializers.IntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    unit = serializers.CharField(help_text="unit code")
    parent = serializers.CharField(  # type: ignore[assignment]
        required=False, allow_blank=True, allow_null=True, help_text="parent plan code")
    document = serializers.CharField(max_length=64, required=False, allow_blank=True)
    document_date = serializers.DateField(required=False, allow_null=True)
    issuer = serializers.CharField(max_length=255, required=False, allow_blank=True)
    status = serializers.ChoiceField(PlanStatus.choices, required=False)
    goal = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(
        required=False, min_value=1,
        help_text="the version you loaded: 409 if someone saved the plan since (ignored on create)")


class TargetSerializer(serializers.ModelSerializer):
    plan: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    indicator: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True)
    indicator_name = serializers.CharField(source="indicator.name_vi", read_only=True)
    unit: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    responsible_unit: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", read_only=True, help_text="code of the unit that answers for the target")
    responsible_unit_name = serializers.CharField(source="responsible_unit.name", read_only=True,
                                                  default=None)
    text = serializers.SerializerMethodField(help_text="the target in words (current language)")

    class Meta:
        model = Target
        fields = ("id", "plan", "indicator", "indicator_name", "unit", "period", "start_year",
                  "end_year", "comparator", "value", "value_max", "target_type", "tolerance",
                  "wording", "phrasing", "note", "position", "responsible_unit",
                  "responsible_unit_name", "text", "version")
        read_only_fields = ("version",)

    def get_text(self, target: Target) -> str:
        return target_wording(target)


class TargetInputSerializer(InputSerializer):
    indicator = serializers.CharField(help_text="indicator code")
    unit = serializers.CharField(help_text="unit code")
    period = serializers.CharField(max_length=16)
    comparator = serializers.ChoiceField(Comparator.choices)
    value = serializers.DecimalField(max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES)
    value_max = serializers.DecimalField(max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES, required=False,
                                         allow_null=True)
    target_type = serializers.ChoiceField(TargetType.choices, required=False)
    tolerance = serializers.DecimalField(max_digits=TOLERANCE_DIGITS, decimal_places=NUMBER_PLACES, required=False,
                                         allow_null=True)
    wording = serializers.CharField(max_length=500, required=False, allow_blank=True)
    phrasing = serializers.ChoiceField(Phrasing.choices, required=False, allow_blank=True,
                                       help_text="the document's word: maintain (duy trì), "
                                                 "or_more (trở lên), or_less (trở xuống)")
    note = serializers.CharField(required=False, allow_blank=True)
    position = serializers.IntegerField(min_value=0, required=False)
    responsible_unit = serializers.CharField(
        required=False, allow_blank=True, allow_null=True,
        help_text="code of the unit that answers for the target (valid in its period); blank: none")
    version = serializers.IntegerField(
        required=False, min_value=1,
        help_text="the version you loaded: 409 if someone saved the target since (ignored on create)")


def _resolve(data: dict[str, Any], lookups: dict[str, Any]) -> dict[str, Any]:
    """Replace codes by objects (``lookups``: field → function code → object or None)."""
    errors = {}
    for name, find in lookups.items():
        if name not in data:
            continue
        code = (data[name] or "").strip()
        data[name] = find(code) if code else None
        if code and data[name] is None:
            errors[name] = [_("Không tìm thấy mã “%(c)s”.") % {"c": code}]
    if errors:
        raise ValidationError(errors)
    return data


def _plan_input(request: Request, *, partial: bool) -> dict[str, Any]:
    serializer = PlanInputSerializer(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return _resolve(dict(serializer.validated_data), {
        "unit": lambda c: Unit.objects.filter(code=c).first(),
        "parent": lambda c: Plan.objects.filter(code=c).first(),
    })


def _target_input(request: Request, *, partial: bool) -> dict[str, Any]:
    serializer = TargetInputSerializer(data=request.data, partial=partial)
    serializer.is_valid(raise_exception=True)
    return _resolve(dict(serializer.validated_data), {
        "indicator": lambda c: indicators_by_code([c]).get(c),
        "unit": lambda c: Unit.objects.filter(code=c).first(),
        "responsible_unit": lambda c: Unit.objects.filter(code=c).first(),
    })


@extend_schema(parameters=[
    OpenApiParameter("kind", str, enum=PlanKind.values),
    OpenApiParameter("status", str, enum=PlanStatus.values),
    year_parameter("plans covering this year"),
    OpenApiParameter("q", str),
])
class PlanListApi(generics.ListCreateAPIView):
    """Published plans are public; creating one is for the planning office."""

    permission_classes = [gate(read=permissions.anyone, write=permissions.can_edit_plans)]
    serializer_class = PlanSerializer

    def get_queryset(self):
        return _export_plans(self.request)

    @extend_schema(request=PlanInputSerializer, responses={201: PlanSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = _plan_input(request, partial=False)
        data.pop("version", None)
        plan = services.plan_create(actor=request.user, **data)
        return Response(PlanSerializer(plan).data, status=status.HTTP_201_CREATED)


class PlanDetailApi(generics.RetrieveUpdateAPIView):
    permission_classes = [PublicRead]
    serializer_class = PlanSerializer

    def get_object(self) -> Plan:
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return plan_get_for_user(user=self.request.user, code=self.kwargs["code"], write=write)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        plan = self.get_object()
        changes = _plan_input(request, partial=kwargs.get("partial", False))
        version = changes.pop("version", None)
        plan, _changed = services.plan_update(
            plan=plan, actor=request.user, data=cast(services.PlanChanges, changes), version=version)
        return Response(PlanSerializer(plan).data)

    @extend_schema(request=PlanInputSerializer, responses=PlanSerializer)
    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().put(request, *args, **kwargs)

    @extend_schema(request=PlanInputSerializer, responses=PlanSerializer)
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().patch(request, *args, **kwargs)


class PlanTargetsApi(generics.ListCreateAPIView):
    permission_classes = [PublicRead]
    serializer_class = TargetSerializer

    def plan(self, write: bool = False) -> Plan:
        return plan_get_for_user(user=self.request.user, code=self.kwargs["code"], write=write)

    def get_queryset(self):
        return target_list(plan=self.plan())

    @extend_schema(request=TargetInputSerializer, responses={201: TargetSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        plan = self.plan(write=True)
        data = _target_input(request, partial=False)
        data.pop("version", None)
        target = services.target_create(actor=request.user, plan=plan, **data)
        return Response(TargetSerializer(target).data, status=status.HTTP_201_CREATED)


class TargetDetailApi(generics.RetrieveUpdateDestroyAPIView):
    permission_classes = [PublicRead]
    serializer_class = TargetSerializer

    def get_object(self) -> Target:
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return target_get_for_user(user=self.request.user, pk=self.kwargs["pk"], write=write)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        target = self.get_object()
        changes = _target_input(request, partial=kwargs.get("partial", False))
        version = changes.pop("version", None)
        target, _changed = services.target_update(
            target=target, actor=request.user, data=cast(services.TargetChanges, changes),
            version=version)
        return Response(TargetSerializer(target).data)

    def perform_destroy(self, instance: Target) -> None:
        services.target_delete(target=instance, actor=self.request.user)

    @extend_schema(request=TargetInputSerializer, responses=TargetSerializer)
    def put(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().put(request, *args, **kwargs)

    @extend_schema(request=TargetInputSerializer, responses=TargetSerializer)
    def patch(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().patch(request, *args, **kwargs)


class TargetChangeSerializer(InputSerializer):
    id = serializers.IntegerField()
    comparator = serializers.ChoiceField(Comparator.choices, required=False)
    value = serializers.DecimalField(max_digits=24, decimal_places=6, required=False)
    value_max = serializers.DecimalField(max_digits=24, decimal_places=6, required=False,
                                         allow_null=True)


class RevisionInputSerializer(InputSerializer):
    document = serializers.CharField(max_length=64)
    document_date = serializers.DateField()
    effective_from = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True)
    targets = TargetChangeSerializer(many=True)


class AdoptInputSerializer(InputSerializer):
    document = serializers.CharField(max_length=64)
    document_date = serializers.DateField()


class PlanAdoptApi(generics.GenericAPIView):
    """The plan was adopted: its document number and date (status approved)."""

    serializer_class = AdoptInputSerializer

    @extend_schema(request=AdoptInputSerializer, responses=PlanSerializer)
    def post(self, request: Request, code: str) -> Response:
        plan = plan_get_for_user(user=request.user, code=code, write=True)
        data = AdoptInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        plan = services.plan_adopt(actor=request.user, plan=plan, **data.validated_data)
        return Response(PlanSerializer(plan).data)


class PlanRevisionApi(generics.GenericAPIView):
    """A revision (điều chỉnh) of an adopted plan: new targets from ``effective_from``; the
    earlier ones stay and are used for the years before."""

    serializer_class = RevisionInputSerializer

    @extend_schema(request=RevisionInputSerializer, responses={201: TargetSerializer(many=True)})
    def post(self, request: Request, code: str) -> Response:
        plan = plan_get_for_user(user=request.user, code=code, write=True)
        data = RevisionInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        changes = {c.pop("id"): c for c in (dict(t) for t in values.pop("targets"))}
        revision = services.plan_revise(actor=request.user, plan=plan, changes=changes, **values)
        return Response(TargetSerializer(revision.targets.all(), many=True).data,
                        status=status.HTTP_201_CREATED)


PLAN_FILTERS = [
    OpenApiParameter("kind", str, enum=PlanKind.values),
    OpenApiParameter("status", str, enum=PlanStatus.values),
    year_parameter("plans covering this year"),
    OpenApiParameter("q", str),
]


def _export_plans(request: Request) -> Any:
    """The plans the caller sees, filtered; a filter value that means nothing is a 400 (not a
    silently unfiltered list)."""
    year = query_year(request)  # ``year=``, ``kind=`` or a filter given twice: 400 too
    kind = query_choice(request, "kind", PlanKind.values) or ""
    status = query_choice(request, "status", PlanStatus.values) or ""
    return plan_list_filtered(user=request.user, kind=kind, status=status,
                              year=str(year or ""), query=query_text(request, "q"))


@export_schema(summary="The plans the caller sees as the plans exchange file",
               parameters=PLAN_FILTERS)
class PlanExportApi(ExchangeExportApi):
    columns = PLAN_SPEC.columns
    name = "ke-hoach"

    def rows(self, request: Request) -> Any:
        return plan_export_rows(plans=_export_plans(request))


@export_schema(summary="Targets of the plans the caller sees (or of one plan) as the targets file",
               parameters=[OpenApiParameter("plan", str, description="only this plan's targets"),
                           *PLAN_FILTERS])
class TargetExportApi(ExchangeExportApi):
    columns = TARGET_SPEC.columns

    def file_name(self, request: Request) -> str:
        code = query_text(request, "plan")
        return f"chi-tieu-{code}" if code else "chi-tieu-ke-hoach"

    def rows(self, request: Request) -> Any:
        plans = _export_plans(request)
        code = query_text(request, "plan")
        if code:
            plan = plan_get_for_user(user=request.user, code=code)
            plans = Plan.objects.filter(pk=plan.pk)
        return target_export_rows(plans=plans)
