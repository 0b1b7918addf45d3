"""Schemathesis against ``/api/v1/openapi.json``, in process (the WSGI app), with a planning-office
token and a reporter token over the demo province: no server error, no response that breaks
the schema or its documented status codes and content types, invalid requests refused, valid
ones not refused; every operation, a bounded number of generated requests each.

A schema-valid request may still be refused with 400 when it names what does not exist (a unit
or indicator code, a period a schema string cannot spell out): the check then asks for the API's
error shape naming the field, instead of Schemathesis' "valid request rejected"."""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from kehoach.core.models import User

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

EXAMPLES = int(os.environ.get("KEHOACH_SCHEMATHESIS_EXAMPLES", "4"))
#: Operations whose request bodies are files the fuzzer cannot build (multipart binaries);
#: they are fuzzed with real hostile files in the importers' own tests.
UPLOADS = ("/import/", "/xlsx/", "/extract/")
#: ``KEHOACH_SCHEMATHESIS_ONLY="GET /api/v1/public/dashboard/,PATCH /api/v1/rounds/{code}/"``
#: fuzzes only the operations whose label contains one of these (to check a fix quickly).
ONLY = [p.strip() for p in os.environ.get("KEHOACH_SCHEMATHESIS_ONLY", "").split(",") if p.strip()]
#: ``KEHOACH_SCHEMATHESIS_NEGATIVE=1`` also sends requests that break the schema (a parameter
#: outside its enum, a non-integer year, a body field of the wrong type) and checks they are
#: refused; ``KEHOACH_SCHEMATHESIS_EXAMPLES=N`` generates N requests an operation and mode.
MODES = [GenerationMode.POSITIVE] + (
    [GenerationMode.NEGATIVE] if os.environ.get("KEHOACH_SCHEMATHESIS_NEGATIVE") else [])


@schemathesis.check
def refused_with_reasons(ctx, response, case):
    """A schema-valid request refused with 400 must say which field and why (error shape)."""
    if response.status_code != 400 or case.meta is None:
        return None
    body = response.json()
    error = body.get("error", {}) if isinstance(body, dict) else {}
    assert error.get("code") and error.get("message"), body
    return None


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance, negative_data_rejection,
          positive_data_acceptance, ignored_auth, refused_with_reasons]


@pytest.fixture
def schema():  # loaded inside the test: the WSGI app reads the database
    # 429: sign-in lockout after repeated wrong passwords (POST /token/ with many examples)
    config = schemathesis.Config.from_dict({"checks": {
        "positive_data_acceptance": {"expected-statuses": ["2xx", "400", "401", "403", "404",
                                                           "409", "429"]},
    }})
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler(), config=config)


def _run(operation, token: str, mode: GenerationMode) -> list[str]:
    failures: list[str] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck), derandomize=True)
    def fuzz(case):
        try:
            case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)
        except (Exception, BaseExceptionGroup) as exc:  # noqa: BLE001 - collected, reported
            failures.append(f"{operation.label}: {str(exc)[:1500]}")

    try:
        fuzz()
    except Unsatisfiable:  # negative mode: an operation with nothing to break (no parameters)
        if mode is GenerationMode.POSITIVE:
            raise
    return failures


@pytest.mark.parametrize("username", ["kehoach", "soyte"])
def test_the_api_holds_to_its_schema(schema, username):
    call_command("load_demo", verbosity=0)
    token = Token.objects.create(user=User.objects.get(username=username)).key
    failures: list[str] = []
    tested = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if any(part in operation.path for part in UPLOADS):
            continue
        if ONLY and not any(part in operation.label for part in ONLY):
            continue
        for mode in MODES:
            failures += _run(operation, token, mode)
        tested += 1
    assert tested > 90 or (ONLY and tested)
    assert not failures, f"{len(failures)} failures:\n\n" + "\n\n".join(failures[:40])
