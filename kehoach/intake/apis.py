"""``/api/v1/extract/`` and ``/api/v1/extractions/``: read a text, review its items, create the
targets. Planning office and administrators only; for anyone else every object answers 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.core.gate import Managers
from kehoach.intake import selectors
from kehoach.intake.extraction import read_text_file
from kehoach.intake.models import Extraction
from kehoach.intake.serializers import (
    CreateTargetsSerializer,
    ExtractRequestSerializer,
    ReviewSerializer,
    extraction_data,
    item_data,
)
from kehoach.intake.services import (
    extracted_item_update,
    extraction_create,
    extraction_create_targets,
)
from kehoach.plans.selectors import plan_list_for_user
from kehoach.units.models import Unit


def _detail(extraction: Extraction) -> dict:
    return extraction_data(extraction, list(selectors.extraction_items(extraction=extraction)))


class Extract(APIView):
    """Read the targets and results in a text (``text``) or a .txt/.docx file (``file``); the
    session is stored for review and returned with its items and suggested indicators."""

    permission_classes = [Managers]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(request=ExtractRequestSerializer, responses={201: OpenApiTypes.OBJECT})
    def post(self, request: Request) -> Response:
        form = ExtractRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data.get("file")
        source = upload.name if upload is not None else ""
        if upload is not None:
            try:
                text = read_text_file(upload.read(), upload.name)
            except ValueError as exc:
                raise ValidationError({"file": [str(exc)]})
        else:
            text = form.validated_data["text"]
        extraction = extraction_create(actor=request.user, text=text, source_name=source)
        return Response(_detail(extraction), status=status.HTTP_201_CREATED)


class ExtractionList(generics.ListAPIView):
    """Stored extraction sessions, newest first."""

    permission_classes = [Managers]

    def get_queryset(self) -> QuerySet[Extraction]:
        return selectors.extraction_list_for_user(user=self.request.user)

    @extend_schema(operation_id="extractions_list", responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.get_queryset()
        page = self.paginate_queryset(queryset)
        if page is None:  # no paginator configured
            return Response([extraction_data(e) for e in queryset])
        return self.get_paginated_response([extraction_data(e) for e in page])


class ExtractionDetail(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(selectors.extraction_get_for_user(user=request.user, pk=pk)))


class ItemList(generics.ListAPIView):
    """The items of an extraction, in the order of the text."""

    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet:
        extraction = selectors.extraction_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        return selectors.extraction_items(extraction=extraction)

    @extend_schema(operation_id="extractions_items_list", responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.get_queryset()
        page = self.paginate_queryset(queryset)
        if page is None:  # no paginator configured
            return Response([item_data(i) for i in queryset])
        return self.get_paginated_response([item_data(i) for i in page])


class ItemDetail(APIView):
    """One item; PATCH the review fields (``indicator`` code, ``accepted``, ``comparator``,
    ``value``, ``value_max``, ``unit``, ``period``, ``target_type``)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, pk: int, item_pk: int) -> Response:
        item = selectors.extracted_item_get_for_user(user=request.user, extraction_pk=pk, pk=item_pk)
        return Response(item_data(item))

    @extend_schema(request=ReviewSerializer, responses=OpenApiTypes.OBJECT)
    def patch(self, request: Request, pk: int, item_pk: int) -> Response:
        item = selectors.extracted_item_get_for_user(user=request.user, extraction_pk=pk,
                                                     pk=item_pk, write=True)
        form = ReviewSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        extracted_item_update(item=item, actor=request.user, **form.changes())
        return Response(item_data(item))


class CreateTargets(APIView):
    """Create every accepted item as a target of ``plan`` (code) for ``unit`` (code; default the
    plan's unit). All or nothing: problems are reported by item in ``fields`` (``items.<id>``)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=CreateTargetsSerializer, responses={201: OpenApiTypes.OBJECT})
    def post(self, request: Request, pk: int) -> Response:
        extraction = selectors.extraction_get_for_user(user=request.user, pk=pk, write=True)
        form = CreateTargetsSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        plan = plan_list_for_user(user=request.user).filter(code=form.validated_data["plan"]).first()
        if plan is None:
            raise ValidationError({"plan": [_("Không có kế hoạch mã “%(c)s”.") % {
                "c": form.validated_data["plan"]}]})
        unit = None
        if form.validated_data.get("unit"):
            unit = Unit.objects.filter(code=form.validated_data["unit"]).first()
            if unit is None:
                raise ValidationError({"unit": [_("Không có đơn vị mã “%(c)s”.") % {
                    "c": form.validated_data["unit"]}]})
        targets = extraction_create_targets(extraction=extraction, actor=request.user, plan=plan,
                                            unit=unit)
        return Response({"extraction": extraction.pk, "plan": plan.code, "created": len(targets),
                         "targets": [_target(t) for t in targets]}, status=status.HTTP_201_CREATED)


def _target(target: Any) -> dict:
    return {"id": target.pk, "indicator": target.indicator.code, "unit": target.unit.code,
            "period": target.period, "comparator": target.comparator,
            "value": float(target.value) if target.value % 1 else int(target.value),
            "value_max": None if target.value_max is None else float(target.value_max),
            "target_type": target.target_type, "wording": target.wording}
