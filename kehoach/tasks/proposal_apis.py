"""``/api/v1/proposals/``: Phụ lục III lines and the planning office's decisions on them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.fields import InputSerializer
from kehoach.api.pagination import Pagination
from kehoach.plans.selectors import plan_find_for_user
from kehoach.projects.selectors import project_get_for_user
from kehoach.tasks import proposals as services
from kehoach.tasks.selectors import task_get_for_user


def proposal_data(item: Any) -> dict[str, Any]:
    decision = getattr(item, "decision", None)
    return {
        "id": item.pk, "unit": item.submission.unit.code, "round": item.submission.round.code,
        "kind": item.kind, "text": item.text,
        "lead_unit": item.lead_unit.code if item.lead_unit else None,
        "coordinating_units": [u.code for u in item.coordinating_units.all()],
        "period": item.period, "product": item.product, "cost": item.cost,
        "decision": decision.decision if decision else None,
        "reason": decision.reason if decision else "",
        "task": decision.task_id if decision else None,
        "project": decision.project_id if decision else None,
    }


class DecisionSerializer(InputSerializer):
    decision = serializers.ChoiceField(["accept", "refuse", "merge"])
    plan = serializers.CharField(required=False, help_text="accept: plan code")
    number = serializers.CharField(required=False, allow_blank=True)
    deadline_text = serializers.CharField(required=False, allow_blank=True)
    group = serializers.CharField(required=False, allow_blank=True)
    sector = serializers.CharField(required=False, allow_blank=True)
    funding_source = serializers.CharField(required=False, allow_blank=True)
    phase = serializers.CharField(required=False, allow_blank=True)
    reason = serializers.CharField(required=False, allow_blank=True)
    task = serializers.IntegerField(required=False, help_text="merge: into this task")
    project = serializers.IntegerField(required=False, help_text="merge: into this project")


ProposalSerializer = inline_serializer("Proposal", many=True, fields={
    "id": serializers.IntegerField(), "unit": serializers.CharField(),
    "round": serializers.CharField(), "kind": serializers.CharField(),
    "text": serializers.CharField(), "lead_unit": serializers.CharField(allow_null=True),
    "coordinating_units": serializers.ListField(child=serializers.CharField()),
    "period": serializers.CharField(), "product": serializers.CharField(),
    "cost": serializers.FloatField(allow_null=True),
    "decision": serializers.CharField(allow_null=True), "reason": serializers.CharField(),
    "task": serializers.IntegerField(allow_null=True),
    "project": serializers.IntegerField(allow_null=True),
})


class ProposalListApi(APIView):
    """The Phụ lục III proposals the caller may see, paginated as every list."""

    permission_classes = [IsAuthenticated]
    pagination_class = Pagination

    @extend_schema(responses=ProposalSerializer)
    def get(self, request: Request) -> Response:
        paginator = Pagination()
        page = paginator.paginate_queryset(list(services.proposals_for_user(user=request.user)),
                                           request, view=self)
        return paginator.get_paginated_response([proposal_data(i) for i in page or []])


class ProposalDecideApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=DecisionSerializer, responses=dict)
    def post(self, request: Request, pk: int) -> Response:
        from django.core.exceptions import ValidationError

        proposal = services.proposal_get_for_manager(user=request.user, pk=pk)
        serializer = DecisionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        kind = data.pop("decision")
        if kind == "refuse":
            services.proposal_refuse(proposal=proposal, actor=request.user,
                                     reason=data.get("reason", ""))
        elif kind == "merge":
            task_id, project_id = data.get("task"), data.get("project")
            task = task_get_for_user(user=request.user, pk=task_id) if task_id else None
            project = (project_get_for_user(user=request.user, pk=project_id)
                       if project_id else None)
            services.proposal_merge(proposals=[proposal], actor=request.user, task=task,
                                    project=project)
        else:
            plan = plan_find_for_user(user=request.user, code=data.pop("plan", ""))
            if plan is None:
                raise ValidationError({"plan": _("Không có kế hoạch này.")})
            data.pop("reason", None), data.pop("task", None), data.pop("project", None)
            services.proposal_accept(proposal=proposal, actor=request.user, plan=plan, **data)
        proposal = services.proposals_for_user(user=request.user).get(pk=pk)
        return Response(proposal_data(proposal), status=status.HTTP_201_CREATED)
