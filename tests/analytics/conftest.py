"""A fresh database for command-line tests of analytics and privacy (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import database_url_for
from tests.support.cli import cli_environment
from titian.db import migrate


@pytest.fixture
def cli_db(tmp_path: Path, worker_id: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = database_url_for(f"acli_{worker_id}", tmp_path)
    migrate.upgrade(url)
    with cli_environment(monkeypatch, url, tmp_path / "var"):
        yield url
