"""The record's JSON form: :func:`to_json`, and the JSON Schema that pins its shape.

>>> from storyline.render import schema, validate
>>> validate(record.to_dict())          # doctest: +SKIP  (raises jsonschema.ValidationError if broken)
>>> schema()["$schema"]
'https://json-schema.org/draft/2020-12/schema'
"""

from __future__ import annotations

import copy
import functools
import json
from importlib import resources
from typing import Any

import jsonschema

from storyline.model import Record

SCHEMA_RESOURCE = ("schema", "record.schema.json")


@functools.lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    path = resources.files("storyline").joinpath(*SCHEMA_RESOURCE)
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def schema() -> dict[str, Any]:
    """The record's JSON Schema (draft 2020-12), as shipped in ``storyline/schema/``.

    A fresh copy each call, so a caller may change it freely."""
    return copy.deepcopy(_schema())


@functools.lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.Draft202012Validator
    return cls(_schema(), format_checker=cls.FORMAT_CHECKER)


def validate(record_dict: dict[str, Any]) -> None:
    """Raise :class:`jsonschema.ValidationError` (the most relevant error) unless
    ``record_dict`` follows the record schema. Grounding (``text[start:end] == text``)
    is a property of the data, not of the shape; the tests check it separately."""
    error = jsonschema.exceptions.best_match(_validator().iter_errors(record_dict))
    if error is not None:
        raise error


def to_json(record: Record) -> str:
    """The record as pretty-printed JSON, non-ASCII characters kept as they are."""
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=2)
