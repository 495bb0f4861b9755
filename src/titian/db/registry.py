"""Import every model module (``titian.<domain>.models``) so ``Base.metadata`` knows every table
(migrations, tests). A new domain's models are found without editing this file."""

from __future__ import annotations

from titian.db.base import Base
from titian.kit.discovery import domain_modules


def load_models() -> type[Base]:
    domain_modules("models")
    return Base
