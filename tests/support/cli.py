"""The command line pointed at a test database: environment set through the caller's
MonkeyPatch (so it is undone with the caller's other patches), the CLI's cached settings and
engine reset before and after."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from titian.cli import context


def _reset() -> None:
    context.settings.cache_clear()
    context.engine.cache_clear()


@contextmanager
def cli_environment(
    patch: pytest.MonkeyPatch, url: str, data_dir: Path, **extra: str
) -> Iterator[str]:
    """Run the CLI against ``url``; ``extra`` sets more ``TITIAN_<NAME>`` variables."""
    patch.setenv("TITIAN_DATABASE_URL", url)
    patch.setenv("TITIAN_DATA_DIR", str(data_dir))
    patch.setenv("TITIAN_ENVIRONMENT", "test")
    for name, value in extra.items():
        patch.setenv(f"TITIAN_{name.upper()}", value)
    _reset()
    try:
        yield url
    finally:
        context.engine().dispose()
        _reset()
