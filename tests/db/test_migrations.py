"""Migrations: up to head, all the way down, up again; and the models agree with them."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from tests.conftest import database_url_for

from titian.db import migrate
from titian.db.engine import make_engine
from titian.db.registry import load_models


@pytest.fixture
def fresh_url(tmp_path: Path, worker_id: str) -> str:
    return database_url_for(f"migr_{worker_id}", tmp_path)


def test_up_down_up(fresh_url: str) -> None:
    engine = make_engine(fresh_url)
    migrate.upgrade(fresh_url)
    assert migrate.current(engine) == migrate.head(fresh_url)
    tables = set(inspect(engine).get_table_names())
    assert {"agency", "user_account", "audit_event", "audit_anchor"} <= tables
    migrate.downgrade(fresh_url, "base")
    assert migrate.current(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(fresh_url)
    assert migrate.current(engine) == migrate.head(fresh_url)
    engine.dispose()


def test_models_match_migrations(fresh_url: str) -> None:
    engine = make_engine(fresh_url)
    migrate.upgrade(fresh_url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), load_models().metadata)
    engine.dispose()
    assert diff == [], f"models and migrations disagree: {diff}"


def test_migration_files_are_dated() -> None:
    versions = Path(migrate.__file__).parent / "migrations" / "versions"
    names = [p.name for p in versions.glob("*.py")]
    assert names and all(n[:4].isdigit() and n[4] == "-" for n in names)
