"""A 422 names the first problems of a request without echoing it; the document says so."""

from __future__ import annotations

import json
import time

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel, ConfigDict, Field

from govkit.errors import Invalid
from govkit.http import install_error_handlers
from govkit.json_bodies import MAX_KEYS
from govkit.refusals import MAX_PROBLEMS

pytestmark = pytest.mark.unit


class Report(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str = Field(max_length=100_000)
    amount: float = Field(allow_inf_nan=False)


def api() -> TestClient:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/reports")
    def report(body: Report) -> Report:
        if body.description == "refuse":
            raise Invalid("不行 (refused; accepted: anything else)")
        return body

    return TestClient(app)


def test_a_long_input_is_named_but_not_sent_back():
    reply = api().post("/reports", json={"description": "长" * 10_000_000, "amount": 1})
    assert reply.status_code == 422 and len(reply.content) < 2_000
    [problem] = reply.json()["detail"]
    assert (problem["loc"], problem["type"], "input" in problem) == (
        ["body", "description"],
        "string_too_long",
        False,
    )


def test_many_unknown_keys_are_counted_not_listed():
    body = {"description": "x", "amount": 1} | {f"k{n}": n for n in range(500)}
    reply = api().post("/reports", json=body)
    detail = reply.json()["detail"]
    assert reply.status_code == 422 and len(detail) == MAX_PROBLEMS + 1
    assert detail[-1]["msg"].endswith(f"(500 problems in all; the first {MAX_PROBLEMS} are listed)")


def test_a_large_body_with_an_object_of_too_many_keys_is_refused_before_the_app_reads_it():
    body = {"description": "x", "amount": 1} | {f"k{n}": n for n in range(200_000)}
    started = time.perf_counter()
    reply = api().post(
        "/reports", content=json.dumps(body), headers={"Content-Type": "application/json"}
    )
    print(f"200,000 unknown keys answered in {time.perf_counter() - started:.2f} s")
    assert reply.status_code == 422
    assert reply.json()["detail"][0]["msg"].endswith(
        f"(an object with 200002 keys; accepted: at most {MAX_KEYS})"
    )


def test_a_large_body_nested_too_deep_is_a_422():
    reply = api().post(
        "/reports",
        content="[" * 100_000 + "]" * 100_000,
        headers={"Content-Type": "application/json"},
    )
    assert reply.status_code == 422 and "nested deeper" in reply.json()["detail"][0]["msg"]


def test_a_large_body_of_a_sane_shape_reaches_the_app():
    reply = api().post("/reports", json={"description": "长" * 30_000, "amount": 1e300})
    assert reply.status_code == 200 and reply.json()["amount"] == 1e300


@pytest.mark.parametrize("number", ["NaN", "Infinity", "1e400", "-1e400"])
def test_numbers_json_cannot_carry_are_a_422(number):
    reply = api().post(
        "/reports",
        content=f'{{"description": "x", "amount": {number}}}',
        headers={"Content-Type": "application/json"},
    )
    assert reply.status_code == 422
    assert reply.json()["detail"][0]["loc"] == ["body", "amount"]


def test_the_document_allows_a_sentence_or_a_list_as_a_422s_detail():
    client = api()
    assert client.post("/reports", json={"description": "refuse", "amount": 1}).json() == {
        "detail": "不行 (refused; accepted: anything else)"
    }
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    detail = schemas["HTTPValidationError"]["properties"]["detail"]
    assert [option.get("type") for option in detail["anyOf"]] == ["array", "string"]
