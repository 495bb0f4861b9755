"""The parsed service directory: plain frozen dataclasses, independent of any database.

Shape follows HSDS 3.0 (data-standards.md (c)) with HSDS 3.1 ``service_capacity`` and ``unit``.
Collections are normalised: ``Directory`` holds organizations, services and locations; a service
points to its locations through ``DirectoryServiceAtLocation.location_id``. HSDS fields that Titian
does not model one by one are kept in ``extra_fields`` so that an import exports again unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property

from titian.services.hsds_errors import HsdsError
from titian.services.hsds_taxonomy import gesi_taxonomy
from titian.services.vocab import (
    AccessibilityFeature,
    CitizenshipAccepted,
    CostType,
    GenderAccepted,
    LanguageMode,
    ServiceType,
    WgDomain,
)

Scalar = str | int | float | bool
ExtraFields = tuple[tuple[str, Scalar], ...]
_ISO_3166 = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")
CHILD_AGE_LIMIT = 18


@dataclass(frozen=True)
class DirectoryLanguage:
    """``code`` is a BCP-47 tag (languages.md: HSDS ``code`` is its ISO 639 part)."""

    id: str
    code: str | None = None
    name: str | None = None
    note: str | None = None
    mode: LanguageMode = LanguageMode.SPOKEN


@dataclass(frozen=True)
class DirectoryPhone:
    id: str
    number: str
    extension: float | None = None
    type: str | None = None
    description: str | None = None
    languages: tuple[DirectoryLanguage, ...] = ()


@dataclass(frozen=True)
class DirectoryContact:
    id: str
    name: str | None = None
    title: str | None = None
    department: str | None = None
    email: str | None = None
    phones: tuple[DirectoryPhone, ...] = ()


@dataclass(frozen=True)
class DirectorySchedule:
    """iCal-style schedule (HSDS 3.0); rarer RRULE parts stay in ``extra_fields``."""

    id: str
    freq: str | None = None
    byday: str | None = None
    opens_at: str | None = None
    closes_at: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None
    description: str | None = None
    extra_fields: ExtraFields = ()


@dataclass(frozen=True)
class DirectoryAddress:
    id: str
    address_1: str
    city: str
    state_province: str
    postal_code: str
    country: str
    address_type: str
    address_2: str | None = None
    region: str | None = None
    attention: str | None = None


@dataclass(frozen=True)
class DirectoryAccessibility:
    """HSDS free-text accessibility of a location; searchable features are on the service."""

    id: str
    description: str | None = None
    details: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class DirectoryAttribute:
    """An attribute outside the Titian taxonomy, kept as it came (term in the directory)."""

    id: str
    taxonomy_term_id: str
    link_type: str | None = None
    value: str | None = None


@dataclass(frozen=True)
class DirectoryTaxonomyTerm:
    id: str
    name: str
    description: str
    code: str | None = None
    taxonomy: str | None = None
    taxonomy_id: str | None = None
    parent_id: str | None = None
    term_uri: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class DirectoryTaxonomy:
    id: str
    name: str
    description: str
    uri: str | None = None
    version: str | None = None


@dataclass(frozen=True)
class DirectoryLocation:
    id: str
    location_type: str
    name: str | None = None
    organization_id: str | None = None
    description: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    addresses: tuple[DirectoryAddress, ...] = ()
    accessibility: tuple[DirectoryAccessibility, ...] = ()
    languages: tuple[DirectoryLanguage, ...] = ()
    phones: tuple[DirectoryPhone, ...] = ()
    contacts: tuple[DirectoryContact, ...] = ()
    schedules: tuple[DirectorySchedule, ...] = ()
    attributes: tuple[DirectoryAttribute, ...] = ()
    extra_fields: ExtraFields = ()


@dataclass(frozen=True)
class DirectoryServiceAtLocation:
    id: str
    location_id: str
    description: str | None = None
    phones: tuple[DirectoryPhone, ...] = ()
    contacts: tuple[DirectoryContact, ...] = ()
    schedules: tuple[DirectorySchedule, ...] = ()


@dataclass(frozen=True)
class DirectoryServiceArea:
    """An area served. Titian writes ``extent_type='text'`` and an ISO 3166-1 or 3166-2 code as
    ``extent`` (docs/hsds-profile.md)."""

    id: str
    name: str | None = None
    description: str | None = None
    extent: str | None = None
    extent_type: str | None = None
    uri: str | None = None

    @property
    def iso_3166_code(self) -> str | None:
        if self.extent_type == "text" and self.extent and _ISO_3166.match(self.extent):
            return self.extent
        return None


@dataclass(frozen=True)
class DirectoryUnit:
    """HSDS 3.1 ``unit``, e.g. ``Bed``."""

    id: str
    name: str
    scheme: str | None = None
    identifier: str | None = None
    uri: str | None = None


@dataclass(frozen=True)
class DirectoryCapacity:
    """HSDS 3.1 ``service_capacity``: ``available`` units (e.g. free beds) as of ``updated``."""

    id: str
    unit: DirectoryUnit
    available: float
    updated: datetime
    maximum: float | None = None
    description: str | None = None


@dataclass(frozen=True)
class DirectoryCostOption:
    id: str
    option: str | None = None
    amount: float | None = None
    currency: str | None = None
    amount_description: str | None = None
    valid_from: str | None = None
    valid_to: str | None = None


@dataclass(frozen=True)
class GesiProfile:
    """Who a service accepts and how it accommodates them. An empty set means "not declared",
    never "nobody": matching must report it as unknown (DESIGN.md, "A gap is a result")."""

    genders_accepted: frozenset[GenderAccepted] = frozenset()
    citizenship_accepted: frozenset[CitizenshipAccepted] = frozenset()
    accepts_unaccompanied_children: bool = False
    minimum_age: int | None = None
    maximum_age: int | None = None
    accessibility: frozenset[AccessibilityFeature] = frozenset()
    lgbtqi_affirming: bool = False
    service_types: frozenset[ServiceType] = frozenset()
    cost: CostType | None = None

    @property
    def child_only(self) -> bool:
        """Only children are accepted (data-standards.md (c), profile: "child-only")."""
        return self.maximum_age is not None and self.maximum_age < CHILD_AGE_LIMIT

    def wg_domains(self) -> frozenset[WgDomain]:
        """WG-SS domains this service accommodates, from the taxonomy file."""
        tax = gesi_taxonomy()
        found = {tax.by_code(f"accessibility:{f.value}") for f in self.accessibility}
        return frozenset(t.wg_domain for t in found if t is not None and t.wg_domain)


@dataclass(frozen=True)
class DirectoryService:
    id: str
    name: str
    status: str
    organization_id: str | None = None
    description: str | None = None
    alternate_name: str | None = None
    url: str | None = None
    email: str | None = None
    interpretation_services: str | None = None
    application_process: str | None = None
    fees_description: str | None = None
    eligibility_description: str | None = None
    alert: str | None = None
    last_modified: str | None = None
    gesi: GesiProfile = GesiProfile()
    languages: tuple[DirectoryLanguage, ...] = ()
    phones: tuple[DirectoryPhone, ...] = ()
    contacts: tuple[DirectoryContact, ...] = ()
    schedules: tuple[DirectorySchedule, ...] = ()
    service_areas: tuple[DirectoryServiceArea, ...] = ()
    locations: tuple[DirectoryServiceAtLocation, ...] = ()
    capacities: tuple[DirectoryCapacity, ...] = ()
    cost_options: tuple[DirectoryCostOption, ...] = ()
    attributes: tuple[DirectoryAttribute, ...] = ()
    extra_fields: ExtraFields = ()

    def language_codes(self, mode: LanguageMode) -> tuple[str, ...]:
        """Tags of the languages offered in ``mode`` (spoken by staff, or by interpretation)."""
        return tuple(lang.code for lang in self.languages if lang.mode is mode and lang.code)


@dataclass(frozen=True)
class DirectoryOrganization:
    id: str
    name: str
    description: str
    alternate_name: str | None = None
    email: str | None = None
    website: str | None = None
    legal_status: str | None = None
    parent_organization_id: str | None = None
    phones: tuple[DirectoryPhone, ...] = ()
    contacts: tuple[DirectoryContact, ...] = ()
    attributes: tuple[DirectoryAttribute, ...] = ()
    extra_fields: ExtraFields = ()


@dataclass(frozen=True)
class Directory:
    """A whole parsed import. ``warnings`` do not take part in equality."""

    organizations: tuple[DirectoryOrganization, ...] = ()
    services: tuple[DirectoryService, ...] = ()
    locations: tuple[DirectoryLocation, ...] = ()
    taxonomy_terms: tuple[DirectoryTaxonomyTerm, ...] = ()
    taxonomies: tuple[DirectoryTaxonomy, ...] = ()
    warnings: tuple[HsdsError, ...] = field(default=(), compare=False)

    def location(self, location_id: str) -> DirectoryLocation | None:
        return self._locations.get(location_id)

    def organization(self, organization_id: str) -> DirectoryOrganization | None:
        return self._organizations.get(organization_id)

    def locations_of(self, organization_id: str) -> tuple[DirectoryLocation, ...]:
        """Locations whose ``organization_id`` is this organization, in directory order."""
        return self._locations_by_org.get(organization_id, ())

    @cached_property
    def _locations(self) -> dict[str, DirectoryLocation]:
        return {loc.id: loc for loc in self.locations}

    @cached_property
    def _organizations(self) -> dict[str, DirectoryOrganization]:
        return {org.id: org for org in self.organizations}

    @cached_property
    def _locations_by_org(self) -> dict[str, tuple[DirectoryLocation, ...]]:
        out: dict[str, list[DirectoryLocation]] = {}
        for loc in self.locations:
            if loc.organization_id is not None:
                out.setdefault(loc.organization_id, []).append(loc)
        return {key: tuple(value) for key, value in out.items()}
