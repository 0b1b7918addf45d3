"""A web process warms up before it serves (gunicorn's master, before the workers fork): the
first /api/v1/docs/ and openapi.json of a worker took 2,8–3,4 s; after warming, no request
builds the schema and no worker inherits a database connection."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kehoach import gunicorn_conf
from kehoach.api import schema
from kehoach.warmup import warm_up


@pytest.mark.django_db
def test_warm_up_builds_the_schema_in_every_language(client, monkeypatch):
    monkeypatch.setattr(schema, "_BUILT", {})
    warm_up()
    assert set(schema._BUILT) == {"vi", "en"}
    assert schema._BUILT["vi"]["paths"] and schema._BUILT["en"]["paths"]

    def refuse(*args, **kwargs):
        raise AssertionError("the schema was built again")

    monkeypatch.setattr(schema.SpectacularJSONAPIView, "_get_schema_response", refuse)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.json()["paths"]
    assert len(ctx.captured_queries) == 0


def test_gunicorn_warms_up_in_the_master_before_forking(monkeypatch):
    called = []
    monkeypatch.setattr("kehoach.warmup.warm_up", lambda: called.append(True))
    assert gunicorn_conf.preload_app is True
    gunicorn_conf.when_ready(server=None)
    assert called == [True]


def test_a_failing_step_never_stops_the_server(monkeypatch, caplog):
    def broken(*, language):
        raise RuntimeError("schema broken")

    monkeypatch.setattr(schema, "schema_build", broken)
    warm_up()  # no exception
    assert "warm-up step schema vi failed" in caplog.text
