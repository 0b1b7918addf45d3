"""The planning cycle through the API, as on the pages: next year's annual plan drafted from
this year's (``draft-next``) or from a round's ``KH N`` column (``from-round``), the plan submitted
(``submit``; adoption and revisions are in ``apis``), and targets given to units in bulk
(``assign``: all or nothing, every bad row named)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.fields import InputSerializer
from kehoach.plans import services
from kehoach.plans.apis import PlanSerializer, TargetSerializer
from kehoach.plans.selectors import plan_get_for_user, responsible_unit_choices, target_list


class DraftNextSerializer(InputSerializer):
    code = serializers.CharField(max_length=64, help_text="code of next year's draft plan")


class FromRoundSerializer(InputSerializer):
    round = serializers.CharField(max_length=64, help_text="code of the round (its KH N column)")


class AssignmentSerializer(InputSerializer):
    target = serializers.IntegerField(help_text="target id")
    responsible_unit = serializers.CharField(max_length=64, allow_blank=True,
                                             help_text="unit code; empty: given to nobody")


class TargetAssignSerializer(InputSerializer):
    assignments = AssignmentSerializer(many=True, allow_empty=False)


def _valid(serializer_class: type, data: Any) -> Any:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class PlanDraftNextApi(APIView):
    """Next year's annual plan drafted from this one: targets copied, years rolled (201)."""

    @extend_schema(request=DraftNextSerializer, responses={201: PlanSerializer})
    def post(self, request: Request, code: str) -> Response:
        plan = plan_get_for_user(user=request.user, code=code, write=True)
        data = _valid(DraftNextSerializer, request.data)
        draft = services.plan_draft_next_year(actor=request.user, plan=plan,
                                              code=data["code"].strip())
        return Response(PlanSerializer(draft).data, status=status.HTTP_201_CREATED)


class PlanFromRoundApi(APIView):
    """Draft targets of this annual plan from a round's ``KH N`` column: the units' proposals,
    each given to the unit that answers for it; a row two units answer differently is refused."""

    @extend_schema(request=FromRoundSerializer, responses={200: OpenApiResponse(
        description="{created, skipped, targets}")})
    def post(self, request: Request, code: str) -> Response:
        from kehoach.reporting.selectors import round_get_for_user
        from kehoach.reporting.services.drafting import plan_targets_from_round

        plan = plan_get_for_user(user=request.user, code=code, write=True)
        data = _valid(FromRoundSerializer, request.data)
        round = round_get_for_user(user=request.user, code=data["round"])
        counts = plan_targets_from_round(actor=request.user, plan=plan, round=round)
        return Response({**counts, "targets": TargetSerializer(target_list(plan=plan),
                                                               many=True).data})


class PlanSubmitApi(APIView):
    """The draft plan is submitted (đã trình): draft → submitted."""

    @extend_schema(request=None, responses=PlanSerializer)
    def post(self, request: Request, code: str) -> Response:
        plan = plan_get_for_user(user=request.user, code=code, write=True)
        return Response(PlanSerializer(services.plan_submit(actor=request.user, plan=plan)).data)


class PlanAssignApi(APIView):
    """Give targets of the plan to units in bulk (unit codes; "" takes a target back); all or
    nothing: a unit unknown or not existing in a target's period refuses the whole set."""

    @extend_schema(request=TargetAssignSerializer, responses={200: OpenApiResponse(
        description="{changed, targets}")})
    def post(self, request: Request, code: str) -> Response:
        plan = plan_get_for_user(user=request.user, code=code, write=True)
        data = _valid(TargetAssignSerializer, request.data)
        units = {u.code: u for u in responsible_unit_choices(plan=plan)}
        problems: list[str] = []
        assignments: dict[int, Any] = {}
        for item in data["assignments"]:
            unit_code = item["responsible_unit"].strip()
            if unit_code and unit_code not in units:
                problems.append(_("Chỉ tiêu #%(id)s: không có đơn vị mã “%(c)s” trong các đơn vị "
                                  "của kế hoạch %(p)s.") % {"id": item["target"], "c": unit_code,
                                                             "p": plan.code})
                continue
            assignments[item["target"]] = units.get(unit_code) if unit_code else None
        if problems:
            raise DjangoValidationError({"assignments": problems})
        changed = services.targets_assign_responsible(actor=request.user, plan=plan,
                                                      assignments=assignments)
        return Response({"changed": changed,
                         "targets": TargetSerializer(target_list(plan=plan), many=True).data})
