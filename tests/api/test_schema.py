"""The OpenAPI 3 schema is valid, and the documentation page needs nothing from the internet."""

from __future__ import annotations

import re

from django.contrib.staticfiles import finders
from django.test import Client
from openapi_spec_validator import validate

from tests.api.conftest import API


def test_the_schema_is_a_valid_openapi_3_document(client, db):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for expected in (
        "/api/v1/organisations",
        "/api/v1/periods",
        "/api/v1/reports",
        "/api/v1/reports/{code}/{period}",
        "/api/v1/reports/{code}/{period}/goals",
        "/api/v1/reports/{code}/{period}/indicators/{pk}",
        "/api/v1/reports/{code}/{period}/activities",
        "/api/v1/reports/{code}/{period}/economy",
        "/api/v1/reports/{code}/{period}/findings",
        "/api/v1/reports/{code}/{period}/documents/{kind}",
    ):
        assert expected in paths
    assert "patch" in schema["paths"]["/api/v1/reports/{code}/{period}/indicators/{pk}"]
    schemes = schema["components"]["securitySchemes"].values()
    assert {"type": "http", "scheme": "bearer"} in schemes


def test_the_docs_page_loads_its_scripts_from_the_application_not_a_cdn(client, db):
    response = client.get(f"{API}/docs")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any("swagger-ui-bundle.js" in source for source in sources)
    assert all(source.startswith("/") for source in sources), sources
    for script in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui-init.js", "ninja/swagger-ui.css"):
        assert finders.find(script), f"{script} is not among the static files"


def test_an_unknown_path_under_the_api_is_a_problem_not_a_web_page(client, db):
    response = client.get(f"{API}/finns-inte")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Finns inte"


def test_a_method_the_path_does_not_take_and_a_broken_body_are_problems(api, report):
    caller = api("anna")
    client = Client()
    response = client.post(f"{API}/reports", {}, headers=caller.headers)
    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "Metoden stöds inte" and "GET" in response["Allow"]
    response = client.generic(
        "PATCH",
        f"{API}/reports/sdn-test/2026-T1/indicators/1",
        b"{inte json",
        "application/json",
        headers=caller.headers,
    )
    assert response.status_code in (400, 422)
    assert response["Content-Type"] == "application/problem+json"
    assert "Inget ändrades" in response.json()["detail"]
