"""Mounts every web router."""

from __future__ import annotations

from fastapi import APIRouter

from titian.web.routes import agencies, audit, auth, dashboard, users

web_router = APIRouter(include_in_schema=False)
for module in (auth, dashboard, agencies, users, audit):
    web_router.include_router(module.router)
