"""schemathesis against the app's OpenAPI document: generated requests to every JSON twin get no server error,
and every answer is the status, content type and shape the document gives (an error: the one envelope)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from storyline.web import Settings, create_app
from web_browser import web_records, web_store  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow

# The app reads the OpenAPI document when this module loads; the store it serves is filled (a copy of the web
# store: generated requests may store articles) before the first test. schemathesis calls the server
# "testserver".
DB = Path(tempfile.mkdtemp(prefix="storyline-schema-")) / "schema.db"
APP = create_app(Settings(db=str(DB), max_upload_bytes=64 * 1024, allowed_hosts=("testserver",)))
schema = schemathesis.openapi.from_asgi("/api.json", APP)


@pytest.fixture(scope="module", autouse=True)
def schema_store(web_store: str) -> Iterator[Path]:  # noqa: F811
    shutil.copy(web_store, DB)
    yield DB
    shutil.rmtree(DB.parent, ignore_errors=True)


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
def test_web_api_answers_generated_requests_without_server_error(case: Any) -> None:
    case.call_and_validate(
        checks=[not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    )
