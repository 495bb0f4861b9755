"""Between the parsed directory (``hsds_model`` dataclasses) and the database rows.

The dataclass is the one source of truth: ``apply_*`` stores it whole in ``hsds`` and copies the
searchable fields into typed columns; ``*_of`` reads it back. Where a service is: the ISO 3166
codes of its HSDS ``service_areas`` (docs/hsds-profile.md: ``extent_type`` text, ``extent`` an
ISO 3166-1 or 3166-2 code); without any, the country of its locations' addresses, then of the
agency that runs it. A country code, or no area code at all, means the whole country.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from titian.services import hsds_model as m
from titian.services.hsds import BED_UNIT
from titian.services.models import Location, Organization, Service, Taxonomy, TaxonomyTerm
from titian.services.service_codec import from_plain, to_plain
from titian.services.vocab import LanguageMode, ServiceStatus

ANY_LANGUAGE_FIELD = "titian_interpretation_any_language"
"""HSDS extra property of a service: an interpreter can be arranged in any language."""


@dataclass(frozen=True)
class Place:
    """Where a service is offered: its country, its ISO 3166-2 areas (none = country-wide)."""

    country: str | None
    areas: tuple[str, ...]

    @property
    def country_wide(self) -> bool:
        return self.country is not None and not self.areas


def place_of(svc: m.DirectoryService, fallback_countries: Sequence[str | None]) -> Place:
    """The country and areas of a service (module docstring); ``fallback_countries`` are the
    countries of its locations, then of its agency, in that order."""
    codes = [c for a in svc.service_areas if (c := a.iso_3166_code)]
    countries = [c.split("-", 1)[0] for c in codes] or [c for c in fallback_countries if c]
    if not countries:
        return Place(None, ())
    country = countries[0].upper()
    if country in codes:
        return Place(country, ())
    areas = sorted({c for c in codes if c.startswith(f"{country}-")})
    return Place(country, tuple(areas))


def location_countries(loc: m.DirectoryLocation) -> list[str]:
    return [a.country.upper() for a in loc.addresses if a.country]


def _bed_capacity(svc: m.DirectoryService) -> m.DirectoryCapacity | None:
    for cap in svc.capacities:
        if cap.unit.id == BED_UNIT.id or cap.unit.name.casefold() == "bed":
            return cap
    return svc.capacities[0] if svc.capacities else None


def _int(value: float | None) -> int | None:
    return None if value is None else int(value)


def any_language(svc: m.DirectoryService) -> bool:
    return dict(svc.extra_fields).get(ANY_LANGUAGE_FIELD) is True


def apply_service(row: Service, svc: m.DirectoryService, place: Place) -> None:
    """Write ``svc`` into ``row``: the whole object in ``hsds`` and the typed columns."""
    g = svc.gesi
    row.id = uuid.UUID(svc.id)
    row.organization_id = uuid.UUID(svc.organization_id or "")
    row.name = svc.name[:300]
    row.status = svc.status
    row.country = place.country
    row.country_wide = place.country_wide
    row.areas = list(place.areas)
    row.service_types = sorted(t.value for t in g.service_types)
    row.genders_accepted = sorted(v.value for v in g.genders_accepted)
    row.citizenship_accepted = sorted(v.value for v in g.citizenship_accepted)
    row.accepts_unaccompanied_children = g.accepts_unaccompanied_children
    row.minimum_age, row.maximum_age = g.minimum_age, g.maximum_age
    row.accessibility = sorted(v.value for v in g.accessibility)
    row.lgbtqi_affirming = g.lgbtqi_affirming
    row.cost = g.cost.value if g.cost else None
    row.languages = list(dict.fromkeys(svc.language_codes(LanguageMode.SPOKEN)))
    row.interpretation_languages = list(
        dict.fromkeys(svc.language_codes(LanguageMode.INTERPRETATION))
    )
    row.interpretation_any_language = any_language(svc)
    cap = _bed_capacity(svc)
    row.capacity_available = _int(cap.available) if cap else None
    row.capacity_maximum = _int(cap.maximum) if cap else None
    row.capacity_unit = cap.unit.name[:60] if cap else None
    row.capacity_updated = cap.updated if cap else None
    row.hsds = to_plain(svc)


def search_text(svc: m.DirectoryService, organization_name: str) -> str:
    """Lower-case words searched by the directory's free-text filter."""
    parts = [svc.name, svc.alternate_name, svc.description, svc.eligibility_description]
    return " ".join(p for p in [*parts, organization_name] if p).casefold()


def service_of(row: Service) -> m.DirectoryService:
    return from_plain(m.DirectoryService, row.hsds)


def apply_organization(row: Organization, org: m.DirectoryOrganization) -> None:
    row.id = uuid.UUID(org.id)
    row.name = org.name[:300]
    row.hsds = to_plain(org)


def organization_of(row: Organization) -> m.DirectoryOrganization:
    return from_plain(m.DirectoryOrganization, row.hsds)


def apply_location(row: Location, loc: m.DirectoryLocation) -> None:
    row.id = uuid.UUID(loc.id)
    row.name = loc.name[:300] if loc.name else None
    row.organization_id = uuid.UUID(loc.organization_id) if loc.organization_id else None
    row.hsds = to_plain(loc)


def location_of(row: Location) -> m.DirectoryLocation:
    return from_plain(m.DirectoryLocation, row.hsds)


def apply_taxonomy(row: Taxonomy, tax: m.DirectoryTaxonomy) -> None:
    row.id = uuid.UUID(tax.id)
    row.name = tax.name[:300]
    row.hsds = to_plain(tax)


def taxonomy_of(row: Taxonomy) -> m.DirectoryTaxonomy:
    return from_plain(m.DirectoryTaxonomy, row.hsds)


def apply_term(row: TaxonomyTerm, term: m.DirectoryTaxonomyTerm) -> None:
    row.id = uuid.UUID(term.id)
    row.name = term.name[:300]
    row.hsds = to_plain(term)


def term_of(row: TaxonomyTerm) -> m.DirectoryTaxonomyTerm:
    return from_plain(m.DirectoryTaxonomyTerm, row.hsds)


def is_active(status: str) -> bool:
    return status == ServiceStatus.ACTIVE.value
