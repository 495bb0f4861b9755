"""HSDS import and export of the database directory (issue 4, item 2).

Import is all-or-nothing (DESIGN.md, "Clear errors, nothing lost"): the sources are parsed with
the pure ``titian.services.hsds`` functions, which raise ``HsdsImportError`` listing every error by
file, row and field; only a clean ``Directory`` is written, every object upserted by its HSDS id in
the caller's one transaction. Nothing is written before everything has been checked.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from titian.audit import service as audit
from titian.auth import policies
from titian.auth.models import Agency
from titian.auth.policies import Permission, Principal
from titian.errors import Forbidden, NotFound
from titian.services import hsds_model as m
from titian.services import repository as repo
from titian.services import service_rows as rows
from titian.services.hsds import HsdsError, HsdsImportError, HsdsSource, parse_directory
from titian.services.models import Location, Organization, Service, Taxonomy, TaxonomyTerm
from titian.services.schemas import ImportReport

Tick = Callable[[], None]


def require_import(actor: Principal | None) -> None:
    """Imports and exports of the whole directory are for ``services.import`` (administrators);
    ``actor`` None is the command line, run by the operator."""
    if actor is not None and not policies.has(actor, Permission.SERVICES_IMPORT):
        raise Forbidden("your role does not allow importing or exporting the directory")


def _id_errors(directory: m.Directory, where: str) -> list[HsdsError]:
    """Titian keys every object by its HSDS id, which HSDS 3.0 requires to be a UUID."""
    objects: list[tuple[str, str]] = [
        *(("organization", o.id) for o in directory.organizations),
        *(("service", s.id) for s in directory.services),
        *(("location", loc.id) for loc in directory.locations),
        *(("taxonomy", t.id) for t in directory.taxonomies),
        *(("taxonomy_term", t.id) for t in directory.taxonomy_terms),
    ]
    errors = []
    for table, value in objects:
        try:
            uuid.UUID(value)
        except ValueError:
            errors.append(HsdsError(where, None, f"{table}.id", f"{value!r} is not a UUID"))
    return errors


def object_count(directory: m.Directory) -> int:
    d = directory
    return sum(map(len, (d.organizations, d.locations, d.taxonomies, d.taxonomy_terms, d.services)))


class _Writer:
    """Upserts one parsed directory, counting created and updated objects."""

    def __init__(self, session: Session, tick: Tick | None) -> None:
        self.session, self.tick = session, tick
        self.created: dict[str, int] = {}
        self.updated: dict[str, int] = {}

    def upsert(
        self, name: str, model: type[Any], items: Sequence[Any], apply: Callable[[Any, Any], None]
    ) -> dict[uuid.UUID, Any]:
        existing = repo.by_ids(self.session, model, (uuid.UUID(i.id) for i in items))
        out: dict[uuid.UUID, Any] = {}
        for item in items:
            key = uuid.UUID(item.id)
            row = existing.get(key)
            counter = self.updated if row is not None else self.created
            counter[name] = counter.get(name, 0) + 1
            if row is None:
                row = model()
                self.session.add(row)
            apply(row, item)
            out[key] = row
            if self.tick:
                self.tick()
        return out


def _fallback_countries(
    session: Session, svc: m.DirectoryService, directory: m.Directory, orgs: dict[uuid.UUID, Any]
) -> list[str | None]:
    found: list[str | None] = []
    for sal in svc.locations:
        loc = directory.location(sal.location_id)
        if loc is None:
            stored = session.get(Location, uuid.UUID(sal.location_id))
            loc = rows.location_of(stored) if stored is not None else None
        if loc is not None:
            found += rows.location_countries(loc)
    org = orgs.get(uuid.UUID(svc.organization_id or ""))
    if org is not None and org.agency_id is not None:
        agency = session.get(Agency, org.agency_id)
        found.append(agency.country if agency else None)
    return found


def write_directory(
    session: Session,
    actor: Principal | None,
    directory: m.Directory,
    sources: Sequence[str],
    tick: Tick | None = None,
) -> ImportReport:
    """Upsert a parsed directory in the caller's transaction; ids that are not UUIDs refuse the
    whole import first."""
    require_import(actor)
    errors = _id_errors(directory, ", ".join(sources) or "import")
    if errors:
        raise HsdsImportError(errors)
    w = _Writer(session, tick)
    orgs = w.upsert("organizations", Organization, directory.organizations, rows.apply_organization)
    w.upsert("taxonomies", Taxonomy, directory.taxonomies, rows.apply_taxonomy)
    w.upsert("taxonomy_terms", TaxonomyTerm, directory.taxonomy_terms, rows.apply_term)
    session.flush()
    w.upsert("locations", Location, directory.locations, rows.apply_location)
    session.flush()
    all_orgs = {**repo.by_ids(session, Organization, _org_ids(directory)), **orgs}
    places = {
        s.id: rows.place_of(s, _fallback_countries(session, s, directory, all_orgs))
        for s in directory.services
    }

    def apply(row: Service, s: m.DirectoryService) -> None:
        rows.apply_service(row, s, places[s.id])
        row.search_text = rows.search_text(s, all_orgs[row.organization_id].name)

    saved: dict[uuid.UUID, Service] = w.upsert("services", Service, directory.services, apply)
    session.flush()
    for key, row in saved.items():
        repo.replace_links(session, key, row.country, row.service_types, row.areas)
    session.flush()
    report = ImportReport(
        sources=list(sources),
        created=w.created,
        updated=w.updated,
        warnings=[e.as_dict() for e in directory.warnings],
    )
    audit.record(
        session,
        actor,
        "services.import",
        "directory",
        "",
        {"sources": len(sources), "created": w.created, "updated": w.updated},
    )
    return report


def _org_ids(directory: m.Directory) -> list[uuid.UUID]:
    return [uuid.UUID(s.organization_id) for s in directory.services if s.organization_id]


def import_sources(
    session: Session,
    actor: Principal | None,
    sources: Sequence[HsdsSource],
    tick: Tick | None = None,
) -> ImportReport:
    """Parse every source (raising ``HsdsImportError`` with every error of every file), then
    write the whole directory, or nothing."""
    require_import(actor)
    directory = parse_directory(*sources)
    return write_directory(session, actor, directory, [s.name for s in sources], tick)


def load_directory(session: Session, actor: Principal | None) -> m.Directory:
    """The whole database directory as the pure ``Directory`` (for HSDS export)."""
    require_import(actor)
    directory = m.Directory(
        organizations=tuple(map(rows.organization_of, repo.all_rows(session, Organization))),
        services=tuple(map(rows.service_of, repo.all_rows(session, Service))),
        locations=tuple(map(rows.location_of, repo.all_rows(session, Location))),
        taxonomy_terms=tuple(map(rows.term_of, repo.all_rows(session, TaxonomyTerm))),
        taxonomies=tuple(map(rows.taxonomy_of, repo.all_rows(session, Taxonomy))),
    )
    audit.record(
        session, actor, "services.export", "directory", "", {"services": len(directory.services)}
    )
    return directory


def link_agency(
    session: Session, organization_id: uuid.UUID, agency_id: uuid.UUID | None
) -> Organization:
    """Link an organization to the Titian agency that runs it (command line, operator)."""
    org = session.scalars(select(Organization).where(Organization.id == organization_id)).first()
    if org is None:
        raise NotFound("no such organization")
    org.agency_id = agency_id
    audit.record(
        session, None, "services.link_agency", "organization", org.id, {"agency_id": str(agency_id)}
    )
    return org
