"""Migrations: up to head, all the way down, up again; and the models agree with them."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import insert, inspect, select
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


def test_0010_the_old_default_language_becomes_no_choice_and_back(fresh_url: str) -> None:
    """Accounts created with the old default ``en`` let the browser decide after 0010; a chosen
    language stays; the downgrade writes ``en`` back where there is no choice."""
    from titian.auth.models import Agency, User

    engine = make_engine(fresh_url)
    migrate.upgrade(fresh_url, "0009")  # the two tables are as at head but for locale's NULL
    agency = uuid.uuid4()
    with engine.begin() as conn:
        conn.execute(
            insert(Agency.__table__).values(
                id=agency, name="A", kind="ngo", sector="non_state", country="TH",
                is_operator=False,
            )
        )  # fmt: skip
        for name, locale in (("old_default", "en"), ("chose_thai", "th")):
            conn.execute(
                insert(User.__table__).values(
                    username=name, display_name=name, password_hash="x", agency_id=agency,
                    locale=locale, is_active=True,
                )
            )  # fmt: skip
    query = select(User.username, User.locale).order_by(User.username)
    migrate.upgrade(fresh_url, "0010")
    with engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(query)] == [
            ("chose_thai", "th"), ("old_default", None),
        ]  # fmt: skip
    migrate.downgrade(fresh_url, "0009")
    with engine.connect() as conn:
        assert [tuple(r) for r in conn.execute(query)] == [
            ("chose_thai", "th"), ("old_default", "en"),
        ]  # fmt: skip
    engine.dispose()
