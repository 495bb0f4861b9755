"""Match one need of one person to the service directory: rank, exclude with reasons, record gaps.

Rules (docs/matching.md has the full statement):

- Only services in the person's country that offer the needed service type are candidates.
- A candidate is excluded only by what the service *declares*: its area, gender groups, age range,
  unaccompanied children, citizenship, an accessibility feature the person's WG-SS domain needs,
  no common language and no interpreter, or capacity declared as 0. Every exclusion carries a
  reason code and a plain-language text ("women only", "citizens only", "no sign language").
  Gender never excludes unless the service's declared eligibility says so (DESIGN.md,
  "gender-blind rules"; US TIP 2017 on male victims).
- A restriction the recorded data cannot settle (gender or citizenship not recorded, uncertain age)
  does not exclude: the service stays eligible with a caveat to confirm.
- An uncertain or unknown age is treated as a child (rights-checklist, accommodations: Child).
- Eligible services are ranked by the weights in ``data/matching_rules.yaml``; for LGBTQI people
  (self-disclosed, with SOGIESC consent) affirming services come first (accommodations: LGBTQI).
- When nothing is eligible, the result holds a gap (C10): country, area, service type and the
  person's group dimensions, never their identity. An LGBTQI person with no affirming service also
  gets a gap, while the other eligible services are still listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from titian.referrals.languages import LanguageLevel, best_language_match
from titian.referrals.matching_inputs import (
    ADULT_AGE,
    COUNTRY_WIDE,
    Eligibility,
    MatchingInputError,
    NeedProfile,
    ServiceOffer,
    area_distance,
)
from titian.referrals.vocab import (
    ALL_GENDER_GROUPS,
    CaveatReason,
    CitizenshipStatus,
    Cost,
    ExclusionReason,
    FitReason,
    GapGroup,
    GapKind,
    GapSource,
    GenderEligibility,
    MatchingRules,
    ServiceType,
    WgDomain,
    matching_rules,
)

__all__ = [
    "Caveat",
    "Eligibility",
    "EligibleService",
    "ExcludedService",
    "Exclusion",
    "Fit",
    "Gap",
    "MatchResult",
    "MatchingInputError",
    "NeedProfile",
    "ServiceOffer",
    "assess",
    "describe_genders",
    "match",
    "profile_groups",
]


@dataclass(frozen=True)
class Fit:
    """A reason an eligible service fits; its weight adds to the score."""

    code: FitReason
    text: str


@dataclass(frozen=True)
class Caveat:
    """Something to confirm before referring; each caveat lowers the score."""

    code: CaveatReason
    text: str


@dataclass(frozen=True)
class Exclusion:
    """A declared reason a service does not fit: the code, and the text shown to people."""

    code: ExclusionReason
    text: str


@dataclass(frozen=True)
class EligibleService:
    """A fitting service with its score, reasons, caveats, language level and distance in admin
    areas (0 the area itself, 1 an enclosing or enclosed area, 2 country-wide)."""

    service_id: str
    agency_id: str
    name: str
    score: int
    reasons: tuple[Fit, ...]
    caveats: tuple[Caveat, ...]
    language_level: LanguageLevel | None
    area_distance: int
    lgbtqi_affirming: bool


@dataclass(frozen=True)
class ExcludedService:
    """A candidate that does not fit, with every reason (never a silent drop, C10)."""

    service_id: str
    agency_id: str
    name: str
    reasons: tuple[Exclusion, ...]


@dataclass(frozen=True)
class Gap:
    """A need with no suitable service (C10), with group dimensions only: no person id, name,
    age or free text. ``language`` is the first preferred language, a group dimension."""

    country: str
    area: str
    service_type: ServiceType
    kind: GapKind
    groups: frozenset[GapGroup]
    language: str | None
    blocking_reasons: frozenset[ExclusionReason]
    candidates: int
    source: GapSource = GapSource.REFERRAL


@dataclass(frozen=True)
class MatchResult:
    """Eligible services best first, excluded services by name, and the gap if any."""

    need: ServiceType
    eligible: tuple[EligibleService, ...]
    excluded: tuple[ExcludedService, ...]
    gap: Gap | None


class _Assessment:
    """The working record of one assessment (a plain slotted class: it is built per candidate)."""

    __slots__ = ("caveats", "distance", "exclusions", "fits", "language_level")

    def __init__(self) -> None:
        self.fits: list[Fit] = []
        self.caveats: list[Caveat] = []
        self.exclusions: list[Exclusion] = []
        self.language_level: LanguageLevel | None = None
        self.distance = COUNTRY_WIDE

    def fit(self, code: FitReason, text: str = "") -> None:
        self.fits.append(Fit(code, text or code.label))

    def caveat(self, code: CaveatReason, text: str = "") -> None:
        self.caveats.append(Caveat(code, text or code.label))

    def exclude(self, code: ExclusionReason, text: str = "") -> None:
        self.exclusions.append(Exclusion(code, text or code.label))


_GROUP_WORDS: dict[GenderEligibility, str] = {
    GenderEligibility.WOMEN: "women",
    GenderEligibility.GIRLS: "girls",
    GenderEligibility.MEN: "men",
    GenderEligibility.BOYS: "boys",
    GenderEligibility.NON_BINARY: "non-binary people",
}


@lru_cache(maxsize=64)
def describe_genders(accepted: frozenset[GenderEligibility]) -> str:
    """Plain text of a declared gender restriction: "women only", "women and girls only"."""
    words = [w for g, w in _GROUP_WORDS.items() if g in accepted]
    joined = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    return f"{joined} only"


def _check_gender(p: NeedProfile, s: ServiceOffer, a: _Assessment) -> None:
    accepted = s.eligibility.genders
    if accepted == ALL_GENDER_GROUPS:
        return
    group = p.gender_group
    if group is None:
        a.caveat(CaveatReason.GENDER_TO_CONFIRM, f"declared: {describe_genders(accepted)}")
    elif group not in accepted:
        a.exclude(ExclusionReason.GENDER_NOT_ACCEPTED, describe_genders(accepted))


def _age_range_text(lo: int | None, hi: int | None) -> str:
    if lo is None:
        return f"up to age {hi}"
    return f"from age {lo}" if hi is None else f"ages {lo}-{hi}"


def _check_uncertain_age(lo: int | None, hi: int | None, a: _Assessment) -> None:
    if lo is not None and lo >= ADULT_AGE:
        a.exclude(
            ExclusionReason.CHILDREN_NOT_ACCEPTED, "adults only (age uncertain: treated as a child)"
        )
    elif (lo is not None and lo > 0) or (hi is not None and hi < ADULT_AGE - 1):
        a.caveat(CaveatReason.AGE_TO_CONFIRM, f"{_age_range_text(lo, hi)}; age is uncertain")


def _check_age(p: NeedProfile, s: ServiceOffer, a: _Assessment) -> None:
    e = s.eligibility
    lo, hi = e.age_min, e.age_max
    if p.age is None or p.age_uncertain:
        _check_uncertain_age(lo, hi, a)
    else:
        if lo is not None and p.age < lo:
            if lo >= ADULT_AGE > p.age:
                a.exclude(ExclusionReason.CHILDREN_NOT_ACCEPTED)
            else:
                a.exclude(ExclusionReason.AGE_OUT_OF_RANGE, _age_range_text(lo, hi))
        if hi is not None and p.age > hi:
            if hi < ADULT_AGE <= p.age:
                a.exclude(ExclusionReason.ADULTS_NOT_ACCEPTED)
            else:
                a.exclude(ExclusionReason.AGE_OUT_OF_RANGE, _age_range_text(lo, hi))
    if p.treated_as_child and p.unaccompanied and not e.unaccompanied_children:
        a.exclude(ExclusionReason.UNACCOMPANIED_CHILDREN_NOT_ACCEPTED)


def _check_citizenship(p: NeedProfile, s: ServiceOffer, a: _Assessment) -> None:
    e, status = s.eligibility, p.citizenship
    non_citizen = status in (CitizenshipStatus.FOREIGN_NATIONAL, CitizenshipStatus.STATELESS)
    if non_citizen and not e.non_citizens:
        a.exclude(ExclusionReason.CITIZENS_ONLY)
    if status is CitizenshipStatus.STATELESS and not e.stateless:
        a.exclude(ExclusionReason.STATELESS_NOT_ACCEPTED)
    if status is CitizenshipStatus.UNDOCUMENTED:
        if not e.undocumented:
            a.exclude(ExclusionReason.UNDOCUMENTED_NOT_ACCEPTED)
        elif not e.non_citizens:
            a.caveat(CaveatReason.CITIZENSHIP_TO_CONFIRM, "declared: citizens only")
    if status is CitizenshipStatus.UNKNOWN:
        declared = [
            r.label
            for r, ok in (
                (ExclusionReason.CITIZENS_ONLY, e.non_citizens),
                (ExclusionReason.STATELESS_NOT_ACCEPTED, e.stateless),
                (ExclusionReason.UNDOCUMENTED_NOT_ACCEPTED, e.undocumented),
            )
            if not ok
        ]
        if declared:
            a.caveat(CaveatReason.CITIZENSHIP_TO_CONFIRM, f"declared: {'; '.join(declared)}")


def _check_accessibility(
    p: NeedProfile, s: ServiceOffer, a: _Assessment, rules: MatchingRules
) -> None:
    for domain in sorted(p.wg_domains):
        rule = rules.accommodations[domain]
        if rule.applies_to and p.need not in rule.applies_to:
            continue
        required = rule.required_any - p.accommodations_declined
        met = required & s.accessibility
        if required and not met:
            a.exclude(rule.reason)
        elif met:
            a.fit(FitReason.ACCESSIBLE, f"{domain}: {', '.join(sorted(met))}")
        for extra in sorted((rule.preferred - p.accommodations_declined) & s.accessibility):
            a.fit(FitReason.EXTRA_ACCOMMODATION, f"{domain}: {extra}")


_LEVEL_FIT: dict[LanguageLevel, FitReason] = {
    LanguageLevel.EXACT: FitReason.LANGUAGE_EXACT,
    LanguageLevel.MACROLANGUAGE: FitReason.LANGUAGE_MACROLANGUAGE,
    LanguageLevel.CONFIRMED_UNDERSTOOD: FitReason.LANGUAGE_UNDERSTOOD,
    LanguageLevel.INTERPRETER: FitReason.LANGUAGE_INTERPRETER,
}


def _check_language(p: NeedProfile, s: ServiceOffer, a: _Assessment) -> None:
    preferred, understood = p.languages_preferred, p.languages_understood
    if not preferred and not understood:
        a.caveat(CaveatReason.LANGUAGE_NOT_RECORDED)
        return
    if not s.spoken and not s.interpreted and not s.interpretation_any_language:
        a.caveat(CaveatReason.SERVICE_LANGUAGES_NOT_DECLARED)
        return
    found = best_language_match(
        preferred, understood, s.spoken, s.interpreted, s.interpretation_any_language
    )
    if found is None:
        wanted = ", ".join(dict.fromkeys(preferred + understood))
        a.exclude(ExclusionReason.NO_COMMON_LANGUAGE, f"does not speak {wanted}; no interpreter")
        return
    a.language_level = found.level
    if found.level is LanguageLevel.MACROLANGUAGE:
        text = f"{found.service_language} (for {found.person_language})"
    else:
        text = found.service_language
    a.fit(_LEVEL_FIT[found.level], f"{_LEVEL_FIT[found.level].label}: {text}")
    if WgDomain.COMMUNICATION in p.wg_domains and found.level is LanguageLevel.CONFIRMED_UNDERSTOOD:
        a.caveat(CaveatReason.USUAL_LANGUAGE_NEEDED)


def _check_place_and_capacity(
    p: NeedProfile, s: ServiceOffer, a: _Assessment, check_area: bool
) -> None:
    if not s.active:
        a.exclude(ExclusionReason.INACTIVE)
    distance = area_distance(p.area, s.areas) if check_area else COUNTRY_WIDE
    if distance is None:
        a.exclude(ExclusionReason.OUTSIDE_AREA, f"does not serve {p.area}")
    else:
        a.distance = distance
        code = (FitReason.SERVES_AREA, FitReason.SERVES_NEARBY_AREA, FitReason.COUNTRY_WIDE)
        a.fit(code[distance], f"{code[distance].label} ({p.area})" if distance < 2 else "")
    if s.capacity_free == 0:
        a.exclude(ExclusionReason.NO_CAPACITY)
    elif s.capacity_free is not None:
        a.fit(FitReason.CAPACITY_FREE, f"{s.capacity_free} free")


def _add_preferences(p: NeedProfile, s: ServiceOffer, a: _Assessment) -> None:
    if p.is_lgbtqi and s.lgbtqi_affirming:
        a.fit(FitReason.LGBTQI_AFFIRMING)
    if s.cost is Cost.FREE:
        a.fit(FitReason.FREE_OF_CHARGE)
    elif s.cost is Cost.REDUCED:
        a.fit(FitReason.REDUCED_COST)


def assess(
    profile: NeedProfile,
    service: ServiceOffer,
    rules: MatchingRules | None = None,
    *,
    check_area: bool = True,
) -> EligibleService | ExcludedService:
    """Every exclusion of one candidate service, or its score, reasons and caveats.

    ``check_area=False`` skips the area test (the coverage scan filters by area first); the
    outcome is then the same for every area the service serves, except the distance reason.
    """
    rules = rules or matching_rules()
    a = _Assessment()
    _check_place_and_capacity(profile, service, a, check_area)
    _check_gender(profile, service, a)
    _check_age(profile, service, a)
    _check_citizenship(profile, service, a)
    _check_accessibility(profile, service, a, rules)
    _check_language(profile, service, a)
    if a.exclusions:
        return ExcludedService(service.id, service.agency_id, service.name, tuple(a.exclusions))
    _add_preferences(profile, service, a)
    w = rules.weights
    score = sum([w[f.code] for f in a.fits]) + w["caveat"] * len(a.caveats)
    return EligibleService(
        service_id=service.id,
        agency_id=service.agency_id,
        name=service.name,
        score=score,
        reasons=tuple(a.fits),
        caveats=tuple(a.caveats),
        language_level=a.language_level,
        area_distance=a.distance,
        lgbtqi_affirming=service.lgbtqi_affirming,
    )


_CITIZENSHIP_GROUPS: dict[CitizenshipStatus, GapGroup] = {
    CitizenshipStatus.FOREIGN_NATIONAL: GapGroup.FOREIGN_NATIONALS,
    CitizenshipStatus.STATELESS: GapGroup.STATELESS,
    CitizenshipStatus.UNDOCUMENTED: GapGroup.UNDOCUMENTED,
}


def profile_groups(profile: NeedProfile) -> frozenset[GapGroup]:
    """The group dimensions a gap records for this person (no identity, no exact age)."""
    groups: set[GapGroup] = {GapGroup(d.value) for d in profile.wg_domains}
    gender = profile.gender_group
    if gender is not None:
        groups.add(GapGroup(gender.value))
    if profile.citizenship in _CITIZENSHIP_GROUPS:
        groups.add(_CITIZENSHIP_GROUPS[profile.citizenship])
    if profile.languages_preferred:
        groups.add(GapGroup.LANGUAGE)
    if profile.is_lgbtqi:
        groups.add(GapGroup.LGBTQI)
    return frozenset(groups)


def _blocking(excluded: list[ExcludedService]) -> frozenset[ExclusionReason]:
    """Why the candidates failed: every reason of a service serving the area, and only
    ``outside_area`` for the others (their other reasons say nothing about this area)."""
    codes: set[ExclusionReason] = set()
    for service in excluded:
        reasons = {r.code for r in service.reasons}
        codes |= (
            {ExclusionReason.OUTSIDE_AREA} if ExclusionReason.OUTSIDE_AREA in reasons else reasons
        )
    return frozenset(codes)


def _gap(
    profile: NeedProfile,
    eligible: list[EligibleService],
    excluded: list[ExcludedService],
    source: GapSource,
) -> Gap | None:
    if eligible and not (profile.is_lgbtqi and not any(e.lgbtqi_affirming for e in eligible)):
        return None
    return Gap(
        country=profile.country,
        area=profile.area,
        service_type=profile.need,
        kind=GapKind.NO_AFFIRMING_SERVICE if eligible else GapKind.NO_ELIGIBLE_SERVICE,
        groups=profile_groups(profile),
        language=profile.languages_preferred[0] if profile.languages_preferred else None,
        blocking_reasons=_blocking(excluded),
        candidates=len(eligible) + len(excluded),
        source=source,
    )


def match(
    need: NeedProfile,
    services: Iterable[ServiceOffer],
    *,
    rules: MatchingRules | None = None,
    source: GapSource = GapSource.REFERRAL,
) -> MatchResult:
    """Rank the eligible services for one need, list the excluded ones with their reasons, and
    record a gap when none fits (C10: never a silent empty list).

    Services of another country or service type are not candidates and are left out of both lists.
    """
    rules = rules or matching_rules()
    eligible: list[EligibleService] = []
    excluded: list[ExcludedService] = []
    for service in services:
        if service.country != need.country or need.need not in service.service_types:
            continue
        outcome = assess(need, service, rules)
        if isinstance(outcome, EligibleService):
            eligible.append(outcome)
        else:
            excluded.append(outcome)
    eligible.sort(key=lambda e: (-e.score, e.name.casefold(), e.service_id))
    excluded.sort(key=lambda x: (x.name.casefold(), x.service_id))
    return MatchResult(
        need=need.need,
        eligible=tuple(eligible),
        excluded=tuple(excluded),
        gap=_gap(need, eligible, excluded, source),
    )
