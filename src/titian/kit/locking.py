"""Optimistic locking: a save based on an old version is refused with what changed since."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from titian.errors import Conflict


def _plain(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(str(v) for v in value)
    return value if isinstance(value, str | int | float | bool | type(None)) else str(value)


def ensure_version(
    record: Any, expected: int, fields: Iterable[str], submitted: dict[str, Any]
) -> None:
    """Raise 409 when ``record.version`` moved on from ``expected``.

    The conflict names every field whose stored value differs from what the user submitted, with
    the stored value, so the second editor sees what changed and loses nothing (they still hold
    their own values)."""
    current = int(record.version)
    if current == expected:
        return
    changed = {
        name: {"current": _plain(getattr(record, name)), "yours": _plain(submitted[name])}
        for name in fields
        if name in submitted and _plain(getattr(record, name)) != _plain(submitted[name])
    }
    raise Conflict(
        f"this record was changed by someone else (version {expected} → {current}); "
        "review the current values and save again",
        {"current_version": current, "your_version": expected, "changed": changed},
    )
