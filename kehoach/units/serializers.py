"""Serializers of the units API."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kehoach.api.fields import InputSerializer
from kehoach.core.files import upload_size_validator
from kehoach.units import selectors
from kehoach.units.models import Succession, Unit, UnitType

# Fields named ``parent`` or ``errors`` are added in ``get_fields``: as class attributes they would
# hide ``Field.parent`` and ``Serializer.errors``.


def _insert_after(fields: dict[str, serializers.Field], after: str, name: str,
                  field: serializers.Field) -> dict[str, serializers.Field]:
    items = list(fields.items())
    position = list(fields).index(after) + 1
    return dict([*items[:position], (name, field), *items[position:]])


class UnitSerializer(serializers.ModelSerializer):
    type_label = serializers.CharField(source="get_type_display", read_only=True)

    class Meta:
        model = Unit
        fields = ["code", "gso_code", "name", "type", "type_label", "parent", "valid_from",
                  "valid_to", "email"]

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["parent"] = serializers.SlugRelatedField(slug_field="code", read_only=True)
        return fields


class PredecessorLinkSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="predecessor.code")
    name = serializers.CharField(source="predecessor.name")

    class Meta:
        model = Succession
        fields = ["code", "name", "share", "effective"]


class SuccessorLinkSerializer(serializers.ModelSerializer):
    code = serializers.CharField(source="successor.code")
    name = serializers.CharField(source="successor.name")

    class Meta:
        model = Succession
        fields = ["code", "name", "share", "effective"]


class UnitDetailSerializer(UnitSerializer):
    predecessors = serializers.SerializerMethodField()
    successors = serializers.SerializerMethodField()
    children_count = serializers.IntegerField(source="children.count", read_only=True)

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "children_count", "predecessors", "successors"]

    @extend_schema_field(PredecessorLinkSerializer(many=True))
    def get_predecessors(self, unit: Unit) -> list[dict[str, Any]]:
        return [PredecessorLinkSerializer(link).data
                for link in selectors.unit_predecessors(unit=unit)]

    @extend_schema_field(SuccessorLinkSerializer(many=True))
    def get_successors(self, unit: Unit) -> list[dict[str, Any]]:
        return [SuccessorLinkSerializer(link).data for link in selectors.unit_successors(unit=unit)]


class UnitWriteSerializer(InputSerializer):
    """Input of POST (all required fields) and PATCH (any subset)."""

    code = serializers.CharField(max_length=32)
    name = serializers.CharField(max_length=255)
    type = serializers.ChoiceField(choices=UnitType.choices)
    gso_code = serializers.CharField(max_length=16, allow_blank=True, required=False)
    valid_from = serializers.DateField(allow_null=True, required=False)
    valid_to = serializers.DateField(allow_null=True, required=False)
    email = serializers.EmailField(allow_blank=True, required=False)

    def get_fields(self) -> dict[str, serializers.Field]:
        parent = serializers.SlugRelatedField(
            slug_field="code", queryset=Unit.objects.all(), allow_null=True, required=False,
            error_messages={"does_not_exist": _("Không có đơn vị mã “{value}”.")},
        )
        return _insert_after(super().get_fields(), "type", "parent", parent)


class UnitImportRequestSerializer(InputSerializer):
    file = serializers.FileField(validators=[upload_size_validator])
    dry_run = serializers.BooleanField(default=False)
    locale = serializers.ChoiceField(choices=["auto", "vi", "en"], default="auto")


class UnitImportErrorSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    column = serializers.CharField()
    message = serializers.CharField()


class UnitImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    dry_run = serializers.BooleanField()
    ok = serializers.BooleanField()

    def get_fields(self) -> dict[str, serializers.Field]:
        return {**super().get_fields(), "errors": UnitImportErrorSerializer(many=True)}
