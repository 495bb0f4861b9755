"""Errors as JSON on ``/api``: ``{"error": code, "message": ..., "errors": [{field, message}]}``."""

from __future__ import annotations

from typing import Any

from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

from titian.errors import TitianError


def titian_error_json(exc: TitianError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else None
    if exc.status_code == 429:
        headers = {"Retry-After": "60"}
    return JSONResponse(exc.as_dict(), status_code=exc.status_code, headers=headers)


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie"} and len(parts) > 1:
        return ".".join(parts[1:]) if parts[0] == "body" else f"{parts[0]}.{'.'.join(parts[1:])}"
    return ".".join(parts) or "body"


def validation_error_json(exc: RequestValidationError) -> JSONResponse:
    errors = []
    for err in exc.errors():
        message = str(err.get("msg", "invalid"))
        field = _field(err.get("loc", ()))
        if err.get("type") == "json_invalid":
            position = err.get("loc", ("body", "?"))[-1]
            message = f"malformed JSON at character {position}: {err.get('ctx', {}).get('error')}"
            field = "body"
        errors.append({"field": field, "message": message})
    body = {"error": "invalid", "message": "the request was refused: see errors", "errors": errors}
    return JSONResponse(body, status_code=422)


def not_found_json(path: str) -> JSONResponse:
    return JSONResponse({"error": "not_found", "message": f"no route {path}"}, status_code=404)


def http_error_json(status: int, detail: str) -> JSONResponse:
    code = {404: "not_found", 405: "method_not_allowed"}.get(status, "http_error")
    return JSONResponse({"error": code, "message": detail}, status_code=status)
