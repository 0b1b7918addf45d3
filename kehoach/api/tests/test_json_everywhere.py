"""The API speaks JSON: the schema by default, and the error shape for unknown paths."""

from __future__ import annotations

import json

import pytest
from django.test import RequestFactory

from kehoach.api.errors import server_error

pytestmark = pytest.mark.django_db


def test_the_schema_is_json_by_default(anon_client):
    response = anon_client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json") or \
        response["Content-Type"].startswith("application/json")
    schema = json.loads(response.content)
    assert schema["openapi"].startswith("3.") and "/api/v1/units/" in schema["paths"]


@pytest.mark.parametrize("path", ["/api/v1/khong-co/", "/api/v1/units/KHONG/x/y/", "/api/v2/"])
def test_unknown_api_paths_answer_the_json_error_shape(planner_client, path):
    response = planner_client.get(path)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    error = response.json()["error"]
    assert error["code"] == "not_found" and error["fields"] == {}
    assert error["message"] == f"Không có địa chỉ API này: {path}"


def test_unknown_pages_keep_the_product_s_page(anon_client):
    response = anon_client.get("/khong-co-trang-nay/")
    assert response.status_code == 404 and "<html" in response.content.decode()


def test_a_server_error_under_the_api_is_json_too():
    response = server_error(RequestFactory().get("/api/v1/units/"))
    assert response.status_code == 500 and json.loads(response.content)["error"]["code"] == (
        "server_error")
    page = server_error(RequestFactory().get("/ke-hoach/"))
    assert page.status_code == 500 and b"<html" in page.content


def test_the_schema_is_built_once_per_language(planner_client, anon_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kehoach.api import schema

    schema._BUILT.clear()
    first = anon_client.get("/api/v1/openapi.json").content
    assert set(schema._BUILT) == {"vi"}
    with CaptureQueriesContext(connection) as queries:
        again = planner_client.get("/api/v1/openapi.json")
    assert again.content == first and len(queries) <= 2
    docs = planner_client.get("/api/v1/docs/")  # its start script is a file (CSP): ?script=
    assert docs.status_code == 200 and b"/api/v1/docs/?script=" in docs.content
    assert b"/api/v1/openapi.json" in planner_client.get("/api/v1/docs/?script=").content
