"""Import every model module so ``Base.metadata`` knows every table (migrations, tests)."""

from __future__ import annotations

import importlib

from titian.db.base import Base

MODEL_MODULES: tuple[str, ...] = (
    "titian.auth.models",
    "titian.audit.models",
)


def load_models() -> type[Base]:
    for name in MODEL_MODULES:
        importlib.import_module(name)
    return Base
