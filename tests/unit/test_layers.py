"""Every top-level package is either a door, HTTP plumbing, or named in the import-linter
contract that keeps domains free of the doors, so a new domain cannot slip past the contract."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOORS = {"api", "web", "cli", "gateway"}
PLUMBING_MODULES = {"app", "asgi"}


def test_every_package_is_under_a_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    guarded = {m for c in contracts if c["type"] == "forbidden" for m in c["source_modules"]}
    src = ROOT / "src" / "titian"
    packages = {p.name for p in src.iterdir() if (p / "__init__.py").exists()}
    modules = {p.stem for p in src.glob("*.py") if p.stem != "__init__"}
    unguarded = sorted(
        name
        for name in (packages | modules) - DOORS - PLUMBING_MODULES
        if f"titian.{name}" not in guarded
    )
    assert not unguarded, f"add these to the import-linter contract: {unguarded}"
