"""Coverage scan and gap report: find "no shelter accepts adult men in this province" before a case
hits it (issue 4; rights-checklist C10, "gaps are reported by gender, age group, place and service
type").

The scan runs the matching rules of :mod:`titian.referrals.matching` for a standard profile per
group (``data/standard_profiles.yaml``) in every area of every country and for every service type.
Its gaps are exactly the gaps :func:`~titian.referrals.matching.match` would record for those
profiles over the whole directory, with source ``coverage_scan``. To stay fast on a directory of
tens of thousands of services it indexes the services by (country, service type) first, assesses
each service once per profile (eligibility does not depend on the area once the service serves
it), then only walks the services that serve each area.

The gap report counts gaps by country x area x service type x group (and language). LGBTQI rows
are special-category (C11; data-standards.md (e) rule 3): internal use only, never published.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

import yaml

from titian.referrals.languages import primary_language
from titian.referrals.matching import EligibleService, Gap, assess, profile_groups
from titian.referrals.matching_inputs import NeedProfile, ServiceOffer, area_distance
from titian.referrals.vocab import (
    SPECIAL_CATEGORY_GROUPS,
    CitizenshipStatus,
    ExclusionReason,
    GapGroup,
    GapKind,
    GapSource,
    Gender,
    MatchingRules,
    RulesFileError,
    ServiceType,
    WgDomain,
    matching_rules,
)

PROFILES_FILE = "standard_profiles.yaml"


@dataclass(frozen=True, kw_only=True)
class StandardProfile:
    """A synthetic person standing for one group in the coverage scan (no real data)."""

    key: str
    group: GapGroup
    gender: Gender = Gender.NOT_STATED
    age: int | None = 30
    unaccompanied: bool = False
    wg_domains: frozenset[WgDomain] = frozenset()
    languages_preferred: tuple[str, ...] = ()
    citizenship: CitizenshipStatus = CitizenshipStatus.CITIZEN
    sogiesc_consented: bool = False
    lgbtqi: bool = False

    def need_profile(self, need: ServiceType, country: str, area: str) -> NeedProfile:
        return NeedProfile(
            need=need,
            country=country,
            area=area,
            gender=self.gender,
            age=self.age,
            unaccompanied=self.unaccompanied,
            wg_domains=self.wg_domains,
            languages_preferred=self.languages_preferred,
            citizenship=self.citizenship,
            sogiesc_consented=self.sogiesc_consented,
            lgbtqi=self.lgbtqi,
        )


def _profile(raw: Mapping[str, Any], base: Mapping[str, Any], n: int) -> StandardProfile:
    merged = {**base, **raw}
    try:
        return StandardProfile(
            key=str(merged["key"]),
            group=GapGroup(merged["group"]),
            gender=Gender(merged.get("gender", Gender.NOT_STATED)),
            age=merged.get("age"),
            unaccompanied=bool(merged.get("unaccompanied", False)),
            wg_domains=frozenset(WgDomain(d) for d in merged.get("wg_domains", ())),
            citizenship=CitizenshipStatus(merged.get("citizenship", CitizenshipStatus.CITIZEN)),
            sogiesc_consented=bool(merged.get("sogiesc_consented", False)),
            lgbtqi=bool(merged.get("lgbtqi", False)),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise RulesFileError(f"{PROFILES_FILE}: profiles[{n}]: {exc!r}") from exc


@cache
def _base_profiles() -> tuple[tuple[StandardProfile, ...], tuple[tuple[str, Any], ...]]:
    path = resources.files("titian.referrals") / "data" / PROFILES_FILE
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        base: Mapping[str, Any] = raw["base"]
        items: Sequence[Mapping[str, Any]] = raw["profiles"]
    except (KeyError, TypeError) as exc:
        raise RulesFileError(f"{PROFILES_FILE}: missing key {exc}") from exc
    profiles = tuple(_profile(item, base, n) for n, item in enumerate(items))
    keys = [p.key for p in profiles]
    if len(set(keys)) != len(keys):
        raise RulesFileError(f"{PROFILES_FILE}: profiles: duplicate key")
    return profiles, tuple(base.items())


def standard_profiles(languages: Iterable[str] = ()) -> tuple[StandardProfile, ...]:
    """The shipped profiles, one per group, plus one per language given (``language:<tag>``)."""
    profiles, base_items = _base_profiles()
    template = _profile({"key": "language", "group": GapGroup.LANGUAGE.value}, dict(base_items), -1)
    with_langs = tuple(
        replace(template, key=f"language:{lang}", languages_preferred=(lang,))
        for lang in dict.fromkeys(primary_language(t) for t in languages)
    )
    return profiles + with_langs


def index_services(
    services: Iterable[ServiceOffer],
) -> dict[tuple[str, ServiceType], list[ServiceOffer]]:
    """Services by (country, service type): the candidates of every need in that country."""
    index: dict[tuple[str, ServiceType], list[ServiceOffer]] = defaultdict(list)
    for service in services:
        for stype in service.service_types:
            index[(service.country, stype)].append(service)
    return dict(index)


@dataclass(frozen=True)
class _Verdict:
    eligible: bool
    affirming: bool
    codes: frozenset[ExclusionReason]


def _verdicts(
    need: NeedProfile, candidates: Sequence[ServiceOffer], rules: MatchingRules
) -> list[_Verdict]:
    out: list[_Verdict] = []
    for service in candidates:
        outcome = assess(need, service, rules, check_area=False)
        if isinstance(outcome, EligibleService):
            out.append(_Verdict(True, service.lgbtqi_affirming, frozenset()))
        else:
            out.append(_Verdict(False, False, frozenset(r.code for r in outcome.reasons)))
    return out


@dataclass
class _Scope:
    """One (country, service type): its candidates and, per area, which of them serve it."""

    country: str
    need: ServiceType
    candidates: list[ServiceOffer]
    served: dict[str, list[int]] = field(default_factory=dict)

    def serving(self, area: str) -> list[int]:
        if area not in self.served:
            self.served[area] = [
                i for i, s in enumerate(self.candidates) if area_distance(area, s.areas) is not None
            ]
        return self.served[area]


def _area_gap(scope: _Scope, area: str, need: NeedProfile, verdicts: list[_Verdict]) -> Gap | None:
    serving = scope.serving(area)
    eligible = [i for i in serving if verdicts[i].eligible]
    if eligible and not (need.is_lgbtqi and not any(verdicts[i].affirming for i in eligible)):
        return None
    blocking: set[ExclusionReason] = set()
    for i in serving:
        blocking |= verdicts[i].codes
    if len(serving) < len(scope.candidates):
        blocking.add(ExclusionReason.OUTSIDE_AREA)
    return Gap(
        country=scope.country,
        area=area,
        service_type=scope.need,
        kind=GapKind.NO_AFFIRMING_SERVICE if eligible else GapKind.NO_ELIGIBLE_SERVICE,
        groups=profile_groups(need),
        language=need.languages_preferred[0] if need.languages_preferred else None,
        blocking_reasons=frozenset(blocking),
        candidates=len(scope.candidates),
        source=GapSource.COVERAGE_SCAN,
    )


def coverage_scan(
    services: Iterable[ServiceOffer],
    countries_areas: Mapping[str, Sequence[str]],
    *,
    languages: Mapping[str, Sequence[str]] | None = None,
    service_types: Sequence[ServiceType] | None = None,
    profiles: Sequence[StandardProfile] | None = None,
    rules: MatchingRules | None = None,
) -> list[Gap]:
    """Gaps for every country x area x service type x standard profile over the directory.

    ``countries_areas`` maps an ISO 3166-1 alpha-2 code to its ISO 3166-2 areas; ``languages``
    adds one language profile per tag for that country (for example its official and minority
    languages). The result equals running ``match`` for each profile over all ``services``.
    """
    rules = rules or matching_rules()
    index = index_services(services)
    gaps: list[Gap] = []
    for country, areas in countries_areas.items():
        if not areas:
            continue
        profs = profiles or standard_profiles((languages or {}).get(country, ()))
        for need_type in service_types or list(ServiceType):
            scope = _Scope(country.upper(), need_type, index.get((country.upper(), need_type), []))
            for prof in profs:
                need = prof.need_profile(need_type, scope.country, areas[0])
                verdicts = _verdicts(need, scope.candidates, rules)
                for area in areas:
                    gap = _area_gap(scope, area.upper(), need, verdicts)
                    if gap is not None:
                        gaps.append(gap)
    return gaps


@dataclass(frozen=True)
class GapReportRow:
    """One cell of the gap report. ``detail`` is the language for the language group.
    ``special_category`` rows (LGBTQI) are for internal use and never published (C11)."""

    country: str
    area: str
    service_type: ServiceType
    group: GapGroup
    detail: str
    kind: GapKind
    source: GapSource
    count: int
    special_category: bool


def gap_report(gaps: Iterable[Gap]) -> list[GapReportRow]:
    """Count gaps by country x area x service type x group (x language), kind and source.

    A gap counts once in each of its groups, so a stateless man with a hearing difficulty is
    counted under men, hearing and stateless. Gaps with no group are counted under none.
    """
    counts: Counter[tuple[str, str, ServiceType, GapGroup, str, GapKind, GapSource]] = Counter()
    for gap in gaps:
        for group in gap.groups:
            detail = (gap.language or "") if group is GapGroup.LANGUAGE else ""
            key = (gap.country, gap.area, gap.service_type, group, detail, gap.kind, gap.source)
            counts[key] += 1
    rows = [
        GapReportRow(*key, count=n, special_category=key[3] in SPECIAL_CATEGORY_GROUPS)
        for key, n in counts.items()
    ]
    rows.sort(key=lambda r: (r.country, r.area, r.service_type, r.group, r.detail, r.kind))
    return rows


def describe_gap(gap: Gap) -> str:
    """One plain sentence for a programme officer, e.g. "no shelter for men in TH-10"."""
    groups = ", ".join(sorted(g.value.replace("_", " ") for g in gap.groups)) or "anyone"
    if gap.language:
        groups = groups.replace("language", f"{gap.language} speakers")
    kind = "no affirming" if gap.kind is GapKind.NO_AFFIRMING_SERVICE else "no"
    stype = gap.service_type.value.replace("_", " ")
    return f"{kind} {stype} service for {groups} in {gap.area}"
