"""Temporal's pydantic data converter, with its type adapters kept for the whole process.

The worker builds a payload converter for every workflow it runs, and pydantic's converter
caches its type adapters per converter instance: each whistle built the schemas of its input
(the clock policy, the working calendar) and of every signal it received all over again,
11 % of the worker's profile samples under load. Here the adapters are kept in this module,
which the sandbox does not reload, so each type's schema is built once per process.
"""

from __future__ import annotations

import functools
from typing import Any

from pydantic import TypeAdapter
from temporalio.api.common.v1 import Payload
from temporalio.contrib.pydantic import PydanticJSONPlainPayloadConverter
from temporalio.converter import (
    CompositePayloadConverter,
    DataConverter,
    DefaultPayloadConverter,
    JSONPlainPayloadConverter,
)


@functools.lru_cache(maxsize=512)
def _adapter(type_hint: Any) -> TypeAdapter[Any]:
    return TypeAdapter(type_hint)


class _SharedAdaptersJSON(PydanticJSONPlainPayloadConverter):
    """pydantic's JSON converter, reading through the process's adapters."""

    def from_payload(self, payload: Payload, type_hint: type | None = None) -> Any:
        hint = Any if type_hint is None else type_hint
        try:
            hash(hint)
        except TypeError:  # an unhashable hint cannot be kept: build it for this once
            return TypeAdapter(hint).validate_json(payload.data)
        return _adapter(hint).validate_json(payload.data)


class SharedAdaptersPayloadConverter(CompositePayloadConverter):
    """Temporal's default converters, JSON replaced by pydantic's on shared adapters."""

    def __init__(self) -> None:
        json = _SharedAdaptersJSON()
        super().__init__(
            *(
                json if isinstance(c, JSONPlainPayloadConverter) else c
                for c in DefaultPayloadConverter.default_encoding_payload_converters
            )
        )


data_converter = DataConverter(payload_converter_class=SharedAdaptersPayloadConverter)
"""The converter of every Temporal client of the project: the worker, the bridge, the tests."""
