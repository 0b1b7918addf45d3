"""The written part through the API: a submission's sections (read, write with versions: 409 on
a conflict; a .docx), a round's sections, every unit's texts by section (planning office and
leaders; ``?download=docx``) and the province's compiled drafts."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kehoach.api.errors import error_response
from kehoach.api.params import choice_parameter, query_choice
from kehoach.core import permissions
from kehoach.core.files import FileRefused, read_upload
from kehoach.core.gate import gate
from kehoach.core.http import content_disposition
from kehoach.reporting import selectors, services
from kehoach.reporting.errors import TextProblems, VersionConflict
from kehoach.reporting.models import Round, RoundSection, Submission
from kehoach.reporting.serializers import (
    CompiledWriteSerializer,
    RoundSectionSerializer,
    TextChangeSerializer,
    TextsUploadSerializer,
)
from kehoach.reporting.texts_docx import round_texts_docx, round_texts_filename

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _valid(serializer_class: type, data: Any, **kwargs: Any) -> Any:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _entry(e: dict[str, Any]) -> dict[str, Any]:
    return {
        "key": e["key"],
        "title": e["title"],
        "report_part": e["section"].report_part,
        "max_words": e["max_words"],
        "guidance": e["guidance"],
        "text": e["text"],
        "version": e["version"],
        "words": e["words"],
        "over": e["over"],
        "updated_by": e["updated_by"],
        "updated_at": e["updated_at"],
    }


def submission_texts_data(submission: Submission) -> dict[str, Any]:
    return {
        "submission": submission.pk,
        "status": submission.status,
        "version": submission.version,
        "sections": [
            {
                **_entry(e),
                "comments": [
                    {"text": c.text, "author": str(c.author or ""), "at": c.at}
                    for c in e["comments"]
                ],
            }
            for e in selectors.submission_texts(submission=submission)
        ],
    }


class SubmissionTexts(APIView):
    """GET the round's sections with what the unit wrote (``version``, ``words``, ``over``: longer
    than the guide, a warning only; the office's comments). PUT a list of ``{section, text,
    version}``: all or nothing, 409 when a section changed since the version sent; refused
    (400) once the submission is sent or accepted, as for cells."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiResponse(description="the submission's sections"))
    def get(self, request: Request, pk: int) -> Response:
        submission = selectors.submission_get_for_user(user=request.user, pk=pk)
        return Response(submission_texts_data(submission))

    @extend_schema(
        request=TextChangeSerializer(many=True),
        responses={
            200: OpenApiResponse(description="the submission's sections"),
            409: OpenApiResponse(description="conflict: the current text"),
        },
    )
    def put(self, request: Request, pk: int) -> Response:
        submission = selectors.submission_get_for_user(user=request.user, pk=pk, write=True)
        if not isinstance(request.data, list) or not request.data:
            raise ValidationError({"sections": [_("Gửi một danh sách các mục viết.")]})
        changes = _valid(TextChangeSerializer, request.data, many=True)
        try:
            services.submission_texts_save(
                submission=submission,
                actor=request.user,
                changes=[dict(c) for c in changes],
                source="api",
            )
        except TextProblems as exc:
            code, http = ("conflict", 409) if exc.is_conflict else ("invalid", 400)
            return error_response(code, "; ".join(exc.messages), http, {"sections": exc.problems})
        submission.refresh_from_db()
        return Response(submission_texts_data(submission))


