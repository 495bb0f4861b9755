"""List every (method, path) an app answers, through FastAPI's nested included routers."""

from __future__ import annotations

from typing import Any

from starlette.routing import Mount


def _walk(routes: list[Any]) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for route in routes:
        if type(route).__name__ == "_IncludedRouter":
            found += _walk(route.effective_candidates())
        elif isinstance(route, Mount):
            continue
        else:
            original = getattr(route, "original_route", route)
            path = getattr(route, "path", None) or getattr(original, "path", "")
            methods = getattr(route, "methods", None) or getattr(original, "methods", None) or []
            found += [(m, path) for m in methods if m != "HEAD"]
    return found


def all_routes(app: Any) -> list[tuple[str, str]]:
    return sorted(set(_walk(list(app.routes))))
