"""Serializers of the reporting API (reads are plain; writes are validated then given to services)."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from kehoach.api.fields import (
    InputSerializer,
    KnownFieldsMixin,
    StrictCharField,
    StrictIntegerField,
    StrictSlugField,
)
from kehoach.core.constants import NUMBER_DIGITS, NUMBER_PLACES, YEAR_MAX, YEAR_MIN
from kehoach.reporting.models import (
    FormTemplate,
    Milestone,
    MilestoneActor,
    ProposalKind,
    Round,
    RoundKind,
    RowScope,
    SectionKey,
    Submission,
    TemplateColumn,
    TemplateRow,
)
from kehoach.reporting.selectors import round_deadline, submission_is_late
from kehoach.units.models import Unit


class MilestoneSerializer(KnownFieldsMixin, serializers.ModelSerializer):
    name = StrictCharField(max_length=400)
    actor = serializers.ChoiceField(choices=MilestoneActor.choices)

    class Meta:
        model = Milestone
        fields = ["name", "date", "actor"]


class RoundSerializer(serializers.ModelSerializer):
    deadline = serializers.SerializerMethodField()
    milestones = MilestoneSerializer(many=True, read_only=True)
    copied_from: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Round
        fields = ["code", "title", "kind", "status", "deadline", "legal_number", "legal_date",
                  "legal_issuer", "base_year", "period_start", "period_end", "row_scope",
                  "reminder_offsets", "copied_from", "opened_at", "closed_at", "milestones"]

    def get_deadline(self, obj: Round) -> str | None:
        day = round_deadline(obj)
        return day.isoformat() if day else None


class RoundWriteSerializer(InputSerializer):
    """A round's fields, each of the JSON type the schema says (a title is a text, a year a whole
    number): PATCH /api/v1/rounds/{code}/ refuses ``{"title": 5}`` or ``{"base_year": "2025"}``."""

    code = StrictSlugField(max_length=64)
    title = StrictCharField(max_length=400)
    kind = serializers.ChoiceField(choices=RoundKind.choices)
    legal_number = StrictCharField(max_length=64, required=False, allow_blank=True)
    legal_date = serializers.DateField(required=False, allow_null=True)
    legal_issuer = StrictCharField(max_length=255, required=False, allow_blank=True)
    base_year = StrictIntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    period_start = StrictIntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    period_end = StrictIntegerField(min_value=YEAR_MIN, max_value=YEAR_MAX)
    row_scope = serializers.ChoiceField(choices=RowScope.choices, required=False, help_text=(
        "Which rows a unit types: all; those it answers for, the rest read-only (context); "
        "only those it answers for (own)."))
    reminder_offsets = serializers.ListField(
        child=StrictIntegerField(min_value=-60, max_value=60), required=False)
    milestones = MilestoneSerializer(many=True, required=False)


class CopySerializer(InputSerializer):
    code = serializers.SlugField(max_length=64, required=False, allow_blank=True,
                                 help_text="default: the source's code with its years rolled")
    title = serializers.CharField(max_length=400, required=False, allow_blank=True,
                                  help_text="default: the source's title with its years rolled")
    years = serializers.IntegerField(min_value=1, max_value=10, required=False, default=1)


class AssignSerializer(InputSerializer):
    units = serializers.ListField(child=serializers.CharField(), allow_empty=False)
    forms = serializers.ListField(child=serializers.CharField(), allow_empty=False)
    deadline = serializers.DateField(required=False, allow_null=True)


class TemplateRowSerializer(serializers.ModelSerializer):
    indicator: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit = serializers.SerializerMethodField()

    class Meta:
        model = TemplateRow
        fields = ["id", "position", "number", "label", "indicator", "unit", "indent", "required"]

    def get_unit(self, obj: TemplateRow) -> str:
        return obj.indicator.unit if obj.indicator else ""


class TemplateColumnSerializer(serializers.ModelSerializer):
    class Meta:
        model = TemplateColumn
        fields = ["key", "label_pattern", "source", "value_kind", "period_pattern", "formula",
                  "rate_formula", "unit_label"]


class FormTemplateSerializer(serializers.ModelSerializer):
    rows = TemplateRowSerializer(many=True, read_only=True)
    columns = TemplateColumnSerializer(many=True, read_only=True)

    class Meta:
        model = FormTemplate
        fields = ["code", "version", "name", "kind", "description", "rows", "columns"]


class SubmissionSerializer(serializers.ModelSerializer):
    round: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    unit: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    subject_unit: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", read_only=True)
    form: serializers.SlugRelatedField = serializers.SlugRelatedField(source="template", slug_field="code", read_only=True)
    late = serializers.SerializerMethodField()

    class Meta:
        model = Submission
        fields = ["id", "round", "unit", "subject_unit", "form", "status", "deadline",
                  "submitted_at", "accepted_at", "version", "late"]

    def get_late(self, obj: Submission) -> bool:
        return submission_is_late(obj)


class CellChangeSerializer(InputSerializer):
    row = serializers.CharField(help_text="row id, or the indicator code")
    column = serializers.CharField()
    value = serializers.JSONField(required=False, allow_null=True,
                                  help_text="a number, or text such as “7,5” or “2.000”")
    note = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    version = serializers.IntegerField(min_value=0, help_text="the cell version you saw (0: new)")

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        result = super().to_internal_value(data)
        if "value" in data:
            result["value"] = data["value"]
        return result


class ReturnSerializer(InputSerializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    cell_comments = serializers.ListField(
        child=serializers.DictField(), required=False,
        help_text="per cell {row, column, text}; per section of the written part {section, text}")
    version = serializers.IntegerField(required=False)


class ActionSerializer(InputSerializer):
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, help_text="the submission version you saw")


class ProposalSerializer(InputSerializer):
    kind = serializers.ChoiceField(choices=ProposalKind.choices)
    text = serializers.CharField()
    lead_unit: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.all(),
                                             required=False, allow_null=True)
    coordinating_units: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="code", many=True,
                                                      queryset=Unit.objects.all(), required=False)
    period = serializers.CharField(required=False, allow_blank=True, max_length=16)
    product = serializers.CharField(required=False, allow_blank=True, max_length=400)
    cost = serializers.DecimalField(max_digits=NUMBER_DIGITS, decimal_places=NUMBER_PLACES, required=False,
                                    allow_null=True, min_value=0,
                                    help_text="tỷ đồng")


# --- the written part -----------------------------------------------------------------------

class TextChangeSerializer(InputSerializer):
    section = serializers.ChoiceField(choices=SectionKey.choices, help_text="the section's key")
    text = serializers.CharField(allow_blank=True, trim_whitespace=False,
                                 help_text="paragraphs one per line; list items start with “- ”")
    version = serializers.IntegerField(min_value=0,
                                       help_text="the section's version you saw (0: not written)")


class RoundSectionSerializer(InputSerializer):
    key = serializers.ChoiceField(choices=SectionKey.choices)
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    max_words = serializers.IntegerField(required=False, allow_null=True, min_value=1,
                                         max_value=20_000, help_text="length guide (words)")
    guidance = serializers.CharField(required=False, allow_blank=True)
    report_part = serializers.CharField(read_only=True)


class PassageSerializer(InputSerializer):
    text = serializers.CharField(allow_blank=True, trim_whitespace=False)
    sources: serializers.SlugRelatedField = serializers.SlugRelatedField(
        slug_field="code", queryset=Unit.objects.all(), many=True, required=False,
        help_text="codes of the units the passage came from (none: written by the office)")


class CompiledWriteSerializer(InputSerializer):
    version = serializers.IntegerField(min_value=0, help_text="the draft's version you saw")
    passages = PassageSerializer(many=True)


class TextsUploadSerializer(InputSerializer):
    file = serializers.FileField()
    fallback = serializers.ChoiceField(choices=SectionKey.choices, required=False,
                                       help_text="the section that takes text without heading")
