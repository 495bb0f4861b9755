"""A fresh database for command-line tests of analytics and privacy (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import database_url_for
from titian.cli import context
from titian.db import migrate


@pytest.fixture
def cli_db(tmp_path: Path, worker_id: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = database_url_for(f"acli_{worker_id}", tmp_path)
    monkeypatch.setenv("TITIAN_DATABASE_URL", url)
    monkeypatch.setenv("TITIAN_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("TITIAN_ENVIRONMENT", "test")
    context.settings.cache_clear()
    context.engine.cache_clear()
    migrate.upgrade(url)
    yield url
    context.engine().dispose()
    context.settings.cache_clear()
    context.engine.cache_clear()
