"""Every query of the service directory.

Scope (issue 4): the directory is open to every signed-in user, so reads take no principal;
editing is scoped: a service provider reaches only the services of organizations linked to its own
agency, and any other service is ``NotFound`` on the edit routes (docs/developing.md). The
candidate query of matching is ONE SQL statement by country + service type (+ area), the query
``bench/matching.py`` times as its baseline.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import pycountry
from sqlalchemy import Select, delete, exists, func, or_, select
from sqlalchemy.orm import Session

from titian.auth import policies
from titian.auth.models import Agency
from titian.auth.policies import Permission, Principal
from titian.errors import Forbidden, NotFound
from titian.referrals.matching_inputs import area_ancestors
from titian.services.models import (
    Location,
    Organization,
    Service,
    ServiceAreaLink,
    ServiceTypeLink,
    Taxonomy,
    TaxonomyTerm,
)
from titian.services.vocab import ServiceStatus


def get_service(session: Session, service_id: uuid.UUID) -> Service:
    """Any service: the directory is open to every signed-in user."""
    service = session.get(Service, service_id)
    if service is None:
        raise NotFound("no such service")
    return service


RETIRED_STATUSES: tuple[str, ...] = (ServiceStatus.INACTIVE.value, ServiceStatus.DEFUNCT.value)
"""HSDS statuses of a service that no longer runs: kept for history, never a candidate."""


def manages_every_agency(principal: Principal) -> bool:
    """Administrators of the operator agency keep the services of any agency (docs/directory.md,
    "Creating and retiring")."""
    return policies.can_manage_agencies(principal)


def may_manage(principal: Principal, agency_id: uuid.UUID | None) -> bool:
    """Create, edit or retire services of ``agency_id``: its own service providers
    (``services.edit``), or an administrator of the operator."""
    if manages_every_agency(principal):
        return True
    return agency_id == principal.agency_id and policies.has(principal, Permission.SERVICES_EDIT)


def can_edit(principal: Principal, service: Service) -> bool:
    """Service providers (``services.edit``) edit the services of their own agency only."""
    return may_manage(principal, service.organization.agency_id)


def get_service_for_edit(session: Session, principal: Principal, service_id: uuid.UUID) -> Service:
    """Another agency's service does not exist for editing (404); one of your own agency without
    the role is 403."""
    service = session.get(Service, service_id)
    if service is None or not (
        service.organization.agency_id == principal.agency_id or manages_every_agency(principal)
    ):
        raise NotFound("no such service")
    if not may_manage(principal, service.organization.agency_id):
        raise Forbidden("your role does not allow editing services")
    return service


def agency_for_new_service(
    session: Session, principal: Principal, agency_id: uuid.UUID | None
) -> Agency:
    """The agency a new service is created for: the caller's own (``agency_id`` empty or its
    own), or, for an administrator of the operator, the one named. Another agency does not exist
    for anyone else (404); the caller's own agency without the role is 403."""
    wanted = agency_id or principal.agency_id
    if wanted != principal.agency_id and not manages_every_agency(principal):
        raise NotFound("no such agency")
    agency = session.get(Agency, wanted)
    if agency is None:
        raise NotFound("no such agency")
    if not may_manage(principal, agency.id):
        raise Forbidden("your role does not allow adding services")
    return agency


def agencies_for_new_service(session: Session, principal: Principal) -> Sequence[Agency]:
    """Agencies the caller may add a service for (the agency choice of the form)."""
    if manages_every_agency(principal):
        stmt = select(Agency).where(Agency.is_operator.is_(False))
        return session.scalars(stmt.order_by(Agency.country, Agency.name)).all()
    agency = session.get(Agency, principal.agency_id)
    return [agency] if agency is not None and may_manage(principal, agency.id) else []


def locations_of_agency(session: Session, agency_id: uuid.UUID) -> Sequence[Location]:
    """Locations of the organizations linked to ``agency_id`` (a new service may use one)."""
    orgs = select(Organization.id).where(Organization.agency_id == agency_id)
    stmt = select(Location).where(Location.organization_id.in_(orgs))
    return session.scalars(stmt.order_by(Location.name, Location.id)).all()


def organizations_of_agency(session: Session, agency_id: uuid.UUID) -> Sequence[Organization]:
    stmt = select(Organization).where(Organization.agency_id == agency_id)
    return session.scalars(stmt.order_by(Organization.name)).all()


@lru_cache(maxsize=4096)
def related_areas(area: str) -> tuple[str, ...]:
    """The area, the areas enclosing it and those it encloses (ISO 3166-2 parents): a service
    listing any of them serves the area (docs/matching.md, rule 10)."""
    country = area.split("-", 1)[0]
    subs = pycountry.subdivisions.get(country_code=country) or []  # type: ignore[no-untyped-call]
    inside = [s.code for s in subs if getattr(s, "parent_code", None) == area]
    return (area, *area_ancestors(area), *inside)


