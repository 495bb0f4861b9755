"""Plain JSON for the directory dataclasses (``titian.services.hsds_model``) and back.

The database keeps each parsed HSDS object whole in a JSON column, so an import exports again
unchanged (docs/hsds-profile.md, round trips). Tuples and frozensets become lists (frozensets
sorted, so the stored JSON is stable), enums their values, datetimes ISO 8601 text.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from enum import Enum
from typing import Any, TypeVar

T = TypeVar("T")


def to_plain(value: Any) -> Any:
    """A dataclass (or anything inside one) as JSON-ready lists, dicts and scalars."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: to_plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if f.init and f.compare
        }
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, frozenset | set):
        return sorted(to_plain(v) for v in value)
    if isinstance(value, tuple | list):
        return [to_plain(v) for v in value]
    return value


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def from_plain(cls: type[T], data: dict[str, Any]) -> T:
    """The dataclass ``cls`` from ``to_plain`` output; unknown keys are ignored, missing ones
    take the field default."""
    hints = _hints(cls)
    kwargs = {
        f.name: _decode(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.init and f.name in data
    }
    return cls(**kwargs)


def _decode(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (types.UnionType, typing.Union):
        real = [a for a in args if a is not type(None)]
        return _decode(real[0], value) if len(real) == 1 else value
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if origin is frozenset:
        return frozenset(_decode(args[0], v) for v in value)
    if isinstance(tp, type):
        return _decode_type(tp, value)
    return value


def _decode_type(tp: type, value: Any) -> Any:
    if dataclasses.is_dataclass(tp):
        return from_plain(tp, value)
    if issubclass(tp, Enum):
        return tp(value)
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is float:
        return float(value)
    return value