class SubmissionTextsDocx(APIView):
    """POST a .docx (multipart ``file``): headings matched to the sections; ``fallback``: the
    section that takes text under no recognisable heading (required when there is such text)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": TextsUploadSerializer},
        responses=OpenApiResponse(description="what was filled, and the sections"),
    )
    def post(self, request: Request, pk: int) -> Response:
        submission = selectors.submission_get_for_user(user=request.user, pk=pk, write=True)
        data = _valid(TextsUploadSerializer, request.data)
        try:
            content = read_upload(data["file"])
        except FileRefused as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        result = services.submission_texts_import_docx(
            submission=submission,
            data=content,
            actor=request.user,
            fallback=data.get("fallback", ""),
        )
        submission.refresh_from_db()
        return Response({**result, **submission_texts_data(submission)})


class RoundSections(APIView):
    """GET the round's text sections (whoever sees the round); PUT the list (planning office):
    ``[{key, title?, max_words?, guidance?}]`` in order; a section already written in cannot be
    removed."""

    permission_classes = [gate(write=permissions.can_manage_rounds)]

    @extend_schema(responses=RoundSectionSerializer(many=True))
    def get(self, request: Request, code: str) -> Response:
        round = selectors.round_get_for_user(user=request.user, code=code)
        return Response(
            RoundSectionSerializer(selectors.round_sections(round=round), many=True).data
        )

    @extend_schema(
        request=RoundSectionSerializer(many=True), responses=RoundSectionSerializer(many=True)
    )
    def put(self, request: Request, code: str) -> Response:
        round = selectors.round_get_for_user(user=request.user, code=code, write=True)
        if not isinstance(request.data, list):
            raise ValidationError({"sections": [_("Gửi một danh sách các mục viết.")]})
        items = _valid(RoundSectionSerializer, request.data, many=True)
        saved = services.round_sections_set(
            round=round, sections=[dict(i) for i in items], actor=request.user
        )
        return Response(RoundSectionSerializer(saved, many=True).data)


def _round_for_texts(request: Request, code: str) -> Round:
    return selectors.round_get_for_user(user=request.user, code=code)


class RoundTexts(APIView):
    """Every unit's text, section by section (planning office, leaders);
    ``?download=docx``: the same as a Decree 30 .docx for reading offline."""

    permission_classes = [gate(read=permissions.can_read_round_texts)]

    @extend_schema(
        parameters=[choice_parameter("download", ["docx"], "the texts as a .docx instead of JSON")],
        responses=OpenApiResponse(description="sections, each with every unit's text"),
    )
    def get(self, request: Request, code: str) -> Response | HttpResponse:
        fmt = query_choice(request, "download", ["docx"])
        round = _round_for_texts(request, code)
        if fmt == "docx":
            return HttpResponse(
                round_texts_docx(round=round, unit=getattr(request.user, "unit", None)),
                content_type=DOCX_TYPE,
                headers={"Content-Disposition": content_disposition(round_texts_filename(round))},
            )
        return Response(
            [
                {
                    "key": section.key,
                    "title": section.title,
                    "report_part": section.report_part,
                    "units": [
                        {
                            "unit": e["unit"].code,
                            "unit_name": e["unit"].name,
                            "submission": e["submission"].pk,
                            "status": e["submission"].status,
                            "text": e["text"],
                            "version": e["version"],
                            "words": e["words"],
                            "over": e["over"],
                        }
                        for e in selectors.round_section_texts(section=section)
                    ],
                }
                for section in selectors.round_sections(round=round)
            ]
        )


class RoundCompiled(APIView):
    """The province's compiled drafts of every section, by key, as the report generator reads
    them (``reporting.selectors.round_compiled_sections``)."""

    permission_classes = [gate(read=permissions.can_read_round_texts)]

    @extend_schema(
        responses=OpenApiResponse(
            description="{key: {title, report_part, paragraphs: [{text, sources}]}}"
        )
    )
    def get(self, request: Request, code: str) -> Response:
        round = _round_for_texts(request, code)
        return Response(selectors.round_compiled_sections(round=round))


def _draft(section: RoundSection) -> dict[str, Any]:
    version, passages = selectors.compiled_passages(section=section)
    return {
        "key": section.key,
        "title": section.title,
        "report_part": section.report_part,
        "version": version,
        "passages": [
            {"text": p.text, "sources": [u.code for u in p.sources.all()]} for p in passages
        ],
    }


class RoundCompiledSection(APIView):
    """GET one section's draft (passages with their source units' codes, ``version``); PUT the
    whole draft (planning office): ``{version, passages: [{text, sources}]}``, 409 when it
    changed since ``version``."""

    permission_classes = [
        gate(read=permissions.can_read_round_texts, write=permissions.can_compile_texts)
    ]

    @extend_schema(
        operation_id="rounds_compiled_section_retrieve",
        responses=OpenApiResponse(description="the draft's passages"),
    )
    def get(self, request: Request, code: str, key: str) -> Response:
        round = _round_for_texts(request, code)
        return Response(_draft(selectors.round_section_get(round=round, key=key)))

    @extend_schema(
        operation_id="rounds_compiled_section_update",
        request=CompiledWriteSerializer,
        responses={
            200: OpenApiResponse(description="the draft's passages"),
            409: OpenApiResponse(description="changed since your version"),
        },
    )
    def put(self, request: Request, code: str, key: str) -> Response:
        round = selectors.round_get_for_user(user=request.user, code=code, write=True)
        section = selectors.round_section_get(round=round, key=key)
        data = _valid(CompiledWriteSerializer, request.data)
        try:
            services.compiled_section_save(
                section=section,
                actor=request.user,
                expected_version=data["version"],
                passages=[
                    {"text": p["text"], "sources": list(p.get("sources", []))}
                    for p in data["passages"]
                ],
            )
        except VersionConflict as exc:
            return error_response("conflict", "; ".join(exc.messages), 409)
        return Response(_draft(section))
