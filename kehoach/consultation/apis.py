"""``/api/v1/consultations/…``: public read and comments; the planning office writes."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.errors import error_response
from kehoach.api.pagination import Pagination
from kehoach.consultation import rules, selectors, serializers, services, synthesis, tasks
from kehoach.consultation.forms import SynthesisOptionsForm
from kehoach.consultation.models import Consultation
from kehoach.consultation.spam import (
    HONEYPOT_FIELD,
    RateLimited,
    client_ip,
    ip_hash,
    rate_limit_message,
)
from kehoach.core import permissions
from kehoach.core.constants import XLSX_CONTENT_TYPE
from kehoach.core.gate import LoggedIn, Public, PublicRead, gate
from kehoach.core.http import content_disposition


class ConsultationListApi(APIView):
    """Consultations the user may see (the public: open and closed published ones)."""

    permission_classes = [gate(read=permissions.anyone, write=rules.can_manage_consultations)]
    pagination_class = Pagination

    @extend_schema(responses=serializers.ConsultationSerializer(many=True))
    def get(self, request: Request) -> Response:
        qs = selectors.consultation_list_for_user(user=request.user).prefetch_related(
            "invited_units")
        status_filter = request.query_params.get("status", "")
        items = [c for c in qs if not status_filter or c.status == status_filter]
        paginator = Pagination()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response(
            serializers.ConsultationSerializer(page, many=True).data)

    @extend_schema(request=serializers.ConsultationInputSerializer,
                   responses={201: serializers.ConsultationDetailSerializer})
    def post(self, request: Request) -> Response:
        data = _valid(serializers.ConsultationInputSerializer, request.data)
        units = data.pop("invited_units", [])
        consultation = services.consultation_create(actor=request.user, invited_units=units,
                                                    **data)
        return Response(serializers.ConsultationDetailSerializer(consultation).data,
                        status=status.HTTP_201_CREATED)


def _valid(serializer_class: Any, data: Any, **kwargs: Any) -> dict[str, Any]:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ConsultationDetailApi(APIView):
    permission_classes = [PublicRead]

    @extend_schema(responses=serializers.ConsultationDetailSerializer)
    def get(self, request: Request, slug: str) -> Response:
        consultation = selectors.consultation_get_for_user(user=request.user, slug=slug)
        return Response(serializers.ConsultationDetailSerializer(consultation).data)

    @extend_schema(request=serializers.ConsultationInputSerializer,
                   responses=serializers.ConsultationDetailSerializer)
    def patch(self, request: Request, slug: str) -> Response:
        consultation = selectors.consultation_get_for_user(user=request.user, slug=slug,
                                                           write=True)
        data = _valid(serializers.ConsultationInputSerializer, request.data, partial=True)
        data.pop("slug", None)
        units = data.pop("invited_units", None)
        consultation = services.consultation_update(
            consultation=consultation, actor=request.user, invited_units=units,
            data=cast(services.ConsultationChanges, data))
        return Response(serializers.ConsultationDetailSerializer(consultation).data)


class SectionListApi(APIView):
    permission_classes = [PublicRead]

    @extend_schema(responses=serializers.SectionSerializer(many=True))
    def get(self, request: Request, slug: str) -> Response:
        consultation = selectors.consultation_get_for_user(user=request.user, slug=slug)
        sections = [s for s, _depth in selectors.section_flat(consultation=consultation)]
        return Response(serializers.SectionSerializer(sections, many=True).data)

    @extend_schema(request=serializers.SectionInputSerializer,
                   responses={201: serializers.SectionSerializer})
    def post(self, request: Request, slug: str) -> Response:
        consultation = selectors.consultation_get_for_user(user=request.user, slug=slug,
                                                           write=True)
        data = _valid(serializers.SectionInputSerializer, request.data)
        parent_id = data.pop("parent")
        parent = (selectors.section_get(consultation=consultation, section_id=parent_id)
                  if parent_id else None)
        section = services.section_create(consultation=consultation, actor=request.user,
                                          parent=parent, **data)
        return Response(serializers.SectionSerializer(section).data,
                        status=status.HTTP_201_CREATED)


class CommentListApi(APIView):
    """GET: published comments with their answers (everything for the planning office).
    POST: send a comment (no login; rate-limited; invited bodies with ``author_kind=unit``)."""

    permission_classes = [Public]
    pagination_class = Pagination

    @extend_schema(responses=serializers.CommentSerializer(many=True))
    def get(self, request: Request, slug: str) -> Response:
        consultation = selectors.consultation_get_for_user(user=request.user, slug=slug)
        comments = selectors.comment_list_for_user(
            user=request.user, consultation=consultation,
            status=request.query_params.get("status", ""))
        paginator = Pagination()
        page = paginator.paginate_queryset(comments, request, view=self)
        return paginator.get_paginated_response(serializers.CommentSerializer(
            page, many=True, context={"user": request.user}).data)

    @extend_schema(request=serializers.CommentInputSerializer,
                   responses={201: serializers.CommentReceiptSerializer})
    def post(self, request: Request, slug: str) -> Response:
        consultation = selectors.consultation_get_for_user(user=request.user, slug=slug)
        data = _valid(serializers.CommentInputSerializer, request.data)
        if data.pop(HONEYPOT_FIELD, "").strip():
            return error_response("rejected", _("Góp ý không được nhận."),
                                  status.HTTP_400_BAD_REQUEST)
        section_id = data.pop("section", None)
        section = (selectors.section_get(consultation=consultation, section_id=section_id)
                   if section_id else None)
        return self._submit(request, consultation, section, data)

    def _submit(self, request: Request, consultation: Consultation, section: Any,
                data: dict[str, Any]) -> Response:
        try:
            comment = services.comment_submit(
                consultation=consultation, section=section, user=request.user,
                ip_hash=ip_hash(client_ip(request)), **data)
        except RateLimited:
            return error_response("rate_limited", rate_limit_message(),
                                  status.HTTP_429_TOO_MANY_REQUESTS)
        site = request.build_absolute_uri("/").rstrip("/")
        tasks.comment_receipt_enqueue(comment=comment, site_url=site)
        body = serializers.CommentReceiptSerializer(comment, context={
            "user": request.user,
            "follow_url": services.comment_follow_url(comment=comment, site_url=site),
            "follow_api": request.build_absolute_uri(
                reverse("api-comment-follow", args=[comment.follow_token])),
        }).data
        return Response(body, status=status.HTTP_201_CREATED)


class CommentFollowApi(APIView):
    """A comment, its moderation status and the office's answer, for whoever holds its private
    token (given to the sender in the answer to POST …/comments/ and by e-mail)."""

    permission_classes = [Public]

    @extend_schema(responses=serializers.CommentFollowSerializer)
    def get(self, request: Request, token: str) -> Response:
        comment = selectors.comment_get_by_token(token=token)
        return Response(serializers.CommentFollowSerializer(comment).data)


def _comment_for_write(request: Request, slug: str, comment_id: int) -> Any:
    consultation = selectors.consultation_get_for_user(user=request.user, slug=slug, write=True)
    return selectors.comment_get_for_user(user=request.user, consultation=consultation,
                                          comment_id=comment_id, write=True)


class CommentModerateApi(APIView):
    permission_classes = [LoggedIn]

    @extend_schema(request=serializers.ModerateInputSerializer,
                   responses=serializers.CommentSerializer)
    def post(self, request: Request, slug: str, comment_id: int) -> Response:
        comment = _comment_for_write(request, slug, comment_id)
        data = _valid(serializers.ModerateInputSerializer, request.data)
        comment = services.comment_moderate(comment=comment, status=data["status"],
                                            actor=request.user)
        return Response(serializers.CommentSerializer(comment,
                                                      context={"user": request.user}).data)


class CommentResponseApi(APIView):
    permission_classes = [LoggedIn]

    @extend_schema(request=serializers.ResponseInputSerializer,
                   responses=serializers.CommentSerializer)
    def put(self, request: Request, slug: str, comment_id: int) -> Response:
        comment = _comment_for_write(request, slug, comment_id)
        data = _valid(serializers.ResponseInputSerializer, request.data)
        services.response_record(comment=comment, actor=request.user, **data)
        comment.refresh_from_db()
        return Response(serializers.CommentSerializer(comment,
                                                      context={"user": request.user}).data)

    post = put


class SynthesisApi(APIView):
    """The synthesis table as .docx or .xlsx (planning office), grouped by section of the
    draft, with the số ký hiệu, date (not before the consultation closed), signer and Nơi nhận
    given as query parameters."""

    permission_classes = [LoggedIn]

    @extend_schema(
        parameters=[
            OpenApiParameter("number", str, required=False, description="12 or 12/BC-STC"),
            OpenApiParameter("date", OpenApiTypes.DATE, required=False,
                             description="YYYY-MM-DD or DD/MM/YYYY, not before the close"),
            OpenApiParameter("signer_name", str, required=False),
            OpenApiParameter("signer_title", str, required=False),
            OpenApiParameter("signer_on_behalf", str, required=False,
                             description="KT. GIÁM ĐỐC; '-' when the head signs"),
            OpenApiParameter("recipients", str, required=False,
                             description="one recipient a line"),
        ],
        responses={
            (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"):
                OpenApiTypes.BINARY,  # synthesis.docx
            (200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"):
                OpenApiTypes.BINARY,  # synthesis.xlsx
        },
    )
    def get(self, request: Request, slug: str, ext: str) -> HttpResponse:
        consultation = selectors.consultation_get_for_user(user=request.user, slug=slug,
                                                           write=True)
        params = request.query_params
        form = SynthesisOptionsForm(params or None, consultation=consultation)
        if params and not form.is_valid():
            raise ValidationError({k: [str(m) for m in v] for k, v in form.errors.items()})
        options = form.options() if params else None
        builder = synthesis.synthesis_docx if ext == "docx" else synthesis.synthesis_xlsx
        mime = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                if ext == "docx" else
                XLSX_CONTENT_TYPE)
        response = HttpResponse(builder(consultation=consultation, options=options),
                                content_type=mime)
        name = synthesis.synthesis_filename(consultation, ext)
        response["Content-Disposition"] = content_disposition(name)
        return response

