"""Mounts every web router: each module in ``titian.web.routes`` that defines ``router``.
A module may also define ``NAV``: ``[(N_(label), href, permission or None)]`` for the main menu,
with ``NAV_ORDER`` (an int) to place it. The label is marked with ``N_()`` so ``make messages``
extracts it; ``_nav.html`` translates it (tests/unit/test_i18n_catalogue.py checks both)."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter

from titian.auth.policies import Permission
from titian.kit.discovery import submodules


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    permission: Permission | None
    order: int


def _modules() -> list[object]:
    return list(submodules("titian.web.routes"))


def build_web_router() -> APIRouter:
    web_router = APIRouter(include_in_schema=False)
    for module in _modules():
        router = getattr(module, "router", None)
        if isinstance(router, APIRouter):
            web_router.include_router(router)
    return web_router


def nav_items() -> list[NavItem]:
    items = []
    for module in _modules():
        order = int(getattr(module, "NAV_ORDER", 100))
        for label, href, permission in getattr(module, "NAV", []):
            items.append(NavItem(label, href, permission, order))
    return sorted(items, key=lambda i: (i.order, i.label))
