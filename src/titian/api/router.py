"""Mounts every API router under ``/api/v1``: each module in ``titian.api.routes`` that defines
``router`` is included, so an area adds a file, not a line here."""

from __future__ import annotations

from fastapi import APIRouter

from titian.kit.discovery import submodules


def build_api_router() -> APIRouter:
    api_router = APIRouter(prefix="/api/v1")
    for module in submodules("titian.api.routes"):
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            api_router.include_router(router)
    return api_router
