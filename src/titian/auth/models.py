"""Accounts: agencies, users, memberships (roles), web sessions, API tokens, login attempts."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Boolean, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from titian.auth.policies import Role
from titian.db.base import Entity, Versioned
from titian.db.types import str_enum as _enum


class AgencySector(StrEnum):
    STATE = "state"
    NON_STATE = "non_state"


class AgencyKind(StrEnum):
    """What an agency does; the demo and the network use the same codes."""

    OPERATOR = "operator"
    POLICE = "police"
    PROSECUTION = "prosecution"
    COURT = "court"
    SOCIAL_WELFARE = "social_welfare"
    IMMIGRATION = "immigration"
    LABOUR_INSPECTION = "labour_inspection"
    FOREIGN_AFFAIRS = "foreign_affairs"
    NATIONAL_COMMITTEE = "national_committee"
    SHELTER = "shelter"
    NGO = "ngo"
    LEGAL_AID = "legal_aid"
    HEALTH = "health"
    MIGRANT_GROUP = "migrant_group"
    DPO = "disabled_persons_organisation"
    LGBTQI = "lgbtqi_organisation"
    WOMENS_GROUP = "womens_group"
    ETHNIC_COMMUNITY = "ethnic_community_group"
    UNION = "union"
    EMPLOYER = "employer"
    INTERNATIONAL = "international_organisation"


class Agency(Versioned):
    """An organisation whose staff use Titian. ``is_operator`` marks the platform operator."""

    __tablename__ = "agency"

    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(40), default="")
    country: Mapped[str] = mapped_column(String(2), index=True)
    sector: Mapped[AgencySector] = mapped_column(_enum(AgencySector, "agency_sector"))
    kind: Mapped[AgencyKind] = mapped_column(_enum(AgencyKind, "agency_kind"))
    area: Mapped[str | None] = mapped_column(String(12), default=None)
    is_operator: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (UniqueConstraint("country", "name"),)


class User(Versioned):
    """A person who logs in. The password is an Argon2id hash; it is never logged."""

    __tablename__ = "user_account"

    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), default=None)
    password_hash: Mapped[str] = mapped_column(String(200))
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id"), index=True)
    # The interface language the person chose; None: none chosen, the browser decides
    # (docs/translations.md, "Choosing the language").
    locale: Mapped[str | None] = mapped_column(String(20), default=None)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    agency: Mapped[Agency] = relationship(lazy="joined")
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )


class Membership(Entity):
    """A role a user holds in an agency, with any extra grants (special-category data, export)."""

    __tablename__ = "membership"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id"))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    grants: Mapped[str] = mapped_column(String(400), default="")

    user: Mapped[User] = relationship(back_populates="memberships")

    __table_args__ = (UniqueConstraint("user_id", "agency_id", "role"),)


class WebSession(Entity):
    """A logged-in browser. Only the SHA-256 of the cookie value is stored."""

    __tablename__ = "web_session"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    csrf_token: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column()
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class ApiToken(Entity):
    """A bearer token for the API. Only its SHA-256 is stored; the value is shown once."""

    __tablename__ = "api_token"

    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100), default="")
    expires_at: Mapped[datetime] = mapped_column()
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class LoginAttempt(Entity):
    """A failed login, counted per username and per client address for throttling."""

    __tablename__ = "login_attempt"

    username: Mapped[str] = mapped_column(String(80))
    client: Mapped[str] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_login_attempt_username_created", "username", "created_at"),
        Index("ix_login_attempt_client_created", "client", "created_at"),
    )
