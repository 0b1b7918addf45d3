"""The API root and token issuing."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.exceptions import Throttled, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.reverse import reverse
from rest_framework.views import APIView

from kehoach.api.auth import token_expires_at
from kehoach.api.fields import KnownFieldsMixin
from kehoach.api.services import api_token_issue
from kehoach.core.gate import Public
from kehoach.core.signin import signin_locked_message


class ApiRoot(APIView):
    permission_classes = [Public]

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        return Response(
            {
                "schema": reverse("api-schema", request=request),
                "docs": reverse("api-docs", request=request),
                "message": _("API của kehoach. Xác thực bằng token: Authorization: Token <khóa>."),
            }
        )


class TokenRequestSerializer(KnownFieldsMixin, AuthTokenSerializer):
    """``username`` and ``password``, nothing else."""


class TokenView(ObtainAuthToken):
    """POST ``username`` and ``password``; get the user's API token (created on first call,
    replaced once expired). Too many wrong passwords: 429 with ``Retry-After``."""

    serializer_class = TokenRequestSerializer

    @extend_schema(
        responses={
            200: inline_serializer("ApiToken", {"token": serializers.CharField(),
                                                "expires": serializers.DateTimeField()}),
            400: OpenApiResponse(description="Wrong username or password"),
            429: OpenApiResponse(description="Sign-in locked after too many wrong passwords"),
        }
    )
    def post(self, request: Request, *args: object, **kwargs: object) -> Response:
        serializer = self.get_serializer(data=request.data)
        try:
            serializer.is_valid(raise_exception=True)
        except ValidationError:
            wait = getattr(request, "signin_wait", 0)
            if wait:
                raise Throttled(wait, detail=signin_locked_message(wait))
            raise
        token = api_token_issue(user=serializer.validated_data["user"])
        return Response({"token": token.key, "expires": token_expires_at(token)})
