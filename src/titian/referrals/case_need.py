"""From a case's GESI profile to the need profile matching reads (pure; issue 4, item 6).

The mapping follows the accommodations table of rights-checklist.md and docs/matching.md:

- gender as the person describes it (ABS 2020); sex at birth is never an input (UNHCR 2021);
- age from the date of birth or the lower bound of the age band; an age that is not certain is
  ``age_uncertain``, so matching presumes a child until it is established;
- WG-SS domains answered "a lot of difficulty" or "cannot do at all" (DISABILITY3) need an
  accommodation;
- the preferred language first, the other languages as understood (languages.md advice 3);
- citizenship relative to the country of the case: stateless, foreign national, citizen,
  undocumented or unknown;
- LGBTQI only when self-disclosed with the separate SOGIESC consent (C2, C11).
"""

from __future__ import annotations

from datetime import date

from titian.cases.profile import (
    CaseProfile,
    age_is_certain,
    estimated_age,
    is_foreign_national,
    is_stateless,
    lgbtqi_disclosed,
)
from titian.cases.vocab import CitizenshipStatus as CaseCitizenship
from titian.cases.vocab import Gender as CaseGender
from titian.cases.vocab import MigrationStatus
from titian.countries.schemas import CountrySettings
from titian.referrals.matching_inputs import NeedProfile
from titian.referrals.vocab import CitizenshipStatus, Gender, ServiceType, WgDomain

_GENDER: dict[CaseGender, Gender] = {
    CaseGender.WOMAN: Gender.WOMAN,
    CaseGender.MAN: Gender.MAN,
    CaseGender.NON_BINARY: Gender.NON_BINARY,
    CaseGender.ANOTHER_TERM: Gender.DIFFERENT_TERM,
    CaseGender.PREFERS_NOT_TO_SAY: Gender.NOT_STATED,
}


def citizenship_of(profile: CaseProfile, country: CountrySettings) -> CitizenshipStatus:
    if is_stateless(profile):
        return CitizenshipStatus.STATELESS
    if is_foreign_national(profile, country):
        return CitizenshipStatus.FOREIGN_NATIONAL
    if profile.citizenship_status == CaseCitizenship.UNDOCUMENTED:
        return CitizenshipStatus.UNDOCUMENTED
    if profile.citizenship_status == CaseCitizenship.KNOWN:
        return CitizenshipStatus.CITIZEN
    return CitizenshipStatus.UNKNOWN


def need_profile(
    profile: CaseProfile,
    country: CountrySettings,
    need: ServiceType,
    area: str,
    today: date,
) -> NeedProfile:
    """The need profile of one need of the person (module docstring). Raises
    ``MatchingInputError`` for an area that is not an ISO 3166-2 code of the country."""
    gender = _GENDER.get(profile.gender, Gender.NOT_STATED) if profile.gender else Gender.NOT_STATED
    preferred = (profile.preferred_language,) if profile.preferred_language else ()
    lgbtqi = profile.sogiesc_consent and lgbtqi_disclosed(profile, country)
    return NeedProfile(
        need=need,
        country=country.code,
        area=area.upper(),
        gender=gender,
        age=estimated_age(profile, today),
        age_uncertain=not age_is_certain(profile),
        unaccompanied=MigrationStatus.SEPARATED_OR_UNACCOMPANIED_CHILD
        in profile.migration_statuses,
        wg_domains=frozenset(WgDomain(d.value) for d in profile.wg_result.severe_domains),
        languages_preferred=preferred,
        languages_understood=tuple(profile.other_languages),
        citizenship=citizenship_of(profile, country),
        sogiesc_consented=profile.sogiesc_consent,
        lgbtqi=lgbtqi,
    )
