"""Schemathesis against the API's own schema: every GET endpoint, with generated parameters, as a
signed-in token user. Each answer is 2xx, 401/403/404/422 or 429 (never 5xx); an error is a
Swedish problem document; a 200 matches the schema. A bounded number of examples per endpoint."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.core.transport import Response

from styrkort.api.main import api as ninja_api
from styrkort.api.problems import TITLES
from styrkort.goals.models import Measurement

SCHEMA = schemathesis.openapi.from_dict(json.loads(json.dumps(ninja_api.get_openapi_schema())))
SLOW = "/documents/"  # renders PDF/DOCX; covered by test_rights.py
OPERATIONS = [
    result.ok()
    for result in SCHEMA.get_all_operations()
    if result.ok().method.upper() == "GET" and SLOW not in result.ok().path
]
REAL = {"code": "sdn-test", "period": "2026-T1"}


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: f"GET {operation.path}")
def test_every_get_endpoint_answers_generated_requests_without_a_server_error(operation, api, report):
    caller = api("anna")
    real = {
        **REAL,
        "pk": Measurement.objects.filter(organisation__code="sdn-test").values_list("pk", flat=True)[0],
    }

    @settings(
        max_examples=15,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(case=operation.as_strategy(), use_real=st.booleans())
    def run(case, use_real):
        parameters = dict(case.path_parameters or {})
        if use_real:  # half the cases address the existing report, so the 200 path is exercised
            parameters.update({name: real[name] for name in parameters if name in real})
        path = case.operation.path
        for name, value in parameters.items():
            path = path.replace("{" + name + "}", quote(str(value), safe=""))
        response = caller.get(path, **(case.query or {}))
        assert response.status_code < 500, response.content
        if response.status_code >= 400:
            assert response["Content-Type"] == "application/problem+json"
            problem = response.json()
            assert problem["status"] == response.status_code
            assert problem["title"] == TITLES[response.status_code]
        else:
            assert response.status_code == 200
            case.operation.validate_response(_as_schemathesis(response))  # raises on a mismatch

    run()


def _as_schemathesis(response) -> Response:
    """A Django test response as schemathesis reads one (to check it against the schema)."""
    headers = {name: [value] for name, value in response.items()}
    return Response(response.status_code, headers, response.content, requests.PreparedRequest(), 0.0, False)


def test_the_schema_check_itself_catches_a_response_that_does_not_match(db):
    operation = next(op for op in OPERATIONS if op.path == "/api/v1/organisations")
    wrong = Response(
        200,
        {"Content-Type": ["application/json"]},
        b'{"items": [{"code": 5}], "count": "many"}',
        requests.PreparedRequest(),
        0.0,
        False,
    )
    with pytest.raises(BaseException) as raised:  # schemathesis raises a FailureGroup
        operation.validate_response(wrong)
    found = getattr(raised.value, "exceptions", (raised.value,))
    assert any(type(error).__name__ == "JsonSchemaError" for error in found)
