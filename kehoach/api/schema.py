"""The OpenAPI schema, served as JSON and built once per language per process.

Building it walks every endpoint (about 2 s on the demo); it changes only when the code does,
and every caller gets the same public schema (``SERVE_PUBLIC``), so the first request of each
language builds it and later ones, including the page ``/api/v1/docs/`` loads, reuse it.
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.request import Request
from rest_framework.response import Response

_BUILT: dict[str, Any] = {}


class SchemaView(SpectacularJSONAPIView):
    def _get_schema_response(self, request: Request) -> Response:
        key = translation.get_language() or ""
        if key not in _BUILT:
            _BUILT[key] = super()._get_schema_response(request).data
        return Response(data=_BUILT[key], headers={
            "Content-Disposition": 'inline; filename="kehoach-openapi.json"'})


def schema_build(*, language: str) -> None:
    """Build and keep the schema of ``language`` now (``kehoach.warmup``), as a first request
    would."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get("/api/v1/openapi.json")
    request.user = AnonymousUser()
    with translation.override(language):
        SchemaView.as_view()(request).render()
