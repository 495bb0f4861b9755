"""Mounts every API router under ``/api/v1``."""

from __future__ import annotations

from fastapi import APIRouter

from titian.api.routes import accounts, audit, auth, countries

api_router = APIRouter(prefix="/api/v1")
for module in (auth, accounts, audit, countries):
    api_router.include_router(module.router)
