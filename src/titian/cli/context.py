"""One settings object, one engine and one transaction per command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

from rich.console import Console
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from titian.audit.service import bind_key
from titian.db.engine import make_engine, make_sessionmaker
from titian.db.registry import load_models
from titian.kit.crypto import bind_cipher
from titian.settings import Settings

console = Console()
err_console = Console(stderr=True)


@cache
def settings() -> Settings:
    return Settings()


@cache
def engine() -> Engine:
    load_models()
    return make_engine(settings().database_url)


@contextmanager
def transaction() -> Iterator[Session]:
    """A session committed when the block ends, rolled back if it raises."""
    session = make_sessionmaker(engine())()
    bind_key(session, settings().secret_key.get_secret_value())
    bind_cipher(session, settings())
    session.info["settings"] = settings()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
