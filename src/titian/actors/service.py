"""Use cases of the actor register. Services never commit; the door does."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from titian.actors import repository
from titian.actors.dedupe import normalise_name
from titian.actors.models import Actor, ContactPerson
from titian.actors.schemas import ActorCreate, ActorRead, ActorUpdate, ContactCreate, ContactRead
from titian.audit import service as audit
from titian.auth import policies
from titian.auth.models import Agency, AgencyKind
from titian.auth.policies import Permission, Principal
from titian.errors import Conflict, FieldError, Invalid, NotFound
from titian.kit.locking import ensure_version
from titian.network.graph import ActorNode
from titian.network.vocab import ActorKind, Group, sector_of

SEP = ";"

#: The actor kind of an agency with accounts (``auth.models.AgencyKind``); the operator has none.
KIND_OF_AGENCY: dict[AgencyKind, ActorKind] = {
    AgencyKind.POLICE: ActorKind.POLICE,
    AgencyKind.PROSECUTION: ActorKind.PROSECUTION,
    AgencyKind.COURT: ActorKind.JUDICIARY,
    AgencyKind.SOCIAL_WELFARE: ActorKind.MINISTRY_SOCIAL_WELFARE,
    AgencyKind.IMMIGRATION: ActorKind.IMMIGRATION,
    AgencyKind.LABOUR_INSPECTION: ActorKind.LABOUR_INSPECTION,
    AgencyKind.FOREIGN_AFFAIRS: ActorKind.MINISTRY_FOREIGN_AFFAIRS,
    AgencyKind.NATIONAL_COMMITTEE: ActorKind.ANTI_TRAFFICKING_COMMITTEE,
    AgencyKind.SHELTER: ActorKind.SHELTER,
    AgencyKind.NGO: ActorKind.NGO,
    AgencyKind.LEGAL_AID: ActorKind.LEGAL_AID,
    AgencyKind.HEALTH: ActorKind.HEALTH,
    AgencyKind.MIGRANT_GROUP: ActorKind.MIGRANT_ASSOCIATION,
    AgencyKind.DPO: ActorKind.DISABLED_PERSONS_ORG,
    AgencyKind.LGBTQI: ActorKind.LGBTQI_ORG,
    AgencyKind.WOMENS_GROUP: ActorKind.WOMENS_ORG,
    AgencyKind.ETHNIC_COMMUNITY: ActorKind.ETHNIC_COMMUNITY_ORG,
    AgencyKind.UNION: ActorKind.UNION,
    AgencyKind.EMPLOYER: ActorKind.EMPLOYER,
    AgencyKind.INTERNATIONAL: ActorKind.INTERNATIONAL_ORG,
}


def join(values: Iterable[str]) -> str:
    return SEP.join(sorted({str(v) for v in values if v}))


def split(value: str) -> list[str]:
    return [v for v in value.split(SEP) if v]


def actor_read(actor: Actor, principal: Principal, *, with_contacts: bool = True) -> ActorRead:
    """The read model; contact people only for NETWORK_EDIT principals (personal data of staff),
    and only for one organisation at a time (lists leave them out)."""
    contacts = None
    if with_contacts and policies.has(principal, Permission.NETWORK_EDIT):
        contacts = [ContactRead.model_validate(c) for c in actor.contacts]
    return ActorRead(
        id=actor.id,
        name=actor.name,
        country=actor.country,
        kind=actor.kind,
        sector=actor.sector,
        areas=split(actor.areas),
        groups=[Group(g) for g in split(actor.groups)],
        languages=split(actor.languages),
        description=actor.description,
        website=actor.website,
        agency_id=actor.agency_id,
        is_active=actor.is_active,
        version=actor.version,
        created_at=actor.created_at,
        contacts=contacts,
    )


def actor_node(actor: Actor) -> ActorNode:
    """The analysis record of an organisation (``titian.network.graph``): no contact people."""
    return ActorNode(
        id=str(actor.id),
        name=actor.name,
        kind=actor.kind,
        country=actor.country,
        areas=frozenset(split(actor.areas)),
        groups=frozenset(Group(g) for g in split(actor.groups)),
        languages=frozenset(split(actor.languages)),
        active=actor.is_active,
    )


def _check_agency(session: Session, agency_id: uuid.UUID | None, country: str) -> None:
    if agency_id is None:
        return
    agency = session.get(Agency, agency_id)
    if agency is None:
        raise Invalid("unknown agency", [FieldError("agency_id", "no such agency")])
    if agency.country != country:
        raise Invalid(
            "agency in another country",
            [FieldError("agency_id", f"the agency works in {agency.country}, not {country}")],
        )


def _check_unique(session: Session, actor: Actor) -> None:
    """Duplicates are found by normalised name + country (``titian.actors.dedupe``)."""
    same = repository.by_key(session, actor.country, actor.name_key)
    if same is not None and same is not actor:
        raise Conflict(
            "this organisation is already registered (same country and normalised name)",
            {"field": "name", "existing_id": str(same.id)},
        )
    if actor.agency_id is not None:
        linked = repository.by_agency(session, actor.agency_id)
        if linked is not None and linked is not actor:
            raise Conflict(
                "this agency is already linked to another organisation",
                {"field": "agency_id", "existing_id": str(linked.id)},
            )


def _flush_unique(session: Session, actor: Actor) -> None:
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as exc:
        if actor in session.new:
            session.expunge(actor)
        raise Conflict(
            "this organisation is already registered (same country and normalised name), "
            "or the agency is already linked to another organisation",
            {"field": "name"},
        ) from exc


def new_actor(data: ActorCreate) -> Actor:
    return Actor(
        name=data.name,
        name_key=normalise_name(data.name),
        country=data.country,
        kind=data.kind,
        sector=sector_of(data.kind),
        areas=join(data.areas),
        groups=join(g.value for g in data.groups),
        languages=join(data.languages),
        description=data.description,
        website=data.website,
        agency_id=data.agency_id,
    )


def create_actor(session: Session, principal: Principal | None, data: ActorCreate) -> Actor:
    """Register an organisation (``principal`` None = command line or demo)."""
    if principal is not None:
        repository.require_edit(principal)
    _check_agency(session, data.agency_id, data.country)
    actor = new_actor(data)
    with session.no_autoflush:
        _check_unique(session, actor)
    session.add(actor)
    _flush_unique(session, actor)
    audit.record(session, principal, "actor.create", "actor", actor.id, {"country": data.country})
    return actor


def update_actor(
    session: Session, principal: Principal, actor_id: uuid.UUID, data: ActorUpdate
) -> Actor:
    actor = repository.get_actor(session, principal, actor_id)
    repository.require_edit(principal)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    ensure_version(actor, data.version, [], changes)
    if "agency_id" in changes:
        _check_agency(session, changes["agency_id"], actor.country)
    for name, value in changes.items():
        if name in {"areas", "languages"}:
            value = join(value)
        elif name == "groups":
            value = join(Group(g).value for g in value)
        setattr(actor, name, value)
    if "name" in changes:
        actor.name_key = normalise_name(actor.name)
    if "kind" in changes:
        actor.sector = sector_of(actor.kind)
    with session.no_autoflush:
        _check_unique(session, actor)
    _flush_unique(session, actor)
    audit.record(session, principal, "actor.update", "actor", actor.id, {"fields": sorted(changes)})
    return actor


def get_actor(session: Session, principal: Principal, actor_id: uuid.UUID) -> Actor:
    """One organisation; reading it with its contact people (editors) is audited."""
    actor = repository.get_actor(session, principal, actor_id)
    if policies.has(principal, Permission.NETWORK_EDIT) and actor.contacts:
        audit.record(session, principal, "actor.contacts.read", "actor", actor.id)
    return actor


def list_actors(session: Session, principal: Principal, **filters: object) -> Sequence[Actor]:
    return repository.list_actors(session, principal, **filters)  # type: ignore[arg-type]


def add_contact(
    session: Session, principal: Principal, actor_id: uuid.UUID, data: ContactCreate
) -> ContactPerson:
    actor = repository.get_actor(session, principal, actor_id)
    repository.require_edit(principal)
    contact = ContactPerson(actor_id=actor.id, **data.model_dump())
    actor.contacts.append(contact)
    session.flush()
    audit.record(
        session, principal, "actor.contact.add", "actor", actor.id, {"contact": str(contact.id)}
    )
    return contact


def remove_contact(
    session: Session, principal: Principal, actor_id: uuid.UUID, contact_id: uuid.UUID
) -> None:
    actor = repository.get_actor(session, principal, actor_id)
    repository.require_edit(principal)
    contact = next((c for c in actor.contacts if c.id == contact_id), None)
    if contact is None:
        raise NotFound("no such contact person")
    actor.contacts.remove(contact)
    session.flush()
    audit.record(
        session, principal, "actor.contact.remove", "actor", actor.id, {"contact": str(contact_id)}
    )


def ensure_agency_actor(
    session: Session, agency: Agency, groups: Iterable[Group] = (), languages: Iterable[str] = ()
) -> Actor | None:
    """The organisation of an agency with accounts, created from the agency when missing (demo,
    command line). The operator agency is not an organisation of the network: None."""
    kind = KIND_OF_AGENCY.get(agency.kind)
    if kind is None:
        return None
    found = repository.by_agency(session, agency.id) or repository.by_key(
        session, agency.country, normalise_name(agency.name)
    )
    if found is not None:
        return found
    data = ActorCreate(
        name=agency.name,
        country=agency.country,
        kind=kind,
        areas=[agency.area] if agency.area else [],
        groups=list(groups),
        languages=list(languages),
        agency_id=agency.id,
    )
    return create_actor(session, None, data)
