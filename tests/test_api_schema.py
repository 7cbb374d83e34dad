"""schemathesis against the OpenAPI schema: no 5xx for any generated request (bounded)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from communique.api.app import create_app
from web_fixtures import filled_store


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    store = filled_store(f"sqlite:///{tmp_path_factory.mktemp('schema') / 's.db'}")
    app = create_app(store=store, token="tok")
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    response = case.call()
    assert response.status_code < 500, (case.method, case.path, response.text[:500])
