"""Use cases of the service directory: search, read, edit (issue 4, item 3). Services never
commit; the door does.

Viewing is open to every signed-in user; a service provider (``services.edit``) edits only the
services of its own agency's organizations (docs/directory.md).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth.policies import Principal
from titian.errors import FieldError, Invalid
from titian.kit.clock import utcnow
from titian.kit.locking import ensure_version
from titian.referrals.languages import LanguageTagError, primary_language
from titian.services import repository as repo
from titian.services import service_rows as rows
from titian.services.hsds_taxonomy import gesi_taxonomy
from titian.services.models import Location, Service
from titian.services.schemas import (
    LocationRead,
    ServicePage,
    ServiceRead,
    ServiceSearch,
    ServiceSummary,
    ServiceUpdate,
)
from titian.services.service_edit import check_areas, edited
from titian.services.vocab import AccessibilityFeature, GesiFacet, WgDomain


@cache
def features_of_domain() -> dict[WgDomain, frozenset[AccessibilityFeature]]:
    """Accessibility features per WG-SS domain, from the taxonomy file."""
    out: dict[WgDomain, set[AccessibilityFeature]] = {d: set() for d in WgDomain}
    for term in gesi_taxonomy().terms:
        if term.facet is GesiFacet.ACCESSIBILITY and term.wg_domain is not None:
            out[term.wg_domain].add(AccessibilityFeature(term.value))
    return {d: frozenset(f) for d, f in out.items()}


def wg_domains(features: Sequence[str]) -> list[WgDomain]:
    return [d for d, f in features_of_domain().items() if any(x in f for x in features)]


def summary(row: Service, principal: Principal | None) -> ServiceSummary:
    return ServiceSummary(
        id=row.id,
        name=row.name,
        organization_id=row.organization_id,
        organization_name=row.organization.name,
        agency_id=row.organization.agency_id,
        status=row.status,
        country=row.country,
        country_wide=row.country_wide,
        areas=row.areas,
        service_types=row.service_types,
        genders_accepted=row.genders_accepted,
        citizenship_accepted=row.citizenship_accepted,
        accepts_unaccompanied_children=row.accepts_unaccompanied_children,
        minimum_age=row.minimum_age,
        maximum_age=row.maximum_age,
        accessibility=row.accessibility,
        wg_domains=wg_domains(row.accessibility),
        lgbtqi_affirming=row.lgbtqi_affirming,
        cost=row.cost,
        languages=row.languages,
        interpretation_languages=row.interpretation_languages,
        interpretation_any_language=row.interpretation_any_language,
        capacity_available=row.capacity_available,
        capacity_maximum=row.capacity_maximum,
        capacity_unit=row.capacity_unit,
        capacity_updated=row.capacity_updated,
        version=row.version,
        can_edit=principal is not None and repo.can_edit(principal, row),
    )


def _address(loc: Any) -> str:
    parts = [loc.address_1, loc.address_2, loc.city, loc.state_province, loc.country]
    return ", ".join(p for p in parts if p)


def _locations(session: Session, row: Service, svc: Any) -> list[LocationRead]:
    out = []
    for sal in svc.locations:
        stored = session.get(Location, uuid.UUID(sal.location_id))
        if stored is None:
            continue
        loc = rows.location_of(stored)
        out.append(
            LocationRead(
                id=stored.id,
                name=loc.name,
                address="; ".join(_address(a) for a in loc.addresses),
                accessibility=[a.description or a.details or "" for a in loc.accessibility],
            )
        )
    return out


def _schedule_text(s: Any) -> str:
    hours = f"{s.opens_at or ''}–{s.closes_at or ''}" if s.opens_at or s.closes_at else ""
    return " ".join(p for p in (s.description, s.byday, hours) if p)


def read(session: Session, row: Service, principal: Principal | None) -> ServiceRead:
    svc = rows.service_of(row)
    return ServiceRead(
        **summary(row, principal).model_dump(),
        alternate_name=svc.alternate_name,
        description=svc.description,
        eligibility_description=svc.eligibility_description,
        application_process=svc.application_process,
        fees_description=svc.fees_description,
        interpretation_services=svc.interpretation_services,
        url=svc.url,
        email=svc.email,
        phones=[p.number for p in svc.phones],
        schedules=[_schedule_text(s) for s in svc.schedules],
        area_names=[a.name or a.extent or "" for a in svc.service_areas],
        locations=_locations(session, row, svc),
    )


def get_service(session: Session, principal: Principal, service_id: uuid.UUID) -> ServiceRead:
    """One service in full; open to every signed-in user."""
    return read(session, repo.get_service(session, service_id), principal)


def _language_ok(row: Service, wanted: str) -> bool:
    if row.interpretation_any_language:
        return True
    offered = {primary_language(t) for t in [*row.languages, *row.interpretation_languages]}
    return wanted in offered


def _accepts_ok(row: Service, group: str) -> bool:
    if group == "unaccompanied_children":
        return row.accepts_unaccompanied_children
    if group == "lgbtqi_affirming":
        return row.lgbtqi_affirming
    if group in ("citizens", "non_citizens", "stateless", "undocumented"):
        return not row.citizenship_accepted or group in row.citizenship_accepted
    return not row.genders_accepted or group in row.genders_accepted


def _keep(row: Service, f: ServiceSearch, language: str | None) -> bool:
    if f.q and f.q.casefold() not in row.search_text:
        return False
    if language and not _language_ok(row, language):
        return False
    if isinstance(f.accessibility, WgDomain):
        if not features_of_domain()[f.accessibility] & set(row.accessibility):
            return False
    elif f.accessibility is not None and f.accessibility.value not in row.accessibility:
        return False
    return not (f.accepts and not _accepts_ok(row, f.accepts))


def search(session: Session, principal: Principal, filters: ServiceSearch) -> ServicePage:
    """The directory filtered by type, area, language, accessibility and who is accepted. An
    area filter keeps country-wide services and services of an enclosing or enclosed area."""
    try:
        language = primary_language(filters.language) if filters.language else None
    except LanguageTagError as exc:
        raise Invalid("invalid filter", [FieldError("language", str(exc))]) from exc
    stmt = repo.search_statement(
        filters.country,
        filters.area,
        filters.service_type.value if filters.service_type else None,
        filters.include_inactive,
        principal.agency_id if filters.mine else None,
    )
    found = [r for r in repo.services(session, stmt) if _keep(r, filters, language)]
    start = (filters.page - 1) * filters.per_page
    items = [summary(r, principal) for r in found[start : start + filters.per_page]]
    return ServicePage(items=items, total=len(found), page=filters.page, per_page=filters.per_page)


def update_service(
    session: Session, actor: Principal, service_id: uuid.UUID, data: ServiceUpdate
) -> Service:
    """A provider's edit of its own agency's service; a stale ``version`` answers 409 with what
    changed (docs/developing.md, edits by several people)."""
    row = repo.get_service_for_edit(session, actor, service_id)
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    current = read(session, row, actor).model_dump(mode="json")
    ensure_version(_Snapshot(current, row.version), data.version, changes, changes)
    country = row.country
    if changes.get("areas") is not None:
        country = check_areas(row.country, changes["areas"])
    svc = edited(rows.service_of(row), changes, utcnow())
    areas = tuple(row.areas) if changes.get("areas") is None else tuple(changes["areas"])
    rows.apply_service(row, svc, rows.Place(country, areas))
    row.search_text = rows.search_text(svc, row.organization.name)
    session.flush()
    repo.replace_links(session, row.id, row.country, row.service_types, row.areas)
    session.flush()
    audit.record(session, actor, "service.update", "service", row.id, {"fields": sorted(changes)})
    return row


class _Snapshot:
    """A read model with a version, so lists compare like the submitted ones."""

    def __init__(self, values: dict[str, object], version: int) -> None:
        self.__dict__.update(values)
        self.version = version
