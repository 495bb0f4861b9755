"""Versioned rule files of the cases domain, shipped as package data.

- ``rights-<version>.yaml``: the C1-C17 rights and accommodations checklist (rights-checklist.md);
- ``profile-<version>.yaml``: profile rules (presumption of minority, language normalisation);
- ``htcds-2.0.yaml``: mapping of Titian vocabularies to HTCDS v2.0 system names.

"Rules are data" (DESIGN.md): thresholds and mappings live here, never in code.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


class CatalogueError(ValueError):
    """A catalogue file is missing or malformed; the message names the file and the entry."""


@cache
def read_catalogue_file(name: str) -> dict[str, Any]:
    """Parse ``catalogue/<name>`` and return its top-level mapping."""
    path = resources.files("titian.cases.catalogue") / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CatalogueError(f"cases/catalogue/{name}: no such catalogue file") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogueError(f"cases/catalogue/{name}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise CatalogueError(f"cases/catalogue/{name}: the top level must be a mapping")
    return data


def available_versions(prefix: str) -> list[str]:
    """Versions of ``<prefix>-<version>.yaml`` files shipped, oldest first."""
    root = resources.files("titian.cases.catalogue")
    names = [p.name for p in root.iterdir() if p.name.startswith(f"{prefix}-")]
    versions = [n.removeprefix(f"{prefix}-").removesuffix(".yaml") for n in names]
    return sorted(versions, key=_version_key)


def _version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError as exc:
        raise CatalogueError(f"cases/catalogue: version {version!r} is not numeric") from exc
