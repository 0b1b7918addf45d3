"""API shapes of the intake app."""

from __future__ import annotations

from typing import Any, TypedDict

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import serializers

from kehoach.api.fields import InputSerializer
from kehoach.core.constants import NUMBER_DIGITS, NUMBER_PLACES
from kehoach.indicators.models import Indicator
from kehoach.intake.models import ExtractedItem, Extraction
from kehoach.intake.review import conversion
from kehoach.plans.models import Comparator, TargetType


class _DecimalDigits(TypedDict):
    max_digits: int
    decimal_places: int


DECIMAL: _DecimalDigits = {"max_digits": NUMBER_DIGITS, "decimal_places": NUMBER_PLACES}


class ExtractRequestSerializer(InputSerializer):
    text = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    file = serializers.FileField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        has_text = bool((attrs.get("text") or "").strip())
        if has_text == ("file" in attrs):
            raise serializers.ValidationError(
                {"text": [_("Gửi đúng một trong hai: văn bản (text) hoặc tệp .txt/.docx (file).")]})
        upload = attrs.get("file")
        if upload is not None and upload.size > settings.KEHOACH_MAX_UPLOAD_BYTES:
            raise serializers.ValidationError({"file": [_("Tệp quá lớn: giới hạn là %(n)s MB.") % {
                "n": f"{settings.KEHOACH_MAX_UPLOAD_BYTES / (1024 * 1024):g}"}]})
        return attrs


class ReviewSerializer(InputSerializer):
    """The reviewer's fields of an item (PATCH accepts any of them)."""

    indicator = serializers.SlugRelatedField(slug_field="code", queryset=Indicator.objects.all(),
                                             allow_null=True, required=False)
    accepted = serializers.BooleanField(required=False)
    comparator = serializers.ChoiceField(choices=Comparator.choices, required=False)
    value = serializers.DecimalField(**DECIMAL, required=False)
    value_max = serializers.DecimalField(**DECIMAL, required=False, allow_null=True)
    unit = serializers.CharField(max_length=64, required=False, allow_blank=True)
    period = serializers.CharField(max_length=16, required=False, allow_blank=True)
    target_type = serializers.ChoiceField(choices=TargetType.choices, required=False)

    def changes(self) -> dict[str, Any]:
        names = {"comparator": "final_comparator", "value": "final_value",
                 "value_max": "final_value_max", "unit": "final_unit", "period": "final_period",
                 "target_type": "final_target_type"}
        return {names.get(k, k): v for k, v in self.validated_data.items()}


def _number(value: Any) -> float | int | None:
    if value is None:
        return None
    normal = value.normalize()
    return int(normal) if normal == normal.to_integral_value() else float(normal)


def item_data(item: ExtractedItem) -> dict[str, Any]:
    """An item: the engine's reading (the ``extract_targets`` shape), the suggestions, the review."""
    converted = conversion(item)
    return {
        "id": item.pk, "kind": item.kind, "indicator": item.indicator_text,
        "comparator": item.comparator, "value": _number(item.value),
        "value_max": _number(item.value_max), "unit": item.unit, "period": item.period,
        "target_type": item.target_type, "sentence": item.sentence, "start": item.start,
        "end": item.end, "value_start": item.value_start, "value_end": item.value_end,
        "suggestions": item.suggestions,
        "review": {
            "indicator": item.indicator.code if item.indicator else None,
            "accepted": item.accepted, "comparator": item.final_comparator,
            "value": _number(item.final_value), "value_max": _number(item.final_value_max),
            "unit": item.final_unit, "period": item.final_period,
            "target_type": item.final_target_type,
            "converted_value": _number(converted.value) if converted else None,
            "converted_unit": converted.indicator_unit if converted else None,
            "unit_compatible": converted.scaling.compatible if converted else None,
        },
        "target": item.target_id,
    }


def extraction_data(extraction: Extraction, items: list[ExtractedItem] | None = None) -> dict:
    data = {
        "id": extraction.pk, "source_name": extraction.source_name,
        "created_by": extraction.created_by.username if extraction.created_by else None,
        "created_at": extraction.created_at.isoformat(),
        "plan": extraction.plan.code if extraction.plan else None,
        "unit": extraction.unit.code if extraction.unit else None,
        "completed_at": extraction.completed_at.isoformat() if extraction.completed_at else None,
    }
    if items is not None:
        data["items"] = [item_data(item) for item in items]
    return data


class CreateTargetsSerializer(InputSerializer):
    plan = serializers.CharField(max_length=64)
    unit = serializers.CharField(max_length=64, required=False, allow_blank=True)
