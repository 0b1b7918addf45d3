"""``GET /api/v1/exports/<kind>/``: the exchange files of ``shared/docs/interfaces.md`` §1 (units,
indicators, plans, targets, values) and the programme's task and project tables, as a CSV download
(``?type=xlsx``: the same columns in an .xlsx sheet), written by the rows functions the
``kehoach export_*`` commands and the list pages' downloads use; only what the caller may see.

An app declares one endpoint by subclassing :class:`ExchangeExportApi` (``columns``, ``name``,
``rows``, and ``parameters`` for the schema).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.views import APIView

from kehoach.core.exchange.download import exchange_download
from kehoach.core.exchange.writer import CONTENT_TYPES

TYPES = ("csv", "xlsx")
TYPE_PARAMETER = OpenApiParameter(
    "type", str, enum=list(TYPES), description="csv (default, UTF-8 with a header row) or xlsx")


def export_schema(*, summary: str, parameters: Iterable[OpenApiParameter] = ()) -> Any:
    """``extend_schema`` of an export: its filters, the file types, the error answers."""
    return extend_schema(
        summary=summary,
        parameters=[TYPE_PARAMETER, *parameters],
        responses={
            (200, CONTENT_TYPES["csv"]): OpenApiResponse(OpenApiTypes.STR, description="CSV"),
            (200, CONTENT_TYPES["xlsx"]): OpenApiResponse(OpenApiTypes.BINARY,
                                                          description=".xlsx"),
        },
    )


class ExchangeExportApi(APIView):
    """Subclasses set ``columns``, ``name`` (the file name without extension) and ``rows``."""

    permission_classes = [IsAuthenticated]
    columns: tuple[str, ...] = ()
    name = "export"

    def rows(self, request: Request) -> Iterable[dict[str, Any]]:
        raise NotImplementedError

    def file_name(self, request: Request) -> str:
        return self.name

    def get(self, request: Request, *args: Any, **kwargs: Any) -> HttpResponse | StreamingHttpResponse:
        fmt = request.query_params.get("type", "csv")
        if fmt not in TYPES:
            raise ValidationError({"type": [_("Kiểu tệp phải là csv hoặc xlsx, không phải “%(t)s”.")
                                            % {"t": fmt[:20]}]})
        rows = self.rows(request)  # filters are checked before the download starts
        return exchange_download(columns=self.columns, rows=rows, fmt=fmt,
                                 name=self.file_name(request))


def query_text(request: Request, name: str) -> str:
    return request.query_params.get(name, "").strip()
