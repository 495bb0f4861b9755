"""Personas and HTTP clients.

``caseworker_a`` works for agency A, ``caseworker_b`` for agency B; ``admin_a`` administers A;
``operator_admin`` and ``auditor`` belong to the operator; ``prosecutor`` is a justice official;
``analyst`` an analyst; ``norole_a`` is a member of A with a role that allows nothing here."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tests.support.factories import create_agency, create_user
from titian.auth import sessions
from titian.auth.models import Agency, AgencyKind, AgencySector, User
from titian.auth.policies import Permission, Role


@dataclass
class World:
    operator: Agency
    agency_a: Agency
    agency_b: Agency
    justice: Agency
    users: dict[str, User]

    def __getitem__(self, name: str) -> User:
        return self.users[name]


@pytest.fixture
def world(db: Session) -> World:
    operator = create_agency(db, "Operator", is_operator=True, kind=AgencyKind.OPERATOR)
    agency_a = create_agency(db, "Agency A shelter", country="TH")
    agency_b = create_agency(db, "Agency B NGO", country="KH", kind=AgencyKind.NGO)
    justice = create_agency(
        db, "Prosecution TH", country="TH", kind=AgencyKind.PROSECUTION, sector=AgencySector.STATE
    )
    users = {
        "operator_admin": create_user(db, operator, [Role.ADMIN], "operator_admin"),
        "auditor": create_user(db, operator, [Role.AUDITOR], "auditor"),
        "analyst": create_user(db, operator, [Role.ANALYST], "analyst"),
        "programme": create_user(db, operator, [Role.PROGRAMME_OFFICER], "programme"),
        "admin_a": create_user(db, agency_a, [Role.ADMIN], "admin_a"),
        "caseworker_a": create_user(
            db, agency_a, [Role.CASE_WORKER], "caseworker_a", grants=[Permission.SPECIAL_CATEGORY]
        ),
        "norole_a": create_user(db, agency_a, [Role.SERVICE_PROVIDER], "norole_a"),
        "admin_b": create_user(db, agency_b, [Role.ADMIN], "admin_b"),
        "caseworker_b": create_user(db, agency_b, [Role.CASE_WORKER], "caseworker_b"),
        "prosecutor": create_user(db, justice, [Role.JUSTICE_OFFICIAL], "prosecutor"),
    }
    db.flush()
    return World(operator, agency_a, agency_b, justice, users)


@pytest.fixture(scope="session")
def shared_app(engine: Engine) -> object:
    """One application per test worker. Building it (every route's dependencies and models)
    costs ~0.3 s and its first request another ~0.2 s; every request reads the settings and the
    session factory from ``app.state``, which :func:`app` points at the test's own."""
    from titian.app import create_app
    from titian.settings import Settings

    return create_app(
        Settings(database_url="sqlite://", environment="test", secret_key="unused-0123456789"),
        engine=engine,
    )


@pytest.fixture
def app(settings: object, session_factory: sessionmaker[Session], shared_app: object) -> object:
    """The worker's application, bound to this test's settings and transaction."""
    from fastapi import FastAPI

    from titian.settings import Settings

    assert isinstance(settings, Settings)
    assert isinstance(shared_app, FastAPI)
    shared_app.state.settings = settings
    shared_app.state.engine = session_factory.kw["bind"].engine
    shared_app.state.sessionmaker = session_factory
    return shared_app


@pytest.fixture
def client(app: object) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://testserver") as c:  # type: ignore[arg-type]
        yield c


class ApiAs:
    """Bearer tokens for personas, minted directly (no password round trip)."""

    def __init__(self, db: Session, client: TestClient) -> None:
        self.db, self.client = db, client

    def headers(self, user: User | None) -> dict[str, str]:
        if user is None:
            return {}
        token, _ = sessions.issue_api_token(self.db, user, "test", 1)
        self.db.flush()
        return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def api_as(db: Session, client: TestClient) -> ApiAs:
    return ApiAs(db, client)


class WebAs:
    """Signs a persona into the test client (cookie) and knows its CSRF token."""

    def __init__(self, db: Session, client: TestClient, cookie_name: str) -> None:
        self.db, self.client, self.cookie_name = db, client, cookie_name
        self.csrf = ""

    def login(self, user: User | None) -> str:
        self.client.cookies.clear()
        if user is None:
            self.csrf = ""
            return ""
        token, row = sessions.start_web_session(self.db, user, 1)
        self.db.flush()
        self.client.cookies.set(self.cookie_name, token)
        self.csrf = row.csrf_token
        return self.csrf


@pytest.fixture
def web_as(db: Session, client: TestClient, settings: object) -> WebAs:
    from titian.settings import Settings

    assert isinstance(settings, Settings)
    return WebAs(db, client, settings.session_cookie_name)
