"""Temporal's time-skipping test server (downloaded by the stack script, path from the env)."""

from __future__ import annotations

import os

import pytest
from temporalio.testing import WorkflowEnvironment

from workflows.data_converter import data_converter


@pytest.fixture(scope="module")
async def env():
    path = os.environ.get("TEMPORAL_TEST_SERVER")
    if not path:
        pytest.fail(
            "TEMPORAL_TEST_SERVER is not set: run via `make test` (deploy/local/stack.sh paths)"
        )
    async with await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=path, data_converter=data_converter
    ) as environment:
        yield environment
