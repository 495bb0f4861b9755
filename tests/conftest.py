"""Test fixtures: a real database built by the migrations (SQLite by default, PostgreSQL when
TITIAN_TEST_DATABASE_URL says so), one rolled-back transaction per test, and named personas."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy import Connection, Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from titian.auth import passwords

# Fast, still-real Argon2 for tests (the production parameters cost ~50 ms per hash).
passwords._HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)

pytest_plugins = ["tests.support.fixtures", "tests.support.browser"]

REPO = Path(__file__).resolve().parent.parent
UNIT = REPO / "tests" / "unit"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests under tests/unit are pure: marked so the PostgreSQL run can leave them out."""
    for item in items:
        if UNIT in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.pure)


def database_url_for(worker: str, tmp_root: Path) -> str:
    """SQLite file per worker, or a fresh PostgreSQL database per worker."""
    base = os.environ.get("TITIAN_TEST_DATABASE_URL", "")
    if not base:
        return f"sqlite:///{tmp_root / f'titian-test-{worker}.db'}"
    url = make_url(base)
    # A prefix keeps parallel runs (several developers on one server) out of each other's way.
    name = f"{os.environ.get('TITIAN_TEST_DB_PREFIX', '')}titian_test_{worker}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> str:
    return database_url_for(worker_id, tmp_path_factory.mktemp("db"))


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    from titian.db import migrate
    from titian.db.engine import make_engine

    migrate.upgrade(database_url)
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    """One connection with an outer transaction that is rolled back after the test."""
    conn = engine.connect()
    outer = conn.begin()
    yield conn
    outer.rollback()
    conn.close()


@pytest.fixture
def session_factory(connection: Connection) -> sessionmaker[Session]:
    """Sessions that commit into savepoints of the test's transaction."""
    return sessionmaker(
        bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
    )


@pytest.fixture
def db(session_factory: sessionmaker[Session], settings: object) -> Iterator[Session]:
    from titian.audit.service import bind_key
    from titian.kit.crypto import bind_cipher
    from titian.settings import Settings

    assert isinstance(settings, Settings)
    session = session_factory()
    bind_key(session, settings.secret_key.get_secret_value())
    bind_cipher(session, settings)
    session.info["settings"] = settings
    yield session
    session.close()


@pytest.fixture
def settings(tmp_path: Path) -> object:
    from titian.settings import Settings

    return Settings(
        database_url="sqlite://",
        environment="test",
        secret_key="test-secret-key-0123456789",
        data_dir=tmp_path / "var",
        login_max_failures=3,
    )
