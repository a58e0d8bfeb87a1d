"""Schemathesis over the server's own OpenAPI document: every operation, with generated inputs, signed in
and not, must never answer 5xx, and its answers must match the document.

The server runs in-process over a scratch database holding a small demo community and its users. Each
generated case is sent three times: as generated with a real token, with a real token and the device
and protocol the token belongs to (so push and pull get past the first refusals into the merge and
the scope), and without a token. ``GRIDLEDGER_FUZZ_EXAMPLES`` sets the examples per operation for a
longer run (default 25, which keeps the file well under a minute per database).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from sync.protocol import PROTOCOL_VERSION, ErrorAnswer
from tests.sync.conftest import PASSWORD, Desktop, Server

EXAMPLES = int(os.environ.get("GRIDLEDGER_FUZZ_EXAMPLES", "25"))
DEVICE = "fuzz-device-0001"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
NEGATIVE_CHECKS = [not_a_server_error, content_type_conformance, response_schema_conformance]
"""Inputs outside the document may meet framework answers it does not list (400 for a body that is not JSON)."""


@pytest.fixture
def api(server: Server, desktop: Callable[[str, str], Desktop]) -> schemathesis.schemas.BaseSchema:
    from app.services.demo import generate_demo

    secretary = desktop("secretary", "书记")
    generate_demo(secretary.db, seed=5, households=6)
    assert secretary.sync().rejected == 0
    return schemathesis.openapi.from_asgi("/openapi.json", server.app)


@pytest.fixture
def token(server: Server) -> str:
    answer = server.http.post("/auth/token", json={"user": "网格员一", "password": PASSWORD, "device_id": DEVICE,
                                                   "protocol": PROTOCOL_VERSION,
                                                   "client_time_ms": time.time_ns() // 1_000_000})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["token"])


def _aligned(body: Any) -> Any:
    """The generated body with the token's device and the server's protocol, when it has those fields."""
    if isinstance(body, dict):
        return {**body, **{k: v for k, v in (("device_id", DEVICE), ("protocol", PROTOCOL_VERSION)) if k in body}}
    return body


def _exercise(case: Any, token: str, checks: list[Any]) -> None:
    signed = {"Authorization": f"Bearer {token}"}
    case.call_and_validate(headers=signed, checks=checks)
    generated = case.body
    if isinstance(generated, dict):
        case.body = _aligned(generated)
        case.call_and_validate(headers=signed, checks=checks)
        case.body = generated
    case.call_and_validate(checks=checks)


def _fuzz(operation: Any, mode: GenerationMode, token: str) -> None:
    checks = CHECKS if mode == GenerationMode.POSITIVE else NEGATIVE_CHECKS

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def run(case: Any) -> None:
        _exercise(case, token, checks)

    try:
        run()
    except Exception as exc:
        exc.add_note(f"{operation.label} ({mode})")
        raise


def test_no_operation_answers_a_server_error(api: Any, token: str) -> None:
    operations = [result.ok() for result in api.get_all_operations()]
    assert {op.label for op in operations} >= {"POST /auth/token", "POST /sync/push", "POST /sync/pull",
                                                "GET /sync/conflicts", "GET /health", "HEAD /blobs/{sha256}",
                                                "PUT /blobs/{sha256}", "GET /blobs/{sha256}"}
    for operation in operations:
        _fuzz(operation, GenerationMode.POSITIVE, token)
        if operation.body or any(True for _ in operation.iter_parameters()):  # nothing to get wrong otherwise
            _fuzz(operation, GenerationMode.NEGATIVE, token)


# --- what the fuzzing found, kept as plain regression tests ------------------------------------------

def test_a_refusal_has_the_shape_the_document_gives(server: Server) -> None:
    answer = server.http.post("/sync/pull", json={"protocol": PROTOCOL_VERSION, "device_id": DEVICE})
    assert answer.status_code == 401
    assert ErrorAnswer.model_validate(answer.json()).detail.code == "not_authenticated"
    documented = server.app.openapi()["paths"]["/sync/pull"]["post"]["responses"]["401"]
    assert documented["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorAnswer")


def test_numbers_beyond_the_database_columns_are_refused_not_crashed(server: Server, token: str) -> None:
    signed = {"Authorization": f"Bearer {token}"}
    op = {"device_seq": 2**64, "table": "households", "row_id": "x", "kind": "delete", "hlc": "0", "fields": {}}
    push = server.http.post("/sync/push", headers=signed, json={"protocol": PROTOCOL_VERSION, "device_id": DEVICE,
                                                                 "ops": [op]})
    pull = server.http.post("/sync/pull", headers=signed, json={"protocol": PROTOCOL_VERSION, "device_id": DEVICE,
                                                                 "cursors": {"shared": 2**63}})
    conflicts = server.http.get("/sync/conflicts", headers=signed, params={"after": 2**31})
    assert (push.status_code, pull.status_code, conflicts.status_code) == (422, 422, 422)
    fitting = server.http.get("/sync/conflicts", headers=signed, params={"after": 2**31 - 1})
    assert fitting.status_code == 200 and fitting.json()["conflicts"] == []
