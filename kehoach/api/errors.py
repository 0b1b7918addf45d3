"""One JSON shape for every API error: ``{"error": {"code", "message", "fields"}}``."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views import defaults
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from kehoach.api.messages import vietnamese_first
from kehoach.core.concurrency import EditConflict


def _flatten(detail: Any) -> str:
    if isinstance(detail, list):
        return "; ".join(_flatten(d) for d in detail)
    if isinstance(detail, dict):
        return "; ".join(f"{k}: {_flatten(v)}" for k, v in detail.items())
    return str(detail)


def error_response(code: str, message: str, http_status: int, fields: dict | None = None) -> Response:
    return Response(
        {"error": {"code": code, "message": message, "fields": fields or {}}}, status=http_status
    )


#: How DRF's JSON parser starts its message (English, with Python's reason after it).
JSON_PARSE_ERROR = "JSON parse error - "


def exception_handler(exc: Exception, context: dict) -> Response | None:
    if isinstance(exc, EditConflict):  # someone saved in between: 409, who changed what
        conflict = error_response("conflict", "; ".join(exc.messages), status.HTTP_409_CONFLICT)
        conflict.data["error"]["conflict"] = exc.details
        return conflict
    if isinstance(exc, DjangoValidationError):
        field_errors = exc.message_dict if hasattr(exc, "error_dict") else {}
        message = "; ".join(exc.messages)
        return error_response("invalid", message, status.HTTP_400_BAD_REQUEST, field_errors)
    if isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith(JSON_PARSE_ERROR):
        reason = str(exc.detail).removeprefix(JSON_PARSE_ERROR)
        exc = exceptions.ParseError(str(vietnamese_first(
            gettext_noop("Nội dung JSON không đọc được: {e}"), "JSON parse error - {e}")
        ).format(e=reason))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Không tìm thấy."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    detail = response.data
    fields: dict = {}
    if isinstance(exc, exceptions.ValidationError):
        code = "invalid"
        if isinstance(detail, dict):
            fields = {k: v if isinstance(v, list) else [v] for k, v in detail.items()}
        message = _("Dữ liệu không hợp lệ: %(d)s") % {"d": _flatten(detail)}
    else:
        code = getattr(exc, "default_code", "error")
        message = _flatten(detail.get("detail", detail) if isinstance(detail, dict) else detail)
    response.data = {"error": {"code": code, "message": message, "fields": fields}}
    return response


API_PREFIX = "/api/"


def _json_error(code: str, message: str, http_status: int) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "fields": {}}},
                        status=http_status, json_dumps_params={"ensure_ascii": False})


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """``handler404``: the API's JSON error shape under ``/api/``, the product's page elsewhere."""
    if request.path.startswith(API_PREFIX):
        return _json_error("not_found", _("Không có địa chỉ API này: %(p)s") % {"p": request.path},
                           404)
    return defaults.page_not_found(request, exception)  # type: ignore[arg-type]


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: the JSON error shape under ``/api/``, the product's page elsewhere."""
    if request.path.startswith(API_PREFIX):
        return _json_error("server_error", _("Lỗi máy chủ; hãy thử lại sau hoặc báo quản trị."),
                           500)
    return defaults.server_error(request)
