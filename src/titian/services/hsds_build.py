"""Build the ``Directory`` from validated records, joining them by their ``*_id`` links.

Rules (docs/hsds-profile.md, "Import"): a service must belong to an organization in the import; a
service_at_location must name a location in the import; a capacity must name its unit. A link to
an object that is not in the import is a warning when the record can still be placed (HSDS
publications are often partial: the official examples link to absent objects), and the record is
dropped, with a warning, when it is linked to nothing. Tables Titian does not keep (programs,
funding, required documents, organization identifiers, metadata) are counted in a warning.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from titian.services import hsds_model as m
from titian.services.hsds_errors import HsdsError
from titian.services.hsds_gesi import SERVICE_FACETS, gesi_profile, split_attributes
from titian.services.hsds_records import Record, RecordSet
from titian.services.hsds_taxonomy import TAXONOMY_NAME, gesi_taxonomy
from titian.services.vocab import GesiFacet, IssueLevel, LanguageMode

IGNORED_TABLES = (
    "program", "funding", "required_document", "organization_identifier", "metadata",
    "meta_table_description",
)  # fmt: skip
ATTACHED_TABLES = (
    "phone", "contact", "language", "schedule", "address", "accessibility", "service_area",
    "cost_option", "attribute", "service_capacity",
)  # fmt: skip
SERVICE_FIELDS = (
    "description", "alternate_name", "url", "email", "interpretation_services",
    "application_process", "fees_description", "eligibility_description", "alert", "last_modified",
)  # fmt: skip
SCHEDULE_CORE = ("freq", "byday", "opens_at", "closes_at", "valid_from", "valid_to", "description")
_NOT_EXTRA = {"id", "service_id", "location_id", "service_at_location_id", "organization_id"}


@dataclass
class _Builder:
    records: RecordSet
    errors: list[HsdsError] = field(default_factory=list)
    warnings: list[HsdsError] = field(default_factory=list)
    used: set[tuple[str, str]] = field(default_factory=set)
    _index: dict[tuple[str, str], dict[str, list[Record]]] = field(default_factory=dict)

    def children(self, table: str, key: str, parent_id: str) -> list[Record]:
        index = self._index.get((table, key))
        if index is None:
            index = defaultdict(list)
            for record in self.records.table(table).values():
                value = record.get(key)
                if isinstance(value, str):
                    index[value].append(record)
            self._index[(table, key)] = index
        found = index.get(parent_id, [])
        self.used.update((r.table, r.id) for r in found)
        return found


def build_directory(records: RecordSet) -> tuple[m.Directory, list[HsdsError]]:
    """The directory and the errors met while joining (warnings go into the directory)."""
    b = _Builder(records)
    orgs = tuple(_organization(b, r) for r in records.table("organization").values())
    services = tuple(_service(b, r) for r in records.table("service").values())
    locations = tuple(_location(b, r) for r in records.table("location").values())
    titian = gesi_taxonomy()
    terms = tuple(
        _term(r)
        for r in records.table("taxonomy_term").values()
        if r.get("taxonomy") != TAXONOMY_NAME and r.get("taxonomy_id") != titian.id
    )
    taxonomies = tuple(
        _taxonomy(r) for r in records.table("taxonomy").values() if r.id != titian.id
    )
    _unused_warnings(b)
    warnings = (*records.warnings, *b.warnings)
    return m.Directory(orgs, services, locations, terms, taxonomies, warnings), b.errors


def _unused_warnings(b: _Builder) -> None:
    for table in ATTACHED_TABLES:
        for record in b.records.table(table).values():
            if (table, record.id) not in b.used:
                msg = f"{table} {record.id} is linked to no imported object; ignored"
                b.warnings.append(record.origin.warning("id", msg))
    for table in IGNORED_TABLES:
        count = len(b.records.table(table))
        if count:
            msg = f"{count} {table} record(s) not kept: not part of the Titian directory"
            b.warnings.append(HsdsError(table, None, "", msg, IssueLevel.WARNING))


def _s(record: Record, name: str) -> str | None:
    return record.text(name)


def _f(record: Record, name: str) -> float | None:
    value = record.get(name)
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _extra(record: Record, known: tuple[str, ...] | set[str]) -> m.ExtraFields:
    skip = set(known) | _NOT_EXTRA
    pairs = [(k, v) for k, v in record.fields.items() if k not in skip and v is not None]
    return tuple(sorted(pairs))


def _existing(b: _Builder, record: Record, name: str, table: str) -> str | None:
    """A link kept only when its target is in the import; otherwise a warning."""
    value = _s(record, name)
    if value is not None and b.records.find(table, value) is None:
        msg = f"{table} {value} is not in the import; link dropped"
        b.warnings.append(record.origin.warning(name, msg))
        return None
    return value


def _language(b: _Builder, r: Record) -> m.DirectoryLanguage:
    linked = split_attributes(
        b.records, b.children("attribute", "link_id", r.id), frozenset({GesiFacet.LANGUAGE_MODE}),
        b.errors,
    )  # fmt: skip
    modes = {term.value for term, _ in linked.gesi}
    mode = LanguageMode.INTERPRETATION if LanguageMode.INTERPRETATION in modes else None
    return m.DirectoryLanguage(
        id=r.id,
        code=_s(r, "titian_bcp47_tag") or _s(r, "code"),
        name=_s(r, "name"),
        note=_s(r, "note"),
        mode=mode or LanguageMode.SPOKEN,
    )


def _languages(b: _Builder, key: str, parent: str) -> tuple[m.DirectoryLanguage, ...]:
    return tuple(_language(b, r) for r in b.children("language", key, parent))


def _phones(b: _Builder, key: str, parent: str) -> tuple[m.DirectoryPhone, ...]:
    return tuple(
        m.DirectoryPhone(
            id=r.id,
            number=_s(r, "number") or "",
            extension=_f(r, "extension"),
            type=_s(r, "type"),
            description=_s(r, "description"),
            languages=_languages(b, "phone_id", r.id),
        )
        for r in b.children("phone", key, parent)
    )


def _contacts(b: _Builder, key: str, parent: str) -> tuple[m.DirectoryContact, ...]:
    return tuple(
        m.DirectoryContact(
            id=r.id,
            name=_s(r, "name"),
            title=_s(r, "title"),
            department=_s(r, "department"),
            email=_s(r, "email"),
            phones=_phones(b, "contact_id", r.id),
        )
        for r in b.children("contact", key, parent)
    )


def _schedules(b: _Builder, key: str, parent: str) -> tuple[m.DirectorySchedule, ...]:
    out = []
    for r in b.children("schedule", key, parent):
        core = {name: _s(r, name) for name in SCHEDULE_CORE}
        out.append(m.DirectorySchedule(id=r.id, **core, extra_fields=_extra(r, SCHEDULE_CORE)))
    return tuple(out)


def _attributes(b: _Builder, r: Record) -> tuple[m.DirectoryAttribute, ...]:
    linked = split_attributes(
        b.records, b.children("attribute", "link_id", r.id), frozenset(), b.errors
    )
    return linked.other


def _organization(b: _Builder, r: Record) -> m.DirectoryOrganization:
    known = ("name", "description", "alternate_name", "email", "website", "legal_status")
    return m.DirectoryOrganization(
        id=r.id,
        name=_s(r, "name") or "",
        description=_s(r, "description") or "",
        alternate_name=_s(r, "alternate_name"),
        email=_s(r, "email"),
        website=_s(r, "website"),
        legal_status=_s(r, "legal_status"),
        parent_organization_id=_existing(b, r, "parent_organization_id", "organization"),
        phones=_phones(b, "organization_id", r.id),
        contacts=_contacts(b, "organization_id", r.id),
        attributes=_attributes(b, r),
        extra_fields=_extra(r, (*known, "parent_organization_id")),
    )


def _location(b: _Builder, r: Record) -> m.DirectoryLocation:
    known = ("location_type", "name", "description", "latitude", "longitude")
    return m.DirectoryLocation(
        id=r.id,
        location_type=_s(r, "location_type") or "",
        name=_s(r, "name"),
        organization_id=_existing(b, r, "organization_id", "organization"),
        description=_s(r, "description"),
        latitude=_f(r, "latitude"),
        longitude=_f(r, "longitude"),
        addresses=tuple(_address(a) for a in b.children("address", "location_id", r.id)),
        accessibility=tuple(
            m.DirectoryAccessibility(a.id, _s(a, "description"), _s(a, "details"), _s(a, "url"))
            for a in b.children("accessibility", "location_id", r.id)
        ),
        languages=_languages(b, "location_id", r.id),
        phones=_phones(b, "location_id", r.id),
        contacts=_contacts(b, "location_id", r.id),
        schedules=_schedules(b, "location_id", r.id),
        attributes=_attributes(b, r),
        extra_fields=_extra(r, known),
    )


def _address(r: Record) -> m.DirectoryAddress:
    return m.DirectoryAddress(
        id=r.id,
        address_1=_s(r, "address_1") or "",
        city=_s(r, "city") or "",
        state_province=_s(r, "state_province") or "",
        postal_code=_s(r, "postal_code") or "",
        country=_s(r, "country") or "",
        address_type=_s(r, "address_type") or "",
        address_2=_s(r, "address_2"),
        region=_s(r, "region"),
        attention=_s(r, "attention"),
    )


def _service_locations(b: _Builder, r: Record) -> tuple[m.DirectoryServiceAtLocation, ...]:
    out = []
    for sal in b.children("service_at_location", "service_id", r.id):
        location_id = _s(sal, "location_id")
        if location_id is None or b.records.find("location", location_id) is None:
            msg = f"location {location_id} is not in the import"
            b.errors.append(sal.origin.error("location_id", msg))
            continue
        out.append(
            m.DirectoryServiceAtLocation(
                id=sal.id,
                location_id=location_id,
                description=_s(sal, "description"),
                phones=_phones(b, "service_at_location_id", sal.id),
                contacts=_contacts(b, "service_at_location_id", sal.id),
                schedules=_schedules(b, "service_at_location_id", sal.id),
            )
        )
    return tuple(out)


def _capacities(b: _Builder, r: Record) -> tuple[m.DirectoryCapacity, ...]:
    out = []
    for cap in b.children("service_capacity", "service_id", r.id):
        unit = b.records.find("unit", cap.get("unit_id"))
        updated = _datetime(cap.get("updated"))
        if unit is None:
            msg = f"unit {cap.get('unit_id')} is not in the import"
            b.errors.append(cap.origin.error("unit_id", msg))
        if unit is None or updated is None or _f(cap, "available") is None:
            continue  # the schema errors name the missing or malformed fields
        out.append(
            m.DirectoryCapacity(
                id=cap.id,
                unit=m.DirectoryUnit(
                    unit.id,
                    _s(unit, "name") or "",
                    _s(unit, "scheme"),
                    _s(unit, "identifier"),
                    _s(unit, "uri"),
                ),
                available=_f(cap, "available") or 0.0,
                updated=updated,
                maximum=_f(cap, "maximum"),
                description=_s(cap, "description"),
            )
        )
    return tuple(out)


def _datetime(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _service(b: _Builder, r: Record) -> m.DirectoryService:
    org_id = _s(r, "organization_id")
    if org_id is None or b.records.find("organization", org_id) is None:
        msg = f"organization {org_id} is not in the import; a service needs its organization"
        b.errors.append(r.origin.error("organization_id", msg))
    linked = split_attributes(
        b.records, b.children("attribute", "link_id", r.id), SERVICE_FACETS, b.errors
    )
    known = ("name", "status", "minimum_age", "maximum_age", "program_id", *SERVICE_FIELDS)
    return m.DirectoryService(
        id=r.id,
        name=_s(r, "name") or "",
        status=_s(r, "status") or "",
        organization_id=org_id,
        **{name: _s(r, name) for name in SERVICE_FIELDS},
        gesi=gesi_profile(r, linked.gesi, b.errors),
        languages=_languages(b, "service_id", r.id),
        phones=_phones(b, "service_id", r.id),
        contacts=_contacts(b, "service_id", r.id),
        schedules=_schedules(b, "service_id", r.id),
        service_areas=tuple(_area(a) for a in b.children("service_area", "service_id", r.id)),
        locations=_service_locations(b, r),
        capacities=_capacities(b, r),
        cost_options=tuple(_cost(c) for c in b.children("cost_option", "service_id", r.id)),
        attributes=linked.other,
        extra_fields=_extra(r, known),
    )


def _area(r: Record) -> m.DirectoryServiceArea:
    names = ("name", "description", "extent", "extent_type", "uri")
    return m.DirectoryServiceArea(r.id, *(_s(r, n) for n in names))


def _cost(r: Record) -> m.DirectoryCostOption:
    return m.DirectoryCostOption(
        id=r.id,
        option=_s(r, "option"),
        amount=_f(r, "amount"),
        currency=_s(r, "currency"),
        amount_description=_s(r, "amount_description"),
        valid_from=_s(r, "valid_from"),
        valid_to=_s(r, "valid_to"),
    )


def _term(r: Record) -> m.DirectoryTaxonomyTerm:
    names = ("code", "taxonomy", "taxonomy_id", "parent_id", "term_uri", "language")
    return m.DirectoryTaxonomyTerm(
        r.id, _s(r, "name") or "", _s(r, "description") or "", *(_s(r, n) for n in names)
    )


def _taxonomy(r: Record) -> m.DirectoryTaxonomy:
    return m.DirectoryTaxonomy(
        r.id, _s(r, "name") or "", _s(r, "description") or "", _s(r, "uri"), _s(r, "version")
    )
