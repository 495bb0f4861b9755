"""One database session and one transaction per request: committed when the endpoint returns,
rolled back when it raises (DESIGN.md, How data flows, 3)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session, sessionmaker

from titian.audit.service import bind_key
from titian.kit.crypto import bind_cipher
from titian.settings import Settings


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def open_session(request: Request) -> Session:
    factory: sessionmaker[Session] = request.app.state.sessionmaker
    session = factory()
    settings = get_settings(request)
    bind_key(session, settings.secret_key.get_secret_value())
    bind_cipher(session, settings)
    session.info["settings"] = settings
    return session


def get_db(request: Request) -> Iterator[Session]:
    session = open_session(request)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


DB = Annotated[Session, Depends(get_db, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]
