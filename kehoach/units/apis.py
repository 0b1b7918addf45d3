"""``/api/v1/units/``: list, detail, create and change (planning office), import a file."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.exports import ExchangeExportApi, export_schema
from kehoach.core import permissions
from kehoach.core.files import read_upload
from kehoach.core.gate import gate
from kehoach.units import selectors
from kehoach.units.importing import SPEC, units_import
from kehoach.units.models import Unit, UnitType
from kehoach.units.serializers import (
    UnitDetailSerializer,
    UnitImportRequestSerializer,
    UnitImportResultSerializer,
    UnitSerializer,
    UnitWriteSerializer,
)
from kehoach.units.services import UnitChanges, unit_create, unit_update


def _detail(unit: Unit) -> dict[str, Any]:
    return UnitDetailSerializer(unit).data


def _parse_filters(params: Any) -> dict[str, Any]:
    filters: dict[str, Any] = {"q": params.get("q", "")}
    if "type" in params and params["type"] not in UnitType.values:  # ``type=`` too
        raise ValidationError({"type": [_("Loại phải là một trong: %(k)s.") % {"k": ", ".join(UnitType.values)}]})
    filters["type"] = params.get("type", "")
    if params.get("as_of"):
        try:
            filters["on"] = dt.date.fromisoformat(params["as_of"])
        except ValueError:
            raise ValidationError({"as_of": [_("Ngày phải viết dạng YYYY-MM-DD, ví dụ 2025-07-01.")]})
    if params.get("parent"):
        filters["parent"] = Unit.objects.filter(code=params["parent"]).first()
        if filters["parent"] is None:
            raise ValidationError({"parent": [_("Không có đơn vị mã “%(c)s”.") % {"c": params["parent"]}]})
    return filters


class UnitListCreate(generics.ListCreateAPIView):
    """Units (filters ``type``, ``parent`` code, ``as_of`` date, ``q`` accent-insensitive)."""

    permission_classes = [gate(write=permissions.can_edit_reference_data)]
    serializer_class = UnitSerializer

    def get_queryset(self) -> QuerySet[Unit]:
        return selectors.unit_list(**_parse_filters(self.request.query_params))

    @extend_schema(parameters=[
        OpenApiParameter("type", str, enum=UnitType.values),
        OpenApiParameter("parent", str, description="code of the parent unit"),
        OpenApiParameter("as_of", dt.date, description="only units valid on this date"),
        OpenApiParameter("q", str, description="name (accents ignored), code or GSO code"),
    ])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(request=UnitWriteSerializer, responses={201: UnitDetailSerializer})
    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        data = UnitWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = unit_create(actor=request.user, **data.validated_data)
        return Response(_detail(unit), status=status.HTTP_201_CREATED)


class UnitDetail(APIView):
    """A unit with its predecessors and successors (shares); PATCH for the planning office."""

    permission_classes = [AllowAny]  # the selector answers 404 to anonymous users

    @extend_schema(responses=UnitDetailSerializer)
    def get(self, request: Request, code: str) -> Response:
        return Response(_detail(selectors.unit_get_for_user(user=request.user, code=code)))

    @extend_schema(request=UnitWriteSerializer, responses=UnitDetailSerializer)
    def patch(self, request: Request, code: str) -> Response:
        unit = selectors.unit_get_for_user(user=request.user, code=code, write=True)
        data = UnitWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        unit_update(unit=unit, actor=request.user,
                    data=cast(UnitChanges, data.validated_data))
        return Response(_detail(unit))


class UnitImport(APIView):
    """Import a units file (multipart ``file``, ``dry_run``); all or nothing."""

    permission_classes = [gate(read=permissions.can_edit_reference_data)]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request=UnitImportRequestSerializer,
        responses={200: UnitImportResultSerializer,
                   400: OpenApiResponse(description="error shape with the import result")},
    )
    def post(self, request: Request) -> Response:
        form = UnitImportRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        result = units_import(
            data=read_upload(upload), filename=upload.name, dry_run=form.validated_data["dry_run"],
            locale=form.validated_data["locale"], actor=request.user,
        )
        if result.ok:
            return Response(result.as_dict())
        error = {"code": "invalid_file", "message": result.summary(),
                 "fields": {"file": [str(e) for e in result.errors]}}
        return Response({"error": error, "result": result.as_dict()},
                        status=status.HTTP_400_BAD_REQUEST)


@export_schema(summary="Every unit as the units exchange file (interfaces.md §1)")
class UnitExportApi(ExchangeExportApi):
    columns = SPEC.columns
    name = "don-vi"

    def rows(self, request: Request) -> Any:
        return selectors.unit_export_rows()
