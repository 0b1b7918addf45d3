"""Serializers of the units API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kehoach.units.models import Succession, Unit, UnitType


class UnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    type_label = serializers.CharField(source="get_type_display", read_only=True)

    class Meta:
        model = Unit
        fields = ["code", "gso_code", "name", "type", "type_label", "parent", "valid_from",
                  "valid_to", "email"]


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
    predecessors = PredecessorLinkSerializer(many=True, read_only=True)
    successors = SuccessorLinkSerializer(many=True, read_only=True)
    children_count = serializers.IntegerField(read_only=True)

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "children_count", "predecessors", "successors"]


class UnitWriteSerializer(serializers.Serializer):
    """Input of POST (all required fields) and PATCH (any subset)."""

    code = serializers.CharField(max_length=32)
    name = serializers.CharField(max_length=255)
    type = serializers.ChoiceField(choices=UnitType.choices)
    parent = serializers.SlugRelatedField(
        slug_field="code", queryset=Unit.objects.all(), allow_null=True, required=False,
        error_messages={"does_not_exist": _("Không có đơn vị mã “{value}”.")},
    )
    gso_code = serializers.CharField(max_length=16, allow_blank=True, required=False)
    valid_from = serializers.DateField(allow_null=True, required=False)
    valid_to = serializers.DateField(allow_null=True, required=False)
    email = serializers.EmailField(allow_blank=True, required=False)


class UnitImportRequestSerializer(serializers.Serializer):
    file = serializers.FileField()
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
    errors = UnitImportErrorSerializer(many=True)
