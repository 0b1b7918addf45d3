"""``/api/v1/evaluation/judgements/``: the responsible units' own judgement of the five-year and
master-plan targets, beside the computed class."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.fields import InputSerializer, refuse_fields_outside
from kehoach.api.params import query_bool, query_one, query_year, year_parameter
from kehoach.core import permissions
from kehoach.core.gate import gate
from kehoach.evaluation import selectors
from kehoach.evaluation.forms import JudgementFilterForm, JudgementForm
from kehoach.evaluation.judgement_views import judgement_year
from kehoach.evaluation.services.judgements import judgement_json, judgement_rows, judgement_set


def _valid(form: Any) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
    return form.cleaned_data


JudgementOut = inline_serializer("TargetJudgement", {
    "id": serializers.IntegerField(), "target": serializers.IntegerField(),
    "year": serializers.IntegerField(), "unit": serializers.CharField(),
    "outlook": serializers.ChoiceField(choices=["likely", "difficult", "unlikely"]),
    "reason": serializers.CharField(), "by": serializers.CharField(allow_null=True),
    "at": serializers.DateTimeField(), "current": serializers.BooleanField(),
})


class JudgementInput(InputSerializer):
    target = serializers.IntegerField(help_text="id of a five-year or master-plan target")
    year = serializers.IntegerField(help_text="year of assessment, within the target's period")
    outlook = serializers.ChoiceField(choices=["likely", "difficult", "unlikely"],
                                      help_text="có khả năng đạt / khó đạt / không đạt")
    reason = serializers.CharField()


class JudgementsApi(APIView):
    """GET: the targets the user's unit(s) answer for (every unit's for the planning office and
    leaders) in a year, each with the computed class (``outlook`` for a target still running,
    ``status`` for one due in the year), what it corresponds to (``expected``), the unit's
    current judgement, its earlier ones and ``disagrees``. POST: the responsible unit's reporter
    states its judgement (a new one supersedes the one before; history kept)."""

    permission_classes = [gate(write=permissions.is_reporter)]

    @extend_schema(parameters=[year_parameter(),
                               OpenApiParameter("unit", str, required=False,
                                                description="responsible unit code"),
                               OpenApiParameter("disagree", bool, required=False)],
                   responses=inline_serializer("TargetJudgementRows", {
                       "year": serializers.IntegerField(),
                       "total": serializers.IntegerField(),
                       "judged": serializers.IntegerField(),
                       "disagreements": serializers.IntegerField(),
                       "items": serializers.ListField(child=serializers.DictField())}))
    def get(self, request: Request) -> Response:
        query_one(request, "unit")
        query_year(request)  # ``year=`` or a year twice is refused (the form would ignore it)
        disagree = query_bool(request, "disagree")
        data = _valid(JudgementFilterForm(request.query_params))
        year = data["year"] or judgement_year()
        unit_ids = ({selectors.evaluation_unit_get_for_user(user=request.user,
                                                            code=data["unit"]).pk}
                    if data["unit"] else permissions.unit_scope_ids(request.user))
        rows = judgement_rows(user=request.user, year=year, unit_ids=unit_ids)
        items = [{**r.as_json(), "history": [judgement_json(h) for h in r.history]}
                 for r in rows if r.disagrees or not disagree]
        return Response({"year": year, "total": len(rows),
                         "judged": sum(1 for r in rows if r.judgement),
                         "disagreements": sum(1 for r in rows if r.disagrees), "items": items})

    @extend_schema(request=JudgementInput, responses={201: JudgementOut})
    def post(self, request: Request) -> Response:
        raw = request.data.dict() if hasattr(request.data, "dict") else dict(request.data)
        refuse_fields_outside(JudgementInput, raw)
        target_id = raw.get("target")
        if isinstance(target_id, bool) or not str(target_id or "").isdigit():
            raise ValidationError({"target": [_("Hãy cho biết mã số (id) của chỉ tiêu.")]})
        target = selectors.target_get_for_judgement(user=request.user, target_id=int(str(target_id)),
                                                    write=True)
        data = _valid(JudgementForm(raw))
        judgement = judgement_set(target=target, year=data["year"], outlook=data["outlook"],
                                  reason=data["reason"], actor=request.user)
        return Response(judgement_json(judgement), status=status.HTTP_201_CREATED)
