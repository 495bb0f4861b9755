"""Inputs of matching: a service offer, its declared eligibility, and one need of one person.

Plain frozen dataclasses, validated on construction (a bad field raises
:class:`MatchingInputError` naming the record and field). Language tags are normalised to BCP-47
(languages.md), areas are ISO 3166-2 codes of the record's country; an offer with no areas serves
the whole country. Areas nest as in ISO 3166-2 (a Philippine province sits in its region).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import TypeVar

import pycountry

from titian.referrals.languages import LanguageTagError, normalize_tags, primary_language
from titian.referrals.vocab import (
    ALL_GENDER_GROUPS,
    AccessibilityFeature,
    CitizenshipStatus,
    Cost,
    Gender,
    GenderEligibility,
    ServiceType,
    WgDomain,
)

_E = TypeVar("_E", bound=StrEnum)
ADULT_AGE = 18
SAME_AREA, NEARBY_AREA, COUNTRY_WIDE = 0, 1, 2


class MatchingInputError(ValueError):
    """A service offer or need profile is malformed; the message names the record and field."""


def _fail(record: str, field_name: str, reason: str) -> MatchingInputError:
    return MatchingInputError(f"{record}.{field_name}: {reason}")


def _check_area(record: str, country: str, area: str, field_name: str = "areas") -> str:
    code = area.strip().upper() if isinstance(area, str) else ""
    if not code.startswith(f"{country}-") or len(code) < 4:
        raise _fail(record, field_name, f"{area!r} is not an ISO 3166-2 code of {country}")
    return code


def _check_country(record: str, country: str) -> str:
    code = country.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise _fail(record, "country", f"{country!r} is not an ISO 3166-1 alpha-2 code")
    return code


def _members(kind: type[_E], values: Iterable[str], record: str, field_name: str) -> frozenset[_E]:
    """Values as enum members; a lookup table keeps this cheap for 20,000 offers."""
    table: Mapping[str, _E] = kind._value2member_map_  # type: ignore[assignment]
    try:
        return frozenset(map(table.__getitem__, values))
    except KeyError as exc:
        raise _fail(record, field_name, f"unknown value {exc.args[0]!r}") from None


def _member(kind: type[_E], value: str, record: str, field_name: str) -> _E:
    table: Mapping[str, _E] = kind._value2member_map_  # type: ignore[assignment]
    if value not in table:
        raise _fail(record, field_name, f"unknown value {value!r}")
    return table[value]


def _tags(values: Iterable[str], record: str, field_name: str) -> frozenset[str]:
    try:
        return normalize_tags(values)
    except LanguageTagError as exc:
        raise _fail(record, field_name, str(exc)) from None


@dataclass(frozen=True, kw_only=True)
class Eligibility:
    """Declared GESI eligibility of a service (ASEAN-CT profile; HSDS ``minimum_age``/
    ``maximum_age``, inclusive). The defaults are a service open to everyone."""

    genders: frozenset[GenderEligibility] = ALL_GENDER_GROUPS
    age_min: int | None = None
    age_max: int | None = None
    unaccompanied_children: bool = True
    non_citizens: bool = True
    stateless: bool = True
    undocumented: bool = True

    def __post_init__(self) -> None:
        genders = _members(GenderEligibility, self.genders, "eligibility", "genders")
        object.__setattr__(self, "genders", genders)
        if not self.genders:
            raise _fail("eligibility", "genders", "empty; a service open to all lists every group")
        lo, hi = self.age_min, self.age_max
        if (lo is not None and lo < 0) or (hi is not None and hi < 0):
            raise _fail("eligibility", "age_min/age_max", "negative age")
        if lo is not None and hi is not None and lo > hi:
            raise _fail("eligibility", "age_min", f"{lo} is above age_max {hi}")

    @property
    def open_to_everyone(self) -> bool:
        return self == Eligibility()


@dataclass(frozen=True, kw_only=True)
class ServiceOffer:
    """One service as matching sees it (flattened from the HSDS directory). ``areas`` are
    ISO 3166-2 codes; empty means the whole country. ``capacity_free`` None means not declared."""

    id: str
    agency_id: str
    name: str
    country: str
    areas: frozenset[str] = frozenset()
    service_types: frozenset[ServiceType]
    eligibility: Eligibility = field(default_factory=Eligibility)
    accessibility: frozenset[AccessibilityFeature] = frozenset()
    languages: frozenset[str] = frozenset()
    interpretation_offered: frozenset[str] = frozenset()
    interpretation_any_language: bool = False
    lgbtqi_affirming: bool = False
    capacity_free: int | None = None
    cost: Cost = Cost.NOT_STATED
    active: bool = True
    spoken: frozenset[str] = field(init=False, repr=False, compare=False)
    interpreted: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        rec = f"service[{self.id}]"
        put = object.__setattr__
        country = _check_country(rec, self.country)
        put(self, "country", country)
        put(self, "areas", frozenset([_check_area(rec, country, a) for a in self.areas]))
        put(self, "service_types", _members(ServiceType, self.service_types, rec, "service_types"))
        put(
            self,
            "accessibility",
            _members(AccessibilityFeature, self.accessibility, rec, "accessibility"),
        )
        put(self, "cost", _member(Cost, self.cost, rec, "cost"))
        languages = _tags(self.languages, rec, "languages")
        interpretation = _tags(self.interpretation_offered, rec, "interpretation_offered")
        put(self, "languages", languages)
        put(self, "interpretation_offered", interpretation)
        put(self, "spoken", frozenset(map(primary_language, languages)))
        put(self, "interpreted", frozenset(map(primary_language, interpretation)))
        if not self.service_types:
            raise _fail(rec, "service_types", "empty")
        if self.capacity_free is not None and self.capacity_free < 0:
            raise _fail(rec, "capacity_free", f"{self.capacity_free} is negative")


@dataclass(frozen=True, kw_only=True)
class NeedProfile:
    """One need of one person, with only the profile fields matching uses.

    ``wg_domains`` are the WG-SS domains needing accommodation (decided by the case profile:
    DISABILITY3, or "some difficulty" when the person accepts the offer). ``lgbtqi`` may be set
    only with ``sogiesc_consented`` (data-standards.md (e), rule 2). ``age`` None is an unknown age
    and, like ``age_uncertain``, is treated as a child (presumption of minority).
    """

    need: ServiceType
    country: str
    area: str
    gender: Gender = Gender.NOT_STATED
    age: int | None = None
    age_uncertain: bool = False
    unaccompanied: bool = False
    wg_domains: frozenset[WgDomain] = frozenset()
    accommodations_declined: frozenset[AccessibilityFeature] = frozenset()
    languages_preferred: tuple[str, ...] = ()
    languages_understood: tuple[str, ...] = ()
    citizenship: CitizenshipStatus = CitizenshipStatus.UNKNOWN
    sogiesc_consented: bool = False
    lgbtqi: bool = False

    def __post_init__(self) -> None:
        put, rec = object.__setattr__, "need"
        country = _check_country(rec, self.country)
        put(self, "country", country)
        put(self, "area", _check_area(rec, country, self.area, "area"))
        put(self, "need", _member(ServiceType, self.need, rec, "need"))
        put(self, "gender", _member(Gender, self.gender, rec, "gender"))
        put(self, "citizenship", _member(CitizenshipStatus, self.citizenship, rec, "citizenship"))
        put(self, "wg_domains", _members(WgDomain, self.wg_domains, rec, "wg_domains"))
        declined = _members(AccessibilityFeature, self.accommodations_declined, rec, "declined")
        put(self, "accommodations_declined", declined)
        for name in ("languages_preferred", "languages_understood"):
            try:
                tags = tuple(dict.fromkeys(primary_language(t) for t in getattr(self, name)))
            except LanguageTagError as exc:
                raise _fail(rec, name, str(exc)) from None
            put(self, name, tags)
        if self.age is not None and self.age < 0:
            raise _fail("need", "age", f"{self.age} is negative")
        if self.lgbtqi and not self.sogiesc_consented:
            raise _fail("need", "lgbtqi", "SOGIESC may be recorded only with sogiesc_consented")

    @property
    def treated_as_child(self) -> bool:
        return self.age_uncertain or self.age is None or self.age < ADULT_AGE

    @property
    def gender_group(self) -> GenderEligibility | None:
        """women/men/girls/boys/non-binary people; None when gender is not recorded as one."""
        child = self.treated_as_child
        if self.gender is Gender.WOMAN:
            return GenderEligibility.GIRLS if child else GenderEligibility.WOMEN
        if self.gender is Gender.MAN:
            return GenderEligibility.BOYS if child else GenderEligibility.MEN
        if self.gender is Gender.NON_BINARY:
            return GenderEligibility.NON_BINARY
        return None

    @property
    def is_lgbtqi(self) -> bool:
        return self.sogiesc_consented and self.lgbtqi


@lru_cache(maxsize=8192)
def area_ancestors(code: str) -> tuple[str, ...]:
    """Enclosing ISO 3166-2 subdivisions of an area (PH province → region), nearest first."""
    chain: list[str] = []
    current = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    while current is not None and getattr(current, "parent_code", None):
        parent: str = current.parent_code
        chain.append(parent)
        current = pycountry.subdivisions.get(code=parent)  # type: ignore[no-untyped-call]
    return tuple(chain)


def area_distance(area: str, served: frozenset[str]) -> int | None:
    """Distance in admin areas: 0 the area itself, 1 an enclosing or enclosed ISO 3166-2 area,
    2 a country-wide service (no areas declared); None when the service does not serve it."""
    if not served:
        return COUNTRY_WIDE
    if area in served:
        return SAME_AREA
    if any(a in served for a in area_ancestors(area)):
        return NEARBY_AREA
    if any(area in area_ancestors(s) for s in served):
        return NEARBY_AREA
    return None
