"""schemathesis against the served OpenAPI document of a running local server: whatever it
generates, the API never answers 5xx, and every answer matches what the document promises.

The operations are driven with ``operation.as_strategy()`` and Hypothesis directly, because
schemathesis' lazy pytest integration (``from_fixture``) does not run under pytest 9 yet.
"""
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from chalicelib.openapi import spec

from .servers import LocalServer, server_env

pytestmark = pytest.mark.slow

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]
OPERATIONS = [f"{method.upper()} {path}" for path, methods in spec()["paths"].items()
              for method in methods]


def _can_be_invalid(operation: dict) -> bool:
    """Whether some input of the operation can break its rules (any text fits a plain string path id)."""
    if operation.get("requestBody"):
        return True
    for parameter in operation.get("parameters", []):
        schema = parameter.get("schema", {})
        plain_path_id = parameter.get("in") == "path" and schema.get("type") == "string" and not set(schema) - {"type", "description"}
        if not plain_path_id:
            return True
    return False


WITH_INPUT = [f"{method.upper()} {path}" for path, methods in spec()["paths"].items()
              for method, operation in methods.items() if _can_be_invalid(operation)]
"""Operations whose input can be invalid, so that invalid input can be generated for them."""
CASES = [(label, GenerationMode.POSITIVE) for label in OPERATIONS] + [
    (label, GenerationMode.NEGATIVE) for label in WITH_INPUT]
EXAMPLES_PER_OPERATION = 20


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("openapi")
    paths = {"db": folder / "s.db", "outbox": folder / "outbox", "uploads": folder / "uploads"}
    with LocalServer(server_env(paths)) as server:
        yield server


@pytest.fixture(scope="module")
def api_schema(served):
    return schemathesis.openapi.from_url(f"{served.base_url}/openapi.json")


@pytest.mark.parametrize(("label", "mode"), CASES,
                         ids=[f"{label}-{'valid' if mode is GenerationMode.POSITIVE else 'invalid'}-input" for label, mode in CASES])
def test_the_api_keeps_the_promises_of_its_openapi_document(api_schema, served, label, mode):
    operation = api_schema.find_operation_by_label(label)
    assert operation is not None, f"{label} is not in the served document"

    @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=operation.as_strategy(generation_mode=mode))
    def check(case):
        case.call_and_validate(base_url=served.base_url, checks=CHECKS, timeout=10)

    check()
