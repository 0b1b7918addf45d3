"""``/api/v1/values/``: list, read, create and change values; a value's history; file import."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotAuthenticated, ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.errors import error_response
from kehoach.api.exports import ExchangeExportApi, export_schema
from kehoach.api.fields import InputSerializer, KnownFieldsMixin
from kehoach.api.params import query_year, year_parameter
from kehoach.core import permissions
from kehoach.core.exchange import numbers
from kehoach.core.files import read_upload, streamed_upload_size_validator, upload_size_validator
from kehoach.core.gate import gate
from kehoach.core.models import User
from kehoach.core.periods import parse_period
from kehoach.indicators.models import Indicator
from kehoach.units.models import Unit
from kehoach.values import selectors
from kehoach.values.dhis2.exporting import CONTENT_TYPES as DHIS2_TYPES
from kehoach.values.dhis2.exporting import FORMATS as DHIS2_FORMATS
from kehoach.values.dhis2.exporting import dhis2_export_file
from kehoach.values.dhis2.importing import STRATEGIES, dhis2_import, dhis2_mapping_refused
from kehoach.values.dhis2.mapping import MappingError, mapping_read
from kehoach.values.importing import VALUES_SPEC
from kehoach.values.job_apis import import_job_data
from kehoach.values.jobs import dhis2_runs_in_background
from kehoach.values.models import ImportJob, Value, ValueKind, ValueRevision
from kehoach.values.selectors import reported_discrepancies
from kehoach.values.services import value_normalise, value_set
from kehoach.values.streaming import values_import
from kehoach.values.tasks import import_job_start


@extend_schema_field({"oneOf": [{"type": "number"}, {"type": "string"}],
                      "description": "7.5, 7,5, 1.791.857 or a JSON number (answered as a number)"})
class NumberField(serializers.CharField):
    """A number people typed (text, Vietnamese or English) or a JSON number."""


class ValueSerializer(KnownFieldsMixin, serializers.ModelSerializer):
    """A value as answered; as a body, its writable fields only (another one, even a read-only
    field such as ``indicator_name``, is refused: 400 naming it)."""

    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all())
    indicator_name = serializers.CharField(source="indicator.name_vi", read_only=True)
    indicator_unit = serializers.CharField(source="indicator.unit", read_only=True)
    unit = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.all())
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    reported_by: serializers.SlugRelatedField[Unit] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    entered_by: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    value = NumberField(help_text="7.5, 7,5, 1.791.857 or a JSON number")
    comment = serializers.CharField(write_only=True, required=False, allow_blank=True)

    class Meta:
        model = Value
        fields = ["id", "indicator", "indicator_name", "indicator_unit", "unit", "unit_name",
                  "period", "year", "end_year", "kind", "value", "note", "reported_by", "source",
                  "entered_by", "updated_at", "comment"]
        read_only_fields = ["year", "end_year", "source", "updated_at"]
        validators: list = []  # value_set upserts: the unique key is not an error here

    def to_representation(self, instance: Value) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["value"] = float(instance.value)
        return data

    def validate_period(self, text: str) -> str:
        try:
            return parse_period(text).code
        except ValueError as exc:
            raise ValidationError(str(exc))

    def validate_value(self, text: Any) -> Any:
        try:
            return value_normalise(numbers.parse_number(str(text), locale=numbers.VI))
        except ValueError as exc:
            raise ValidationError(str(exc))


class ValueList(generics.ListCreateAPIView):
    """Values the user may read. Filters: unit, indicator (code or id), period, kind, year, q."""

    serializer_class = ValueSerializer
    permission_classes = [gate(write=permissions.can_enter_values)]

    @extend_schema(parameters=[OpenApiParameter(n, str, required=False)
                               for n in ("unit", "indicator", "period", "kind", "year", "q")])
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> Any:
        params = self.request.query_params
        filters = selectors.ValueFilters(**{f: params.get(f, "").strip() for f in
                                            ("unit", "indicator", "period", "kind", "year", "q")})
        try:
            return selectors.value_list(user=self.request.user, filters=filters)
        except ValueError as exc:
            raise ValidationError({"filter": [str(exc)]})

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        if not permissions.can_write_unit_data(request.user, data["unit"].pk):
            raise permissions.refuse()
        value, outcome = _save(request, data, reported_by=None)
        code = status.HTTP_201_CREATED if outcome == "created" else status.HTTP_200_OK
        return Response({**ValueSerializer(value).data, "outcome": outcome}, status=code)


def _save(request: Request, data: dict[str, Any], *, reported_by: Any) -> tuple[Value, str]:
    user = request.user
    if not isinstance(user, User):
        raise NotAuthenticated
    return value_set(
        indicator=data["indicator"], unit=data["unit"], period=data["period"], kind=data["kind"],
        value=data["value"], note=data.get("note", ""), actor=user,
        comment=data.get("comment", ""), source="API",
        reported_by=reported_by or (None if permissions.is_manager(user) else user.unit),
    )


class ValueDetail(generics.RetrieveUpdateAPIView):
    """One value. PUT/PATCH change its number and note (the key fields cannot change)."""

    serializer_class = ValueSerializer
    permission_classes = [IsAuthenticated]

    def get_object(self) -> Value:
        write = self.request.method not in ("GET", "HEAD", "OPTIONS")
        return selectors.value_get_for_user(user=self.request.user, pk=self.kwargs["pk"],
                                            write=write)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        value = self.get_object()
        serializer = self.get_serializer(value, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        for key in ("indicator", "unit", "period", "kind"):
            if key in data and data[key] != getattr(value, key):
                raise ValidationError({key: [_("Không đổi được trường này; hãy tạo số liệu mới.")]})
        merged = {"indicator": value.indicator, "unit": value.unit, "period": value.period,
                  "kind": value.kind, "value": data.get("value", value.value),
                  "note": data.get("note", value.note), "comment": data.get("comment", "")}
        saved, outcome = _save(request, merged, reported_by=value.reported_by)
        return Response({**ValueSerializer(saved).data, "outcome": outcome})


class RevisionSerializer(serializers.ModelSerializer):
    changed_by: serializers.SlugRelatedField[User] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = ValueRevision
        fields = ["id", "action", "old_value", "new_value", "old_note", "new_note", "comment",
                  "source", "changed_by", "changed_at"]


class ValueHistory(generics.ListAPIView):
    """Every revision of one value, newest first."""

    serializer_class = RevisionSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> Any:
        value = selectors.value_get_for_user(user=self.request.user, pk=self.kwargs["pk"])
        return selectors.value_history(value=value)


class ImportRequest(InputSerializer):
    file = serializers.FileField(validators=[upload_size_validator])
    dry_run = serializers.BooleanField(required=False, default=False)
    locale = serializers.ChoiceField(choices=["auto", "vi", "en"], required=False, default="auto")


class ValueImport(APIView):
    """Import a values file (multipart ``file``), all or nothing; ``dry_run`` checks only."""

    permission_classes = [gate(read=permissions.can_enter_values)]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=ImportRequest, responses={200: dict, 400: dict})
    def post(self, request: Request) -> Response:
        form = ImportRequest(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        result = values_import(
            data=read_upload(upload), filename=upload.name, actor=request.user,
            dry_run=form.validated_data["dry_run"], locale=form.validated_data["locale"],
            source=_("API: tệp %(f)s") % {"f": upload.name},
        )
        if not result.ok:
            return error_response("import_failed", result.summary(), status.HTTP_400_BAD_REQUEST,
                                  {"rows": result.as_dict()["errors"]})
        return Response(result.as_dict())


class Dhis2ImportRequest(InputSerializer):
    file = serializers.FileField(help_text="dataValueSet .json/.xml, DHIS2 .csv or ADX .adx.xml; "
                                           "a large one (KEHOACH_BACKGROUND_IMPORT_BYTES, 1 MB) is "
                                           "imported in the background: 202 with the job",
                                 validators=[streamed_upload_size_validator])
    mapping = serializers.FileField(help_text="CSV: dhis2_kind, dhis2_id, kehoach_code",
                                    validators=[upload_size_validator])
    strategy = serializers.ChoiceField(choices=list(STRATEGIES), required=False,
                                       default="create_and_update")
    kind = serializers.ChoiceField(choices=ValueKind.choices, required=False,
                                   default=ValueKind.ACTUAL)
    dry_run = serializers.BooleanField(required=False, default=False)


class Dhis2Import(APIView):
    """Import a DHIS2 data value set; the answer is DHIS2's import summary. A summary with status
    ERROR (nothing stored) comes as the error shape, with the summary in ``fields``. A large file
    is imported in the background: 202 with the job (``/api/v1/import-jobs/{id}/``: progress,
    then the summary); its mapping is checked first (a code kehoach lacks: 400, no job)."""

    permission_classes = [gate(read=permissions.can_enter_values)]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=Dhis2ImportRequest, responses={200: dict, 202: dict, 400: dict})
    def post(self, request: Request) -> Response:
        form = Dhis2ImportRequest(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        mapping_data = data["mapping"].read()
        options = {k: data[k] for k in ("strategy", "kind", "dry_run")}
        if dhis2_runs_in_background(data["file"]):
            summary = dhis2_mapping_refused(mapping_data=mapping_data, dry_run=data["dry_run"],
                                            strategy=data["strategy"])
            if summary is None:
                job = import_job_start(user=request.user, kind=ImportJob.Kind.DHIS2,
                                       upload=data["file"], mapping_data=mapping_data,
                                       options=options)
                return Response(import_job_data(job), status=status.HTTP_202_ACCEPTED)
        else:
            summary = dhis2_import(stream=data["file"].open("rb"), filename=data["file"].name,
                                   mapping_data=mapping_data, actor=request.user, **options)
        if summary.status == "ERROR":
            return error_response("dhis2_import_failed", summary.as_dict()["description"],
                                  status.HTTP_400_BAD_REQUEST, {"summary": summary.as_dict()})
        return Response(summary.as_dict())


class Dhis2ExportRequest(InputSerializer):
    mapping = serializers.FileField(help_text="CSV: dhis2_kind, dhis2_id, kehoach_code",
                                    validators=[upload_size_validator])
    format = serializers.ChoiceField(choices=list(DHIS2_FORMATS), required=False, default="json")
    year = serializers.IntegerField(required=False, min_value=1900, max_value=2200)
    unit = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=ValueKind.choices, required=False,
                                   default=ValueKind.ACTUAL)
    data_set = serializers.CharField(required=False, allow_blank=True, default="", max_length=100,
                                     help_text="DHIS2 data set uid written on the set (ADX needs one)")


class Dhis2Export(APIView):
    """The values the user may read as a DHIS2 data value set (json, xml, csv or adx)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=Dhis2ExportRequest, responses={200: bytes, 400: dict})
    def post(self, request: Request) -> Any:
        form = Dhis2ExportRequest(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            mapping = mapping_read(data["mapping"].read())
        except MappingError as exc:
            return error_response("invalid_mapping", _("Tệp ánh xạ có lỗi."),
                                  status.HTTP_400_BAD_REQUEST,
                                  {"mapping": [f"{o}: {m}" for o, m in exc.problems]})
        values = selectors.values_for_dhis2(user=request.user, kind=data["kind"],
                                            year=data.get("year"), unit=data["unit"])
        stream = dhis2_export_file(values=values, mapping=mapping, fmt=data["format"],
                                   data_set=data["data_set"])
        return FileResponse(stream, content_type=f"{DHIS2_TYPES[data['format']]}; charset=utf-8")


class ReportedValueList(APIView):
    """Figures reported for an indicator the unit does not answer for (or below the official
    source), kept beside the values of record: the planning office's discrepancy list."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[year_parameter("only the figures of this year")],
                   responses=inline_serializer("ReportedValueItem", {
                       "id": serializers.IntegerField(), "indicator": serializers.CharField(),
                       "unit": serializers.CharField(), "period": serializers.CharField(),
                       "kind": serializers.CharField(), "value": serializers.FloatField(),
                       "reported_by": serializers.CharField(), "reason": serializers.CharField(),
                       "official_value": serializers.FloatField(allow_null=True),
                       "official_reported_by": serializers.CharField(allow_null=True)},
                       many=True))
    def get(self, request: Request) -> Response:
        rows = reported_discrepancies(user=request.user, year=query_year(request))
        return Response([{
            "id": r["reported"].pk, "indicator": r["reported"].indicator.code,
            "unit": r["reported"].unit.code, "period": r["reported"].period,
            "kind": r["reported"].kind, "value": float(r["reported"].value),
            "reported_by": r["reported"].reported_by.code, "reason": r["reported"].reason,
            "official_value": float(r["official"].value) if r["official"] else None,
            "official_reported_by": r["official"].reported_by.code
            if r["official"] and r["official"].reported_by else None,
        } for r in rows])


@export_schema(
    summary="The values the caller may read, filtered as the list, as the values exchange file",
    parameters=[OpenApiParameter(n, str) for n in ("unit", "indicator", "period", "kind", "year",
                                                   "q")])
class ValueExportApi(ExchangeExportApi):
    columns = VALUES_SPEC.columns
    name = "so-lieu"

    def rows(self, request: Request) -> Any:
        params = request.query_params
        filters = selectors.ValueFilters(**{f: params.get(f, "").strip() for f in
                                            ("unit", "indicator", "period", "kind", "year", "q")})
        try:
            qs = selectors.value_list(user=request.user, filters=filters)
        except ValueError as exc:
            raise ValidationError({"filter": [str(exc)]})
        return selectors.value_export_rows(qs)
