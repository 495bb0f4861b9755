"""Find the modules of a package, so each area plugs itself in (routers, CLI sub-apps, models,
demo steps) without everyone editing one shared list."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil
from types import ModuleType


def submodules(package: str) -> list[ModuleType]:
    """Every direct submodule of ``package`` (sorted by name), imported."""
    root = importlib.import_module(package)
    names = sorted(info.name for info in pkgutil.iter_modules(root.__path__))
    return [importlib.import_module(f"{package}.{name}") for name in names]


def domain_modules(module: str) -> list[ModuleType]:
    """``titian.<domain>.<module>`` for every domain package that has one (e.g. ``models``)."""
    root = importlib.import_module("titian")
    found = []
    for info in sorted(pkgutil.iter_modules(root.__path__), key=lambda i: i.name):
        if not info.ispkg:
            continue
        spec = importlib.util.find_spec(f"titian.{info.name}.{module}")
        if spec is not None:
            found.append(importlib.import_module(f"titian.{info.name}.{module}"))
    return found
