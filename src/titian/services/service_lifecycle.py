"""A service enters and leaves the directory: a provider creates one for its own agency, and
retires one that no longer runs (docs/directory.md, "Creating and retiring").

Creating builds the HSDS ``DirectoryService`` dataclass (the one source of truth) from a blank
service and the submitted GESI profile with the same ``service_edit.edited`` an edit uses, so a
created service exports as HSDS exactly like an imported one. Retiring sets the HSDS status
``inactive`` and keeps the record: referrals name services by id and keep their history, while
searches (``include_inactive`` off) and matching (``repository.RETIRED_STATUSES``) leave it out.
Nothing is ever deleted here. Services never commit; the door does.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime

import pycountry
from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth.models import Agency
from titian.auth.policies import Principal
from titian.errors import FieldError, Invalid
from titian.kit.clock import utcnow
from titian.kit.locking import ensure_version
from titian.services import hsds_model as m
from titian.services import repository as repo
from titian.services import service_rows as rows
from titian.services.models import Location, Organization, Service
from titian.services.schemas import LocationCreate, ServiceCreate, ServiceRetire
from titian.services.service_edit import check_areas, edited
from titian.services.vocab import LocationType, ServiceStatus

_PROFILE_FIELDS = (
    "name",
    "status",
    "description",
    "eligibility_description",
    "service_types",
    "genders_accepted",
    "citizenship_accepted",
    "accepts_unaccompanied_children",
    "minimum_age",
    "maximum_age",
    "accessibility",
    "lgbtqi_affirming",
    "cost",
    "languages",
    "interpretation_languages",
    "interpretation_any_language",
    "capacity_available",
    "capacity_maximum",
)


def _child_id(parent: str, what: str) -> str:
    return str(uuid.uuid5(uuid.UUID(parent), what))


def _organization(
    session: Session, agency: Agency, organization_id: uuid.UUID | None
) -> Organization:
    """The directory organization the service belongs to: the one named (it must be linked to
    the agency), the agency's only one, or a new one made from the agency."""
    owned = list(repo.organizations_of_agency(session, agency.id))
    if organization_id is not None:
        found = next((o for o in owned if o.id == organization_id), None)
        if found is None:
            msg = "not a directory organization of this agency"
            raise Invalid("invalid organization", [FieldError("organization_id", msg)])
        return found
    if len(owned) == 1:
        return owned[0]
    if owned:
        msg = f"the agency has {len(owned)} directory organizations: choose one"
        raise Invalid("organization needed", [FieldError("organization_id", msg)])
    org = m.DirectoryOrganization(id=str(uuid.uuid4()), name=agency.name, description=agency.name)
    row = Organization(agency_id=agency.id)
    rows.apply_organization(row, org)
    session.add(row)
    session.flush()
    return row


def _country(data: ServiceCreate, agency: Agency) -> str:
    """The service's country (the one given, else its areas', else the agency's), with its
    areas checked to be ISO 3166-2 codes of that country."""
    country = data.country or (data.areas[0].split("-", 1)[0] if data.areas else agency.country)
    if pycountry.countries.get(alpha_2=country) is None:
        msg = f"{country!r} is not an ISO 3166-1 alpha-2 code"
        raise Invalid("invalid country", [FieldError("country", msg)])
    check_areas(country, data.areas)
    return country


def _country_area(sid: str, country: str) -> m.DirectoryServiceArea:
    """A country-wide service says so in HSDS: one service area whose extent is the country."""
    found = pycountry.countries.get(alpha_2=country)
    name = str(found.name) if found is not None else country
    return m.DirectoryServiceArea(_child_id(sid, f"area/{country}"), name, None, country, "text")


def _new_location(session: Session, org: Organization, data: LocationCreate) -> Location:
    lid = str(uuid.uuid4())
    address = m.DirectoryAddress(
        id=_child_id(lid, "address"),
        address_1=data.address_1,
        city=data.city,
        state_province=data.state_province,
        postal_code=data.postal_code,
        country=data.country.upper(),
        address_type=LocationType.PHYSICAL.value,
    )
    access = (
        (m.DirectoryAccessibility(_child_id(lid, "accessibility"), data.accessibility),)
        if data.accessibility
        else ()
    )
    loc = m.DirectoryLocation(
        id=lid,
        location_type=LocationType.PHYSICAL.value,
        name=data.name,
        organization_id=str(org.id),
        addresses=(address,),
        accessibility=access,
    )
    row = Location()
    rows.apply_location(row, loc)
    session.add(row)
    session.flush()
    return row


def _location(
    session: Session, agency: Agency, org: Organization, data: ServiceCreate
) -> Location | None:
    if data.location is not None:
        return _new_location(session, org, data.location)
    if data.location_id is None:
        return None
    found = next(
        (loc for loc in repo.locations_of_agency(session, agency.id) if loc.id == data.location_id),
        None,
    )
    if found is None:
        msg = "not a location of this agency's organizations"
        raise Invalid("invalid location", [FieldError("location_id", msg)])
    return found


def build_service(
    data: ServiceCreate, sid: str, org_id: str, country: str, location_id: str | None, now: datetime
) -> m.DirectoryService:
    """The HSDS service of a creation: a blank service edited with the submitted profile, its
    areas (or the country when it serves the whole country) and its location."""
    blank = m.DirectoryService(
        id=sid, name=data.name, status=data.status.value, organization_id=org_id
    )
    profile = data.model_dump(include=set(_PROFILE_FIELDS), mode="json")
    profile["areas"] = data.areas
    svc = edited(blank, profile, now)
    if not data.areas:
        svc = replace(svc, service_areas=(_country_area(sid, country),))
    if location_id is not None:
        sal = m.DirectoryServiceAtLocation(_child_id(sid, f"location/{location_id}"), location_id)
        svc = replace(svc, locations=(sal,))
    return svc


def create_service(session: Session, actor: Principal, data: ServiceCreate) -> Service:
    """A new service of the caller's agency (or, for an administrator of the operator, of the
    agency named). Every refused field is named (``Invalid``)."""
    agency = repo.agency_for_new_service(session, actor, data.agency_id)
    org = _organization(session, agency, data.organization_id)
    country = _country(data, agency)
    location = _location(session, agency, org, data)
    sid = str(uuid.uuid4())
    svc = build_service(
        data, sid, str(org.id), country, str(location.id) if location else None, utcnow()
    )
    row = Service()
    rows.apply_service(row, svc, rows.Place(country, tuple(data.areas)))
    row.search_text = rows.search_text(svc, org.name)
    session.add(row)
    session.flush()
    repo.replace_links(session, row.id, row.country, row.service_types, row.areas)
    session.flush()
    audit.record(
        session,
        actor,
        "service.create",
        "service",
        row.id,
        {"agency_id": str(agency.id), "organization_id": str(org.id), "country": country},
    )
    return row


def retire_service(
    session: Session, actor: Principal, service_id: uuid.UUID, data: ServiceRetire
) -> Service:
    """Set HSDS status ``inactive`` (module docstring); a stale ``version`` answers 409."""
    row = repo.get_service_for_edit(session, actor, service_id)
    retired = ServiceStatus.INACTIVE.value
    ensure_version(row, data.version, ["status"], {"status": retired})
    if row.status == retired:
        raise Invalid("already retired", [FieldError("status", "the service is already retired")])
    before = row.status
    svc = edited(rows.service_of(row), {"status": retired}, utcnow())
    rows.apply_service(row, svc, rows.Place(row.country, tuple(row.areas)))
    session.flush()
    audit.record(session, actor, "service.retire", "service", row.id, {"status_before": before})
    return row
