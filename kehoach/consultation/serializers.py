"""API shapes of the consultation app."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from kehoach.api.fields import InputSerializer
from kehoach.consultation import rules
from kehoach.consultation.models import (
    Audience,
    AuthorKind,
    Comment,
    CommentStatus,
    Consultation,
    ResponseKind,
    Section,
)
from kehoach.plans.models import Plan
from kehoach.units.models import Unit


class SectionSerializer(serializers.ModelSerializer):
    parent = serializers.PrimaryKeyRelatedField(read_only=True)  # type: ignore[assignment,var-annotated]
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]

    class Meta:
        model = Section
        fields = ["id", "parent", "number", "title", "label", "text", "position"]


class SectionInputSerializer(InputSerializer):
    number = serializers.CharField(max_length=16, required=False, allow_blank=True, default="")
    title = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    text = serializers.CharField(required=False, allow_blank=True, default="")
    parent = serializers.IntegerField(  # type: ignore[assignment]
        required=False, allow_null=True, default=None)
    position = serializers.IntegerField(required=False, allow_null=True, min_value=0,
                                        default=None)


class ConsultationSerializer(serializers.ModelSerializer):
    plan: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)
    invited_units: Any = serializers.SlugRelatedField(slug_field="code", many=True,
                                                      read_only=True)
    status = serializers.CharField(read_only=True)

    class Meta:
        model = Consultation
        fields = ["slug", "title", "plan", "description", "issuer", "issuer_parent", "place",
                  "opens_at", "closes_at", "audience", "invited_units", "is_published",
                  "status"]


class ConsultationDetailSerializer(ConsultationSerializer):
    sections = serializers.SerializerMethodField()

    class Meta(ConsultationSerializer.Meta):
        fields = [*ConsultationSerializer.Meta.fields, "sections"]

    def get_sections(self, obj: Consultation) -> list[dict[str, Any]]:
        return list(SectionSerializer(obj.sections.order_by("position", "id"), many=True).data)


class ConsultationInputSerializer(InputSerializer):
    title = serializers.CharField(max_length=500)
    slug = serializers.SlugField(max_length=100, required=False, allow_blank=True)
    plan = serializers.SlugRelatedField(slug_field="code", queryset=Plan.objects.all(),
                                        required=False, allow_null=True)
    description = serializers.CharField(required=False, allow_blank=True)
    issuer = serializers.CharField(max_length=255, required=False, allow_blank=True)
    issuer_parent = serializers.CharField(max_length=255, required=False, allow_blank=True)
    place = serializers.CharField(max_length=100, required=False, allow_blank=True)
    opens_at = serializers.DateTimeField()
    closes_at = serializers.DateTimeField()
    audience = serializers.ChoiceField(choices=Audience.choices, required=False)
    invited_units = serializers.SlugRelatedField(slug_field="code", queryset=Unit.objects.all(),
                                                 many=True, required=False)
    is_published = serializers.BooleanField(required=False)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        opens = attrs.get("opens_at", getattr(self.instance, "opens_at", None))
        closes = attrs.get("closes_at", getattr(self.instance, "closes_at", None))
        if opens and closes and opens >= closes:
            raise serializers.ValidationError(
                {"closes_at": _("Hạn cuối nhận góp ý phải sau thời điểm bắt đầu.")})
        return attrs


class ResponseSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    text = serializers.CharField()
    at = serializers.DateTimeField()


class CommentSerializer(serializers.ModelSerializer):
    section_label = serializers.SerializerMethodField()
    author = serializers.CharField(source="author_display")
    unit: Any = serializers.SlugRelatedField(slug_field="code", read_only=True)
    response = serializers.SerializerMethodField()
    reference = serializers.CharField(read_only=True, help_text="GY-<year>-<number>")

    class Meta:
        model = Comment
        fields = ["id", "reference", "section", "section_label", "author", "author_kind", "unit",
                  "text", "created_at", "response"]

    def get_section_label(self, obj: Comment) -> str:
        return obj.section.label if obj.section else ""

    def get_response(self, obj: Comment) -> dict[str, Any] | None:
        return _response(obj)

    def to_representation(self, instance: Comment) -> dict[str, Any]:
        data = super().to_representation(instance)
        if rules.can_see_contact(self.context.get("user")):
            data.update(status=instance.status, contact=instance.contact,
                        organisation=instance.organisation, author_name=instance.author_name)
        return data


def _response(obj: Comment) -> dict[str, Any] | None:
    response = getattr(obj, "response", None)
    return dict(ResponseSerializer(response).data) if response else None


class CommentReceiptSerializer(CommentSerializer):
    """What the sender gets back: the comment, its reference and its private link."""

    status = serializers.CharField(read_only=True)
    follow_url = serializers.SerializerMethodField(
        help_text="The private link (page) to follow the comment; keep it secret.")
    follow_api = serializers.SerializerMethodField(
        help_text="The same in the API: GET it for the status and the answer.")

    class Meta(CommentSerializer.Meta):
        fields = [*CommentSerializer.Meta.fields, "status", "follow_url", "follow_api"]

    def get_follow_url(self, obj: Comment) -> str:
        return str(self.context["follow_url"])

    def get_follow_api(self, obj: Comment) -> str:
        return str(self.context["follow_api"])


class CommentFollowSerializer(serializers.Serializer):
    """A comment as its sender follows it through the private link."""

    reference = serializers.CharField()
    consultation = serializers.CharField(source="consultation.slug")
    consultation_title = serializers.CharField(source="consultation.title")
    consultation_status = serializers.CharField(source="consultation.status")
    closes_at = serializers.DateTimeField(source="consultation.closes_at")
    section_label = serializers.SerializerMethodField()
    text = serializers.CharField()
    created_at = serializers.DateTimeField()
    status = serializers.ChoiceField(choices=CommentStatus.choices)
    status_label = serializers.CharField(source="get_status_display")
    response = serializers.SerializerMethodField()

    def get_section_label(self, obj: Comment) -> str:
        return obj.section.label if obj.section else ""

    def get_response(self, obj: Comment) -> dict[str, Any] | None:
        return _response(obj)


class CommentInputSerializer(InputSerializer):
    section = serializers.IntegerField(required=False, allow_null=True)
    author_kind = serializers.ChoiceField(choices=AuthorKind.choices, default=AuthorKind.CITIZEN)
    author_name = serializers.CharField(max_length=200, required=False, allow_blank=True,
                                        default="")
    organisation = serializers.CharField(max_length=255, required=False, allow_blank=True,
                                         default="")
    contact = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    text = serializers.CharField(max_length=10_000)
    website = serializers.CharField(required=False, allow_blank=True, default="")


class ModerateInputSerializer(InputSerializer):
    status = serializers.ChoiceField(choices=CommentStatus.choices)


class ResponseInputSerializer(InputSerializer):
    kind = serializers.ChoiceField(choices=ResponseKind.choices)
    text = serializers.CharField()
