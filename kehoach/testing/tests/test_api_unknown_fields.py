"""Every request body refuses the fields it does not take (``kehoach.api.fields.KnownFieldsMixin``):
the schema says ``additionalProperties: false`` for each, and the bodies checked by a Django form
(override, judgement, task assessment, report job) answer 400 naming the unknown field and store
nothing."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from kehoach.testing import PASSWORD

pytestmark = pytest.mark.django_db


def _request_schemas(schema: dict) -> list[tuple[str, str, dict]]:
    components = schema["components"]["schemas"]
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            content = (operation.get("requestBody") or {}).get("content", {})
            for media, body in content.items():
                ref = body["schema"].get("$ref", "")
                resolved = components[ref.rsplit("/", 1)[-1]] if ref else body["schema"]
                found.append((f"{method.upper()} {path} {media}", path, resolved))
    return found


def test_every_request_body_refuses_unknown_fields(planner_client):
    schema = planner_client.get("/api/v1/openapi.json").json()
    bodies = _request_schemas(schema)
    assert len(bodies) > 40
    open_ = [label for label, _, body in bodies
             if body.get("type") == "object" and body.get("properties")
             and body.get("additionalProperties") is not False]
    assert open_ == [], open_
    rounds = [b for label, _, b in bodies if label.startswith("PATCH /api/v1/rounds/{code}/ ")]
    assert rounds and rounds[0]["additionalProperties"] is False


def test_token_refuses_an_unknown_field(planner):
    client = Client()
    response = client.post("/api/v1/token/", {"username": planner.username, "password": PASSWORD,
                                              "expires": "2099-01-01"})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["expires"]
    assert not Token.objects.exists()
    good = client.post("/api/v1/token/", {"username": planner.username, "password": PASSWORD})
    assert good.status_code == 200 and Token.objects.get().user == planner


@pytest.mark.django_db
def test_many_unknown_fields_get_a_short_answer():
    body = {"username": "x", "password": "y", **{f"k{i}": i for i in range(5000)}}
    response = Client().post("/api/v1/token/", json.dumps(body), content_type="application/json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert list(fields) == [f"k{i}" for i in range(20)] and len(response.content) < 20_000
