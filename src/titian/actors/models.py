"""The actor register: organisations (state and non-state) and their contact people.

Lists (areas, groups, languages) are stored as ``;``-joined codes, the separator the network
exports use (``titian.network.graph.LIST_SEPARATOR``), so a row reads the same in the database,
in the graph and in a CSV export. ``name_key`` is the normalised name used to find duplicates
(``titian.actors.dedupe``); one country holds one actor per key.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from titian.actors.vocab import Gender
from titian.db.base import Entity, Versioned
from titian.db.types import str_enum as enum_column
from titian.network.vocab import ActorKind, Sector


class Actor(Versioned):
    """One organisation of the register. ``agency_id`` links it to an agency with accounts."""

    __tablename__ = "actor"

    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2), index=True)
    kind: Mapped[ActorKind] = mapped_column(enum_column(ActorKind, "actor_kind"))
    sector: Mapped[Sector] = mapped_column(enum_column(Sector, "actor_sector"))
    areas: Mapped[str] = mapped_column(String(400), default="")
    groups: Mapped[str] = mapped_column(String(400), default="")
    languages: Mapped[str] = mapped_column(String(200), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(300), default="")
    agency_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agency.id"), default=None, unique=True
    )
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    contacts: Mapped[list[ContactPerson]] = relationship(
        back_populates="actor",
        cascade="all, delete-orphan",
        lazy="selectin",
        order_by="ContactPerson.name",
    )

    __table_args__ = (UniqueConstraint("country", "name_key"),)


class ContactPerson(Entity):
    """A person to contact at an organisation. Name, phone and email are personal data of staff:
    shown only to NETWORK_EDIT principals and never exported (docs/actors.md)."""

    __tablename__ = "actor_contact"

    actor_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("actor.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(120), default="")
    gender: Mapped[Gender] = mapped_column(
        enum_column(Gender, "contact_gender"), default=Gender.UNDISCLOSED
    )
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(254), default="")

    actor: Mapped[Actor] = relationship(back_populates="contacts")