def _serves(area: str) -> Any:
    return or_(
        Service.country_wide.is_(True),
        exists(
            select(ServiceAreaLink.service_id).where(
                ServiceAreaLink.service_id == Service.id,
                ServiceAreaLink.area.in_(related_areas(area.upper())),
            )
        ),
    )


OFFER_COLUMNS = (
    Service.id,
    Organization.agency_id,
    Service.name,
    Service.status,
    Service.country,
    Service.areas,
    Service.service_types,
    Service.genders_accepted,
    Service.citizenship_accepted,
    Service.accepts_unaccompanied_children,
    Service.minimum_age,
    Service.maximum_age,
    Service.accessibility,
    Service.lgbtqi_affirming,
    Service.cost,
    Service.languages,
    Service.interpretation_languages,
    Service.interpretation_any_language,
    Service.capacity_available,
)


def candidate_rows(
    session: Session, country: str, service_type: str, area: str | None = None
) -> Sequence[Any]:
    """The candidates of one need in ONE query: services of the country offering the type and,
    when ``area`` is given, serving it (country-wide, the area, or an enclosing or enclosed
    area). Retired services (``RETIRED_STATUSES``) are not candidates; a temporarily closed one
    is, and matching excludes it as "not active"."""
    stmt = (
        select(*OFFER_COLUMNS)
        .select_from(ServiceTypeLink)
        .join(Service, Service.id == ServiceTypeLink.service_id)
        .join(Organization, Organization.id == Service.organization_id)
        .where(ServiceTypeLink.country == country.upper(), ServiceTypeLink.type == service_type)
        .where(Service.status.not_in(RETIRED_STATUSES))
    )
    if area:
        stmt = stmt.where(_serves(area))
    return list(session.execute(stmt).all())


def offer_rows(session: Session, country: str | None = None) -> Sequence[Any]:
    """Every service with a country and a type (the whole directory for the coverage scan),
    retired services left out."""
    stmt = (
        select(*OFFER_COLUMNS)
        .join(Organization, Organization.id == Service.organization_id)
        .where(Service.country.is_not(None), Service.status.not_in(RETIRED_STATUSES))
    )
    if country:
        stmt = stmt.where(Service.country == country.upper())
    return list(session.execute(stmt.order_by(Service.id)).all())


def search_statement(
    country: str | None,
    area: str | None,
    service_type: str | None,
    include_inactive: bool,
    agency_id: uuid.UUID | None,
) -> Select[Any]:
    """The SQL part of a directory search (country, area, type, status, own agency); the filters
    on JSON lists (language, accessibility, who is accepted) are applied to its rows."""
    stmt = select(Service).join(Organization, Organization.id == Service.organization_id)
    if country:
        stmt = stmt.where(Service.country == country.upper())
    if area:
        stmt = stmt.where(_serves(area))
    if service_type:
        stmt = stmt.where(
            exists(
                select(ServiceTypeLink.service_id).where(
                    ServiceTypeLink.service_id == Service.id, ServiceTypeLink.type == service_type
                )
            )
        )
    if not include_inactive:
        stmt = stmt.where(Service.status == "active")
    if agency_id is not None:
        stmt = stmt.where(Organization.agency_id == agency_id)
    return stmt.order_by(Service.country, func.lower(Service.name), Service.id)


def services(session: Session, stmt: Select[Any]) -> Sequence[Service]:
    found: Sequence[Service] = session.scalars(stmt).unique().all()
    return found


def by_ids(session: Session, model: type[Any], ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Any]:
    """Existing rows of ``model`` among ``ids`` (the upsert of an import)."""
    wanted = list(set(ids))
    found: dict[uuid.UUID, Any] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update({r.id: r for r in session.scalars(select(model).where(model.id.in_(chunk)))})
    return found


def all_rows(session: Session, model: type[Any]) -> Sequence[Any]:
    """Every row of one directory table, in id order (the export)."""
    return session.scalars(select(model).order_by(model.id)).unique().all()


def counts(session: Session) -> dict[str, int]:
    """Rows per directory table (the import report and tests)."""
    return {
        name: int(session.scalar(select(func.count()).select_from(model)) or 0)
        for name, model in (
            ("organizations", Organization),
            ("services", Service),
            ("locations", Location),
            ("taxonomies", Taxonomy),
            ("taxonomy_terms", TaxonomyTerm),
        )
    }


def replace_links(
    session: Session, service_id: uuid.UUID, country: str | None, types: list[str], areas: list[str]
) -> None:
    """Make the type and area rows of one service match its columns."""
    session.execute(delete(ServiceTypeLink).where(ServiceTypeLink.service_id == service_id))
    session.execute(delete(ServiceAreaLink).where(ServiceAreaLink.service_id == service_id))
    if country:
        session.add_all(
            ServiceTypeLink(service_id=service_id, type=t, country=country) for t in types
        )
    session.add_all(ServiceAreaLink(service_id=service_id, area=a) for a in areas)
