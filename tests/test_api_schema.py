"""schemathesis against the OpenAPI schema: no 5xx for any generated request (bounded).

The operations are driven through hypothesis directly (schemathesis' pytest plugin does not
load under pytest 9 here).
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode

from communique.api.app import create_app
from web_fixtures import filled_store

EXAMPLES_PER_OPERATION = 20


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory):
    store = filled_store(f"sqlite:///{tmp_path_factory.mktemp('schema') / 's.db'}")
    app = create_app(store=store, token="tok")
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    store.close()


def test_no_server_errors(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    failures: list[str] = []
    statuses: list[int] = []
    for operation, mode in [(op, m) for op in operations for m in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)]:

        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case):
            response = case.call()
            statuses.append(response.status_code)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path} {case.query}: {response.status_code}")

        check()
    assert not failures, failures
    assert len(statuses) >= 5 * len(operations)
    assert 200 in statuses and 422 in statuses  # both valid and invalid requests were sent
