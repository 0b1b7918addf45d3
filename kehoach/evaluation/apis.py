"""``/api/v1/plans/{code}/evaluation/``, ``/api/v1/consolidation/`` and status overrides."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.fields import InputSerializer, refuse_fields_outside
from kehoach.api.pagination import Pagination
from kehoach.api.params import query_bool, query_year, year_parameter
from kehoach.core.models import AnyUser
from kehoach.evaluation import selectors
from kehoach.evaluation.forms import (
    ConsolidationForm,
    EvaluationFilterForm,
    OverrideForm,
    YearFilterForm,
)
from kehoach.evaluation.services import (
    consolidate,
    override_clear,
    override_set,
    plan_evaluate,
    year_evaluate,
    year_rows_filtered,
)
from kehoach.evaluation.services.evaluation import override_json
from kehoach.evaluation.services.judgements import (
    judgement_disagrees,
    judgement_expected,
    judgement_json,
)
from kehoach.evaluation.views import default_year
from kehoach.plans.selectors import plan_get_for_user


def _form_or_400(form) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
    return form.cleaned_data


def _unit(user: AnyUser, code: str):
    return selectors.evaluation_unit_get_for_user(user=user, code=code) if code else None


class EvaluationSerializer(serializers.Serializer):  # schema only
    plan = serializers.CharField()
    year = serializers.IntegerField()
    unit = serializers.CharField(allow_null=True)
    counts = serializers.DictField()
    counts_with_overrides = serializers.DictField()
    items = serializers.ListField(child=serializers.DictField())


class PlanEvaluationApi(APIView):
    """Every target of the plan for the year: the ``kehoach evaluate --format json`` items and
    the counts ("X/Y chỉ tiêu đạt và vượt")."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=EvaluationSerializer, parameters=[
        OpenApiParameter("year", int, required=False), OpenApiParameter("unit", str, required=False)])
    def get(self, request: Request, code: str) -> Response:
        plan = plan_get_for_user(user=request.user, code=code)
        data = _form_or_400(EvaluationFilterForm(request.query_params))
        unit = _unit(request.user, data["unit"])
        year = data["year"] or default_year(plan)
        result = plan_evaluate(plan=plan, year=year, unit=unit, user=request.user)
        return Response({
            "plan": plan.code, "year": year, "unit": unit.code if unit else None,
            "counts": result.counts, "counts_with_overrides": result.counts_with_overrides,
            "items": result.items,
        })


class ConsolidationApi(APIView):
    """Consolidated values of a year (or half-year) and kind, with the discrepancies."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter(n, str, required=False)
                    for n in ("year", "half", "kind", "unit", "only_discrepancies")],
        responses=inline_serializer("ConsolidationPage", {
            "count": serializers.IntegerField(),
            "next": serializers.CharField(allow_null=True),
            "previous": serializers.CharField(allow_null=True),
            "period": serializers.CharField(),
            "kind": serializers.CharField(),
            "discrepancies": serializers.IntegerField(),
            "results": serializers.ListField(child=serializers.DictField()),
        }),
    )
    def get(self, request: Request) -> Response:
        data = _form_or_400(ConsolidationForm(request.query_params))
        unit = _unit(request.user, data["unit"])
        year = data["year"] or default_year()
        period = f"{year}-{data['half']}" if data["half"] else None
        result = consolidate(year=None if period else year, period=period,
                             kind=data["kind"] or "actual", unit=unit,
                             unit_ids=selectors.consolidation_scope(user=request.user))
        items = result.discrepancies if data["only_discrepancies"] else result.items
        paginator = Pagination()
        page = paginator.paginate_queryset(items, request, view=self) or []
        response = paginator.get_paginated_response([item.as_dict() for item in page])
        response.data["period"] = result.period
        response.data["kind"] = result.kind
        response.data["discrepancies"] = len(result.discrepancies)
        return response


class OverrideInput(InputSerializer):
    year = serializers.IntegerField()
    status = serializers.CharField()
    reason = serializers.CharField()


class OverrideApi(APIView):
    """POST: set the status of a target for a year (planning office); DELETE ?year=: clear it."""

    permission_classes = [IsAuthenticated]

    def _target(self, request: Request, code: str, target_id: int):
        plan = plan_get_for_user(user=request.user, code=code)
        return selectors.target_get_for_override(user=request.user, plan=plan, target_id=target_id)

    @extend_schema(request=OverrideInput, responses={201: dict})
    def post(self, request: Request, code: str, target_id: int) -> Response:
        target = self._target(request, code, target_id)
        raw = request.data.dict() if hasattr(request.data, "dict") else dict(request.data)
        refuse_fields_outside(OverrideInput, raw)
        data = _form_or_400(OverrideForm({**raw, "action": "set"}))
        override = override_set(target=target, year=data["year"], status=data["status"],
                                reason=data["reason"], actor=request.user)
        return Response(override_json(override), status=status.HTTP_201_CREATED)

    @extend_schema(parameters=[OpenApiParameter("year", int, required=True)], responses=dict)
    def delete(self, request: Request, code: str, target_id: int) -> Response:
        target = self._target(request, code, target_id)
        data = _form_or_400(OverrideForm({"year": request.query_params.get("year", "")}))
        cleared = override_clear(target=target, year=data["year"], actor=request.user)
        return Response({**override_json(cleared), "cleared_at": cleared.cleared_at.isoformat() if cleared.cleared_at else None})


class YearEvaluationApi(APIView):
    """Year N judged against its annual plans (counts, "X/Y", the targets with their responsible
    units) and the five-year and master plans' progress; the same filters as the page."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[year_parameter(),
                               OpenApiParameter("unit", str, required=False),
                               OpenApiParameter("not_met", bool, required=False),
                               OpenApiParameter("at_risk", bool, required=False),
                               OpenApiParameter("responsible", str, required=False),
                               OpenApiParameter("group", str, required=False)],
                   responses=inline_serializer("YearEvaluation", {
                       "year": serializers.IntegerField(), "unit": serializers.CharField(allow_null=True),
                       "annual_plans": serializers.ListField(child=serializers.CharField()),
                       "multi_year_plans": serializers.ListField(child=serializers.CharField()),
                       "summary": serializers.CharField(), "counts": serializers.DictField(),
                       "due_counts": serializers.DictField(),
                       "outlook_counts": serializers.DictField(),
                       "items": serializers.ListField(child=serializers.DictField())}))
    def get(self, request: Request) -> Response:
        query_year(request)  # ``year=`` or twice: refused (the form would ignore it)
        flags = {name: bool(query_bool(request, name)) for name in ("not_met", "at_risk")}
        data = {**_form_or_400(YearFilterForm(request.query_params)), **flags}
        unit = _unit(request.user, data["unit"])
        evaluation = year_evaluate(year=data["year"] or default_year(), unit=unit,
                                   user=request.user)
        rows = year_rows_filtered(evaluation, not_met=data["not_met"], at_risk=data["at_risk"],
                                  responsible=data["responsible"], group=data["group"])
        result = evaluation.as_json(rows)
        judged = selectors.judgement_current_map(target_ids=[r.target.pk for r in rows],
                                                 year=evaluation.year)
        for item, row in zip(result["items"], rows, strict=True):
            judgement = judged.get(row.target.pk)
            expected = judgement_expected(section=row.section, outlook=row.outlook,
                                          status=row.status)
            item["unit_judgement"] = judgement_json(judgement) if judgement else None
            item["judgement_disagrees"] = judgement_disagrees(judgement, expected)
        return Response(result)
