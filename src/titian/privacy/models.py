"""Privacy records: information-sharing protocols, releases and their log, DP budget ledgers.

Rule C15 (rights-checklist.md; GBVIMS information-sharing protocol practice): no release without
an information-sharing protocol record naming the parties, the signed date and the scope. A
release is requested, approved by a second person with RELEASE_APPROVE, then published; every step
is an append-only row of the release log with who, why and the parameters, and every published
file is recorded with its SHA-256 hash.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from titian.db.base import Entity, Versioned
from titian.db.types import str_enum as _enum
from titian.kit.clock import utcnow


class ReleaseStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    PUBLISHED = "published"
    REJECTED = "rejected"


class ReleaseAction(StrEnum):
    REQUEST = "request"
    APPROVE = "approve"
    REJECT = "reject"
    PUBLISH = "publish"


class SharingProtocol(Versioned):
    """An information-sharing protocol: who shares what, for which purposes, signed when."""

    __tablename__ = "sharing_protocol"

    title: Mapped[str] = mapped_column(String(200))
    scope: Mapped[str] = mapped_column(Text)
    signed_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date, default=None)
    owner_agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id"), index=True)
    created_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )
    parties: Mapped[list[SharingProtocolParty]] = relationship(
        back_populates="protocol", cascade="all, delete-orphan", lazy="selectin"
    )


class SharingProtocolParty(Entity):
    """An agency that signed a protocol."""

    __tablename__ = "sharing_protocol_party"

    protocol_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("sharing_protocol.id", ondelete="CASCADE")
    )
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id"), index=True)
    protocol: Mapped[SharingProtocol] = relationship(back_populates="parties")

    __table_args__ = (UniqueConstraint("protocol_id", "agency_id"),)


class Release(Versioned):
    """A request to publish disclosure-controlled indicator tables, and its outcome."""

    __tablename__ = "data_release"

    title: Mapped[str] = mapped_column(String(200))
    purpose: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20))
    country: Mapped[str | None] = mapped_column(String(2), default=None)
    indicators: Mapped[list[str]] = mapped_column(JSON, default=list)
    parameters: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    dataset_path: Mapped[str] = mapped_column(String(1000))
    dataset_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[ReleaseStatus] = mapped_column(
        _enum(ReleaseStatus, "release_status"), default=ReleaseStatus.REQUESTED
    )
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("agency.id"), index=True)
    protocol_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("sharing_protocol.id"))
    requested_by: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"))
    approved_by: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id"), default=None
    )
    published_at: Mapped[datetime | None] = mapped_column(default=None)
    files: Mapped[list[ReleaseFile]] = relationship(
        back_populates="release", cascade="all, delete-orphan", lazy="selectin"
    )


class ReleaseFile(Entity):
    """A published file of a release, with its content hash."""

    __tablename__ = "release_file"

    release_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("data_release.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(255))
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(BigInteger)
    path: Mapped[str] = mapped_column(String(1000))
    release: Mapped[Release] = relationship(back_populates="files")


class ReleaseLogEntry(Entity):
    """The release log (append-only): one row per action, with who, why and the parameters."""

    __tablename__ = "release_log"

    release_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("data_release.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[ReleaseAction] = mapped_column(_enum(ReleaseAction, "release_action"))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL"), default=None
    )
    actor_username: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


class PrivacyBudget(Entity):
    """The header of a dataset's privacy-budget ledger (:class:`titian.privacy.dp.BudgetLedger`).

    ``source`` binds the budget to the data it protects (``titian`` snapshots or ``ctdc``
    imports): one budget per source, so that a second budget can never be opened on the same
    people to escape the first one's limit. ``None`` only on budgets made before revision 0008,
    which are read as ``titian``.
    """

    __tablename__ = "privacy_budget"

    dataset_id: Mapped[str] = mapped_column(String(200), unique=True)
    source: Mapped[str | None] = mapped_column(String(20), default=None)
    total_epsilon: Mapped[str] = mapped_column(String(40))
    total_delta: Mapped[str] = mapped_column(String(40), default="0")
    period: Mapped[str] = mapped_column(String(20))
    max_epsilon_per_spend: Mapped[str | None] = mapped_column(String(40), default=None)


class PrivacySpend(Entity):
    """One spend of a dataset's privacy budget (append-only)."""

    __tablename__ = "privacy_spend"

    budget_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("privacy_budget.id", ondelete="CASCADE"), index=True
    )
    epsilon: Mapped[str] = mapped_column(String(40))
    delta: Mapped[str] = mapped_column(String(40), default="0")
    purpose: Mapped[str] = mapped_column(Text)
    spent_at: Mapped[datetime] = mapped_column(default=utcnow)
    dataset_version: Mapped[str] = mapped_column(String(100), default="")
    release_id: Mapped[str] = mapped_column(String(64), default="")
    mechanism: Mapped[str] = mapped_column(String(20), default="")
    queries: Mapped[list[str]] = mapped_column(JSON, default=list)
    spent_by: Mapped[str] = mapped_column(String(120), default="")
    result: Mapped[dict[str, object] | None] = mapped_column(JSON, default=None)
    """What was released (the noisy counts, noise scale, filters): post-processing of the DP
    output, safe to keep, so the figures can be shown again without spending budget again."""


class ReleasedTableRecord(Entity):
    """The register of published tables: one row per table of a published release, holding what
    a reader of it knows (the published cells, masks and rounding) and what it counts (source,
    indicator, slice, country filter, data file). New releases are checked against it for
    differencing (:mod:`titian.privacy.differencing`). No unpublished value is stored."""

    __tablename__ = "release_table"

    release_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("data_release.id", ondelete="CASCADE"), index=True
    )
    source: Mapped[str] = mapped_column(String(20), index=True)
    indicator: Mapped[str] = mapped_column(String(100))
    slice_value: Mapped[str | None] = mapped_column(String(100), default=None)
    linked: Mapped[bool] = mapped_column(Boolean, default=False)
    country: Mapped[str | None] = mapped_column(String(2), default=None)
    dataset_sha256: Mapped[str] = mapped_column(String(64))
    threshold: Mapped[int] = mapped_column(Integer)
    rounding: Mapped[dict[str, object] | None] = mapped_column(JSON, default=None)
    dimensions: Mapped[list[str]] = mapped_column(JSON)
    categories: Mapped[list[list[str]]] = mapped_column(JSON)
    cells: Mapped[list[list[object]]] = mapped_column(JSON)
    """``[[category or "__total__", ...], value or null]`` for every cell, margins included."""
