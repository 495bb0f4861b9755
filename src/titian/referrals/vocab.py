"""Vocabularies of service matching, and the rules files that go with them.

The GESI fields follow the Titian "ASEAN-CT" profile of Open Referral HSDS 3.x (data-standards.md
(c)): genders accepted, age range, citizenship, accessibility per Washington Group domain (WG-SS,
data-standards.md (d)), languages, LGBTQI-affirming, capacity (HSDS 3.1 ``service_capacity``).
The map from a WG-SS domain to the service features it needs is the "Disability" row of the
accommodations table in rights-checklist.md; it ships as ``data/matching_rules.yaml`` together with
the ranking weights, so both can change without a code change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml

from titian.i18n.terms import pN_
from titian.services.vocab import AccessibilityFeature as AccessibilityFeature
from titian.services.vocab import ServiceType as ServiceType
from titian.services.vocab import WgDomain as WgDomain

RULES_FILE = "matching_rules.yaml"


class Gender(StrEnum):
    """A person's self-described gender (ABS 2020 categories, data-standards.md (e)).

    Trans people are recorded with the gender they give; sex at birth is never used by matching
    (UNHCR 2021: placement follows the person's wishes, never only the sex recorded at birth).
    """

    WOMAN = "woman"
    MAN = "man"
    NON_BINARY = "non_binary"
    DIFFERENT_TERM = "different_term"
    NOT_STATED = "not_stated"


class GenderEligibility(StrEnum):
    """Groups a service declares it accepts (ASEAN-CT profile: men, boys, women, girls, trans and
    non-binary people). Trans women and trans men are accepted as women and men."""

    WOMEN = "women"
    MEN = "men"
    GIRLS = "girls"
    BOYS = "boys"
    NON_BINARY = "non_binary"


ALL_GENDER_GROUPS: frozenset[GenderEligibility] = frozenset(GenderEligibility)


class CitizenshipStatus(StrEnum):
    """Citizenship relative to the country of service (rights-checklist accommodations table;
    "stateless person" is the HTCDS v2.0 international-protection value)."""

    CITIZEN = "citizen"
    FOREIGN_NATIONAL = "foreign_national"
    STATELESS = "stateless"
    UNDOCUMENTED = "undocumented"
    UNKNOWN = "unknown"


class Cost(StrEnum):
    """What the person pays (HSDS ``cost_options``, simplified). Cost ranks, never excludes."""

    FREE = "free"
    REDUCED = "reduced"
    FEE = "fee"
    NOT_STATED = "not_stated"


class ExclusionReason(StrEnum):
    """Why a candidate service does not fit. Each exclusion comes from the service's declared
    eligibility or a declared absence (C10: never a silent drop)."""

    INACTIVE = "inactive"
    OUTSIDE_AREA = "outside_area"
    GENDER_NOT_ACCEPTED = "gender_not_accepted"
    CHILDREN_NOT_ACCEPTED = "children_not_accepted"
    ADULTS_NOT_ACCEPTED = "adults_not_accepted"
    AGE_OUT_OF_RANGE = "age_out_of_range"
    UNACCOMPANIED_CHILDREN_NOT_ACCEPTED = "unaccompanied_children_not_accepted"
    CITIZENS_ONLY = "citizens_only"
    STATELESS_NOT_ACCEPTED = "stateless_not_accepted"
    UNDOCUMENTED_NOT_ACCEPTED = "undocumented_not_accepted"
    NO_ACCESSIBLE_FORMATS = "no_accessible_formats"
    NO_SIGN_LANGUAGE = "no_sign_language"
    NO_STEP_FREE_ACCESS = "no_step_free_access"
    NO_EASY_READ = "no_easy_read"
    NO_PERSONAL_ASSISTANCE = "no_personal_assistance"
    NO_COMMUNICATION_SUPPORT = "no_communication_support"
    NO_COMMON_LANGUAGE = "no_common_language"
    NO_CAPACITY = "no_capacity"

    @property
    def label(self) -> str:
        return _EXCLUSION_LABELS[self]


_EXCLUSION_LABELS: dict[ExclusionReason, str] = {
    ExclusionReason.INACTIVE: pN_("referrals.ExclusionReason", "not active"),
    ExclusionReason.OUTSIDE_AREA: pN_("referrals.ExclusionReason", "does not serve this area"),
    ExclusionReason.GENDER_NOT_ACCEPTED: pN_(
        "referrals.ExclusionReason", "does not accept this gender"
    ),
    ExclusionReason.CHILDREN_NOT_ACCEPTED: pN_("referrals.ExclusionReason", "adults only"),
    ExclusionReason.ADULTS_NOT_ACCEPTED: pN_("referrals.ExclusionReason", "children only"),
    ExclusionReason.AGE_OUT_OF_RANGE: pN_("referrals.ExclusionReason", "outside the age range"),
    ExclusionReason.UNACCOMPANIED_CHILDREN_NOT_ACCEPTED: pN_(
        "referrals.ExclusionReason", "no unaccompanied children"
    ),
    ExclusionReason.CITIZENS_ONLY: pN_("referrals.ExclusionReason", "citizens only"),
    ExclusionReason.STATELESS_NOT_ACCEPTED: pN_(
        "referrals.ExclusionReason", "does not accept stateless people"
    ),
    ExclusionReason.UNDOCUMENTED_NOT_ACCEPTED: pN_(
        "referrals.ExclusionReason", "identity documents required"
    ),
    ExclusionReason.NO_ACCESSIBLE_FORMATS: pN_(
        "referrals.ExclusionReason", "no screen-reader, large-print or audio formats"
    ),
    ExclusionReason.NO_SIGN_LANGUAGE: pN_("referrals.ExclusionReason", "no sign language"),
    ExclusionReason.NO_STEP_FREE_ACCESS: pN_("referrals.ExclusionReason", "no step-free access"),
    ExclusionReason.NO_EASY_READ: pN_("referrals.ExclusionReason", "no easy-read material"),
    ExclusionReason.NO_PERSONAL_ASSISTANCE: pN_(
        "referrals.ExclusionReason", "no personal assistance"
    ),
    ExclusionReason.NO_COMMUNICATION_SUPPORT: pN_(
        "referrals.ExclusionReason", "no communication support"
    ),
    ExclusionReason.NO_COMMON_LANGUAGE: pN_(
        "referrals.ExclusionReason", "no common language and no interpreter"
    ),
    ExclusionReason.NO_CAPACITY: pN_("referrals.ExclusionReason", "no capacity"),
}


class FitReason(StrEnum):
    """Why an eligible service fits; each one adds its weight to the score."""

    LGBTQI_AFFIRMING = "lgbtqi_affirming"
    LANGUAGE_EXACT = "language_exact"
    LANGUAGE_MACROLANGUAGE = "language_macrolanguage"
    LANGUAGE_UNDERSTOOD = "language_understood"
    LANGUAGE_INTERPRETER = "language_interpreter"
    ACCESSIBLE = "accessible"
    EXTRA_ACCOMMODATION = "extra_accommodation"
    CAPACITY_FREE = "capacity_free"
    SERVES_AREA = "serves_area"
    SERVES_NEARBY_AREA = "serves_nearby_area"
    COUNTRY_WIDE = "country_wide"
    FREE_OF_CHARGE = "free_of_charge"
    REDUCED_COST = "reduced_cost"

    @property
    def label(self) -> str:
        return _FIT_LABELS[self]


_FIT_LABELS: dict[FitReason, str] = {
    FitReason.LGBTQI_AFFIRMING: pN_("referrals.FitReason", "LGBTQI-affirming"),
    FitReason.LANGUAGE_EXACT: pN_("referrals.FitReason", "speaks the person's language"),
    FitReason.LANGUAGE_MACROLANGUAGE: pN_(
        "referrals.FitReason", "speaks a language of the same macrolanguage"
    ),
    FitReason.LANGUAGE_UNDERSTOOD: pN_(
        "referrals.FitReason", "speaks a language the person confirmed they understand"
    ),
    FitReason.LANGUAGE_INTERPRETER: pN_(
        "referrals.FitReason", "offers an interpreter in the person's language"
    ),
    FitReason.ACCESSIBLE: pN_("referrals.FitReason", "meets the accessibility need"),
    FitReason.EXTRA_ACCOMMODATION: pN_("referrals.FitReason", "offers a further accommodation"),
    FitReason.CAPACITY_FREE: pN_("referrals.FitReason", "has free capacity"),
    FitReason.SERVES_AREA: pN_("referrals.FitReason", "serves the person's area"),
    FitReason.SERVES_NEARBY_AREA: pN_(
        "referrals.FitReason", "serves an enclosing or enclosed area"
    ),
    FitReason.COUNTRY_WIDE: pN_("referrals.FitReason", "serves the whole country"),
    FitReason.FREE_OF_CHARGE: pN_("referrals.FitReason", "free of charge"),
    FitReason.REDUCED_COST: pN_("referrals.FitReason", "reduced cost"),
}


class CaveatReason(StrEnum):
    """An eligible service with something the case worker must confirm with the person or the
    provider: a declared restriction that the recorded data cannot settle either way."""

    GENDER_TO_CONFIRM = "gender_to_confirm"
    CITIZENSHIP_TO_CONFIRM = "citizenship_to_confirm"
    AGE_TO_CONFIRM = "age_to_confirm"
    LANGUAGE_NOT_RECORDED = "language_not_recorded"
    SERVICE_LANGUAGES_NOT_DECLARED = "service_languages_not_declared"
    USUAL_LANGUAGE_NEEDED = "usual_language_needed"

    @property
    def label(self) -> str:
        return _CAVEAT_LABELS[self]


_CAVEAT_LABELS: dict[CaveatReason, str] = {
    CaveatReason.GENDER_TO_CONFIRM: pN_(
        "referrals.CaveatReason", "gender restriction to confirm with the person"
    ),
    CaveatReason.CITIZENSHIP_TO_CONFIRM: pN_(
        "referrals.CaveatReason", "citizenship restriction to confirm"
    ),
    CaveatReason.AGE_TO_CONFIRM: pN_(
        "referrals.CaveatReason", "age range to confirm while age is uncertain"
    ),
    CaveatReason.LANGUAGE_NOT_RECORDED: pN_(
        "referrals.CaveatReason", "the person's language is not recorded"
    ),
    CaveatReason.SERVICE_LANGUAGES_NOT_DECLARED: pN_(
        "referrals.CaveatReason", "the service has not declared its languages"
    ),
    CaveatReason.USUAL_LANGUAGE_NEEDED: pN_(
        "referrals.CaveatReason", "communication difficulty: the usual language is needed"
    ),
}


class GapKind(StrEnum):
    """C10: "no suitable service" instead of an empty list; LGBTQI row of the accommodations table:
    no affirming service is a gap even when other services remain."""

    NO_ELIGIBLE_SERVICE = "no_eligible_service"
    NO_AFFIRMING_SERVICE = "no_affirming_service"


class GapSource(StrEnum):
    REFERRAL = "referral"
    COVERAGE_SCAN = "coverage_scan"


class GapGroup(StrEnum):
    """Group dimensions of a gap (never identity). LGBTQI is special-category data (C11,
    data-standards.md (e) rule 3): it may appear in internal gap reports only, never in a
    published or shared table."""

    WOMEN = "women"
    MEN = "men"
    GIRLS = "girls"
    BOYS = "boys"
    NON_BINARY = "non_binary"
    SEEING = "seeing"
    HEARING = "hearing"
    MOBILITY = "mobility"
    COGNITION = "cognition"
    SELF_CARE = "self_care"
    COMMUNICATION = "communication"
    LANGUAGE = "language"
    FOREIGN_NATIONALS = "foreign_nationals"
    STATELESS = "stateless"
    UNDOCUMENTED = "undocumented"
    LGBTQI = "lgbtqi"


SPECIAL_CATEGORY_GROUPS: frozenset[GapGroup] = frozenset({GapGroup.LGBTQI})


class RulesFileError(ValueError):
    """The matching rules file is missing a key or holds an unknown value; names file and key."""


@dataclass(frozen=True)
class DomainAccommodation:
    """What a WG-SS domain needs from a service: at least one of ``required_any`` (else the
    service is excluded with ``reason``), and ``preferred`` features that rank higher. When
    ``applies_to`` is not empty the requirement holds only for those service types."""

    domain: WgDomain
    required_any: frozenset[AccessibilityFeature]
    preferred: frozenset[AccessibilityFeature]
    reason: ExclusionReason
    applies_to: frozenset[ServiceType]


@dataclass(frozen=True)
class MatchingRules:
    version: str
    accommodations: Mapping[WgDomain, DomainAccommodation]
    weights: Mapping[str, int]


def _enum_set(kind: type[StrEnum], values: Any, where: str) -> frozenset[Any]:
    try:
        return frozenset(kind(v) for v in values or ())
    except ValueError as exc:
        raise RulesFileError(f"{RULES_FILE}: {where}: {exc}") from exc


def _accommodation(name: str, raw: Mapping[str, Any]) -> DomainAccommodation:
    where = f"accommodations.{name}"
    try:
        domain = WgDomain(name)
        reason = ExclusionReason(raw["reason"])
    except (KeyError, ValueError) as exc:
        raise RulesFileError(f"{RULES_FILE}: {where}: {exc!r}") from exc
    required = _enum_set(AccessibilityFeature, raw.get("required_any"), f"{where}.required_any")
    if not required:
        raise RulesFileError(f"{RULES_FILE}: {where}.required_any: must name a feature")
    return DomainAccommodation(
        domain=domain,
        required_any=required,
        preferred=_enum_set(AccessibilityFeature, raw.get("preferred"), f"{where}.preferred"),
        reason=reason,
        applies_to=_enum_set(ServiceType, raw.get("applies_to"), f"{where}.applies_to"),
    )


def parse_rules(raw: Mapping[str, Any]) -> MatchingRules:
    """Validate the rules mapping; every WG-SS domain must have an accommodation entry."""
    try:
        version = str(raw["version"])
        acc_raw: Mapping[str, Any] = raw["accommodations"]
        weights_raw: Mapping[str, Any] = raw["weights"]
    except (KeyError, TypeError) as exc:
        raise RulesFileError(f"{RULES_FILE}: missing key {exc}") from exc
    rules = [_accommodation(str(k), v) for k, v in acc_raw.items()]
    accommodations = {rule.domain: rule for rule in rules}
    missing = sorted(d.value for d in set(WgDomain) - set(accommodations))
    if missing:
        raise RulesFileError(f"{RULES_FILE}: accommodations: no entry for {missing}")
    weights = {str(k): int(v) for k, v in weights_raw.items()}
    needed = {r.value for r in FitReason} | {"caveat"}
    if needed - set(weights):
        raise RulesFileError(f"{RULES_FILE}: weights: missing {sorted(needed - set(weights))}")
    return MatchingRules(version=version, accommodations=accommodations, weights=weights)


@cache
def matching_rules() -> MatchingRules:
    """The shipped rules (``referrals/data/matching_rules.yaml``), read once."""
    path = resources.files("titian.referrals") / "data" / RULES_FILE
    return parse_rules(yaml.safe_load(path.read_text(encoding="utf-8")))
