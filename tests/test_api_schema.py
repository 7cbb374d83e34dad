"""schemathesis against the OpenAPI schema, with its default checks, on SQLite and PostgreSQL (bounded).

Every operation gets positive and negative examples; each answer goes through
schemathesis' default checks (no 5xx, documented status codes and content types,
response bodies true to their schema, auth really enforced, invalid data refused,
valid data accepted). The operations are driven through hypothesis directly
(schemathesis' pytest plugin does not load under pytest 9 here).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup

from communique.server import create_app
from test_store_support import drop_created_databases, pg_url_or_skip
from web_fixtures import filled_store

EXAMPLES_PER_OPERATION = 10
TOKEN = "tok"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
#: A schema-valid request may still be refused with 422 for what JSON Schema cannot say: a day that does not
#: exist (2023-02-29), a range that ends before it starts, a type or sector in lower case that names nothing, an
#: HTML page with no main text, an actor alignment cannot place. Such a 422 is not counted as a failure of
#: positive_data_acceptance; every other default check counts, and most valid requests must succeed.
SEMANTIC_STATUS = 422

@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    url = f"sqlite:///{tmp_path_factory.mktemp('schema') / 's.db'}" if request.param == "sqlite" else pg_url_or_skip()
    store = filled_store(url)
    app = create_app(store=store, token=TOKEN)
    yield app, schemathesis.openapi.from_asgi("/openapi.json", app)
    app.state.ingest.close()
    store.close()
    drop_created_databases()


def _failures(error: FailureGroup, case: Any, response: Any) -> list[str]:
    found = []
    for failure in error.exceptions:
        kind = type(failure).__name__
        if kind == "RejectedPositiveData" and response.status_code == SEMANTIC_STATUS:
            continue
        found.append(f"{case.operation.label} {kind}: {failure.title} ({response.status_code}; "
                     f"path={case.path_parameters} query={case.query} body={str(case.body)[:120]})")
    return found


def test_default_checks_pass(api: Any) -> None:
    app, schema = api
    from fastapi.testclient import TestClient

    with TestClient(app) as client:  # start the coding worker first (loading the pipeline takes a while)
        assert client.post("/api/articles", json={"text": "Peru and Chile held talks."}, headers=AUTH).status_code == 201
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 10
    failures: list[str] = []
    statuses: Counter[int] = Counter()
    positive: Counter[int] = Counter()  # statuses of the valid requests
    for operation, mode in [(op, m) for op in operations for m in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)]:

        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case: Any) -> None:
            response = case.call(headers=AUTH, timeout=120)
            statuses[response.status_code] += 1
            if case.meta is not None and case.meta.generation.mode == GenerationMode.POSITIVE:
                positive[response.status_code] += 1
            try:
                case.validate_response(response, headers=AUTH, transport_kwargs={"headers": AUTH, "timeout": 120})
            except FailureGroup as error:
                failures.extend(_failures(error, case, response))

        try:
            check()
        except Unsatisfiable:
            assert mode == GenerationMode.NEGATIVE  # a path of free strings has no invalid value to send
    assert not failures, "\n".join(sorted(set(failures)))
    assert sum(statuses.values()) >= 5 * len(operations)
    assert statuses[200] and statuses[422] and statuses[201] and not any(s >= 500 for s in statuses), statuses
    print(f"statuses of valid requests: {dict(positive)}")
    assert positive[SEMANTIC_STATUS] * 2 < sum(positive.values()), positive  # semantic refusals stay the exception
