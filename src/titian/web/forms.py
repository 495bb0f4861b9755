"""Turning submitted forms into schemas, and schema errors into per-field messages."""

from __future__ import annotations

from typing import Any, TypeVar

from fastapi import Request
from pydantic import BaseModel, ValidationError

from titian.errors import Invalid

M = TypeVar("M", bound=BaseModel)


async def form_data(request: Request, multi: tuple[str, ...] = ()) -> dict[str, Any]:
    """The form as a dict; ``multi`` fields (checkbox groups) become lists; blanks become None."""
    form = await request.form()
    data: dict[str, Any] = {}
    for key in form:
        if key == "csrf_token":
            continue
        if key in multi:
            data[key] = [v for v in form.getlist(key) if isinstance(v, str) and v]
        else:
            value = form.get(key)
            data[key] = value if isinstance(value, str) and value != "" else None
    for key in multi:
        data.setdefault(key, [])
    return data


def validate(model: type[M], data: dict[str, Any]) -> tuple[M | None, dict[str, str]]:
    """Validate, returning the object or a message per field name."""
    clean = {k: v for k, v in data.items() if v is not None}
    try:
        return model.model_validate(clean), {}
    except ValidationError as exc:
        errors: dict[str, str] = {}
        for err in exc.errors():
            name = ".".join(str(p) for p in err["loc"]) or "form"
            errors.setdefault(name, str(err["msg"]))
        return None, errors


def invalid_errors(exc: Invalid) -> dict[str, str]:
    return {e["field"]: e["message"] for e in exc.details.get("errors", [])}
