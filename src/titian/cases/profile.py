"""The GESI profile of a victim case and its pure rules (issue 3, items 1 and 9).

The profile holds no identifying data: names, contacts, documents and addresses live elsewhere,
encrypted (C11). It stores what the person says about themselves, in their own terms:

- gender as the person describes it, sex at birth optional (data-standards.md (e));
- date of birth or an estimated age band, with the presumption of minority (:func:`minor_status`);
- the six Washington Group Short Set answers, never a disability label (:func:`wg_ss_status`);
- languages as BCP-47 tags, preferred first (:func:`normalize_language`, languages.md);
- SOGIESC only with its own consent and where the country allows it (:func:`country_problems`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import Any, Literal, TypeVar

import langcodes
import pycountry
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from titian.cases.catalogue import CatalogueError, read_catalogue_file
from titian.cases.vocab import (
    AgeBand,
    ChargeOutcome,
    CitizenshipStatus,
    CustodyStatus,
    DecidingBody,
    ExploitationForm,
    Gender,
    IdentificationStatus,
    InterviewerGender,
    MeansOfControl,
    MigrationStatus,
    Milestone,
    MinorStatus,
    OffenceType,
    RecruiterRelationship,
    Sector,
    ServiceType,
    SexAtBirth,
    SexCharacteristicsVariation,
    SexExploitationType,
    SexualOrientation,
    WgAnswer,
    WgDomain,
)
from titian.countries.schemas import CountrySettings, SogiescPolicy

PROFILE_SCHEMA_VERSION = "2026.1"
PROFILE_RULES_FILE = f"profile-{PROFILE_SCHEMA_VERSION}.yaml"
ADULT_AGE = 18
"""Palermo 3(d): a child is any person under eighteen years of age."""

_FROZEN = ConfigDict(extra="forbid", frozen=True)
_T = TypeVar("_T")
_SHORT_TEXT = 200


# ---------------------------------------------------------------------------------------------
# Languages (languages.md)
# ---------------------------------------------------------------------------------------------


class LanguageMatch(StrEnum):
    """How well two language tags match (languages.md, "Matching advice" 3)."""

    EXACT = "exact"
    MACROLANGUAGE = "macrolanguage"


def _profile_rules() -> dict[str, Any]:
    return read_catalogue_file(PROFILE_RULES_FILE)


def _normalisation_map() -> dict[str, str]:
    mapping = _profile_rules().get("language_normalisation", {})
    if not isinstance(mapping, dict):
        raise CatalogueError(f"cases/catalogue/{PROFILE_RULES_FILE}: language_normalisation")
    return {str(k): str(v) for k, v in mapping.items()}


def normalize_language(tag: str) -> str:
    """Return the canonical BCP-47 tag for ``tag``, shortest language subtag first.

    languages.md, "Matching advice" 1: normalise with ``langcodes.standardize_tag``, then apply
    the explicit map of the profile rules file (``zsm``->``ms``, ``mya``->``my`` ...), because the
    normaliser keeps some three-letter and individual-language codes.
    """
    text = tag.strip()
    try:
        standard = langcodes.standardize_tag(text)
    except (ValueError, LookupError) as exc:
        raise ValueError(f"language tag {tag!r} is not valid BCP-47: {exc}") from exc
    subtags = standard.split("-")
    primary = subtags[0].lower()
    known = len(primary) in (2, 3) and primary.isalpha() and primary != "und"
    if not known or not langcodes.tag_is_valid(standard):
        raise ValueError(f"language tag {tag!r} does not name a known language")
    mapped = _normalisation_map().get(primary, primary)
    if mapped == primary:
        return standard
    return langcodes.standardize_tag("-".join([mapped, *subtags[1:]]))


def primary_language(tag: str) -> str:
    """The primary language subtag of a normalised tag (``ms-Arab-BN`` -> ``ms``)."""
    return normalize_language(tag).split("-")[0]


def written_script(tag: str) -> str | None:
    """The script of a tag, explicit or the likely one (``zh-Hant`` -> ``Hant``).

    languages.md, "Matching advice" 4: written needs are recorded with their script.
    """
    language = langcodes.Language.get(normalize_language(tag))
    return language.script or language.maximize().script


def _macrolanguages() -> dict[str, frozenset[str]]:
    raw = _profile_rules().get("macrolanguages", {})
    return {str(k): frozenset(str(v) for v in members) for k, members in raw.items()}


def language_match(person: str, other: str) -> LanguageMatch | None:
    """Match a person's language against a staff, interpreter or service language.

    Exact language first, then the same macrolanguage from the explicit list (``hmn`` covers
    ``mww`` and ``hnj``). Automatic closeness scores are not used: an Isan speaker is never
    matched to Thai automatically (languages.md, "Matching advice" 3).
    """
    a, b = primary_language(person), primary_language(other)
    if a == b:
        return LanguageMatch.EXACT
    for macro, members in _macrolanguages().items():
        family = members | {macro}
        if a in family and b in family:
            return LanguageMatch.MACROLANGUAGE
    return None


def is_official_language(tag: str, country: CountrySettings) -> bool:
    """Whether the language of ``tag`` is an official language of the country of service."""
    return any(language_match(tag, official) is not None for official in country.official_languages)


# ---------------------------------------------------------------------------------------------
# Washington Group Short Set (data-standards.md (d))
# ---------------------------------------------------------------------------------------------


def wg_ss_wording() -> tuple[str, dict[WgDomain, str]]:
    """The English source wording of the WG-SS introduction and six questions (short form).

    Kept in the profile rules file; the introduction speaks of difficulties "because of a health
    problem" and the form never uses the word "disability" (data-standards.md (d)).
    """
    section = _profile_rules().get("wg_ss", {})
    questions = section.get("questions", {}) if isinstance(section, dict) else {}
    if set(questions) != {d.value for d in WgDomain}:
        raise CatalogueError(f"cases/catalogue/{PROFILE_RULES_FILE}: wg_ss.questions: six domains")
    return str(section["introduction"]), {WgDomain(k): str(v) for k, v in questions.items()}


_SUBSTANTIVE = frozenset(a for a in WgAnswer if a.code <= 4)
_SEVERE = frozenset({WgAnswer.A_LOT_OF_DIFFICULTY, WgAnswer.CANNOT_DO_AT_ALL})


class WgResult(BaseModel):
    """What the six WG-SS answers say, for reporting and for accommodations."""

    model_config = _FROZEN

    disability3: bool | None = Field(
        description="DISABILITY3: true, false or null when undetermined (missing answers)"
    )
    severe_domains: tuple[WgDomain, ...] = Field(
        description="Domains answered 'a lot of difficulty' or 'cannot do at all'"
    )
    some_domains: tuple[WgDomain, ...] = Field(description="Domains answered 'some difficulty'")
    missing_domains: tuple[WgDomain, ...] = Field(
        description="Domains not answered, refused or don't know"
    )

    @property
    def accommodation_domains(self) -> tuple[WgDomain, ...]:
        """Domains for which an accommodation is offered: severe ones and, as a project default
        that is not a WG rule, those at 'some difficulty' (rights-checklist.md, Disability)."""
        wanted = set(self.severe_domains) | set(self.some_domains)
        return tuple(d for d in WgDomain if d in wanted)


def wg_ss_status(answers: Mapping[WgDomain, WgAnswer]) -> WgResult:
    """Apply the DISABILITY3 cut-off with the missing-answer rule (WG Document 7A).

    True if any answered domain is 3 or 4, even when others are missing; false only if all six
    domains are answered 1 or 2; otherwise undetermined. Refused and don't know count as missing.
    """
    severe = tuple(d for d in WgDomain if answers.get(d) in _SEVERE)
    some = tuple(d for d in WgDomain if answers.get(d) == WgAnswer.SOME_DIFFICULTY)
    missing = tuple(d for d in WgDomain if answers.get(d) not in _SUBSTANTIVE)
    flag: bool | None
    if severe:
        flag = True
    elif not missing:
        flag = False
    else:
        flag = None
    return WgResult(
        disability3=flag, severe_domains=severe, some_domains=some, missing_domains=missing
    )


# ---------------------------------------------------------------------------------------------
# The profile model (issue 3, item 9: its JSON Schema is docs/schemas/case-profile.schema.json)
# ---------------------------------------------------------------------------------------------


def _country_code(value: str) -> str:
    """ISO 3166-1 alpha-2 from an alpha-2 or alpha-3 code."""
    code = value.strip().upper()
    found = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if found is None and len(code) == 3:
        found = pycountry.countries.get(alpha_3=code)
    if found is None:
        raise ValueError(f"{value!r} is not an ISO 3166-1 country code")
    return str(found.alpha_2)


def _unique(values: Iterable[_T]) -> tuple[_T, ...]:
    return tuple(dict.fromkeys(values))


class SogiescDetails(BaseModel):
    """Optional SOGIESC module: special-category data (C11), written only with its own consent
    (data-standards.md (e) rule 2), hidden where the country says so (rule 4)."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_extra={"x-special-category": True}
    )

    lgbtqi: bool | None = Field(
        default=None, description="The person describes themselves as LGBTQI (self-disclosed)"
    )
    self_described_identity: str | None = Field(default=None, max_length=_SHORT_TEXT)
    sexual_orientation: SexualOrientation | None = None
    sexual_orientation_term: str | None = Field(default=None, max_length=_SHORT_TEXT)
    sex_characteristics_variation: SexCharacteristicsVariation | None = None


class Charge(BaseModel):
    """A charge or offence linked to the case, with the C7 non-punishment flag."""

    model_config = _FROZEN

    offence_type: OffenceType
    description: str | None = Field(default=None, max_length=500)
    non_punishment_applicable: bool | None = Field(
        default=None, description="C7: the offence is directly linked to the trafficking situation"
    )
    outcome: ChargeOutcome = ChargeOutcome.PENDING


class MilestoneEntry(BaseModel):
    """One justice milestone of the proceedings and its date."""

    model_config = _FROZEN

    milestone: Milestone
    on: date


class TraffickingDetails(BaseModel):
    """The trafficking situation, aligned with the HTCDS v2.0 ``vic_`` fields."""

    model_config = _FROZEN

    exploitation_forms: tuple[ExploitationForm, ...] = ()
    sex_exploitation_types: tuple[SexExploitationType, ...] = ()
    means_of_control: tuple[MeansOfControl, ...] = ()
    sectors: tuple[Sector, ...] = ()
    recruiter_relationship: RecruiterRelationship | None = None
    country_of_recruitment: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    transit_countries: tuple[str, ...] = Field(default=(), description="ISO 3166-1 alpha-2")
    countries_of_exploitation: tuple[str, ...] = Field(default=(), description="ISO 3166-1 alpha-2")
    recruited_on: date | None = None
    exploitation_started_on: date | None = None
    exploitation_ended_on: date | None = None
    age_when_trafficked: int | None = Field(default=None, ge=0, le=120)

    @field_validator(
        "exploitation_forms", "sex_exploitation_types", "means_of_control", "sectors", mode="after"
    )
    @classmethod
    def _dedupe(cls, values: tuple[StrEnum, ...]) -> tuple[StrEnum, ...]:
        return _unique(values)

    @field_validator("country_of_recruitment", mode="after")
    @classmethod
    def _one_country(cls, value: str | None) -> str | None:
        return None if value is None else _country_code(value)

    @field_validator("transit_countries", "countries_of_exploitation", mode="after")
    @classmethod
    def _countries(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _unique(_country_code(v) for v in values)

    @model_validator(mode="after")
    def _dates_in_order(self) -> TraffickingDetails:
        start, end = self.exploitation_started_on, self.exploitation_ended_on
        if start and end and end < start:
            raise ValueError("exploitation_ended_on is before exploitation_started_on")
        return self


class CaseProfile(BaseModel):
    """The GESI profile of a victim case, without identifying fields (issue 3)."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        title="Titian case profile",
    )

    schema_version: Literal["2026.1"] = "2026.1"
    gender: Gender | None = Field(default=None, description="As the person describes it")
    gender_term: str | None = Field(default=None, max_length=_SHORT_TEXT)
    sex_at_birth: SexAtBirth | None = Field(default=None, description="Optional")
    sex_at_birth_term: str | None = Field(default=None, max_length=_SHORT_TEXT)
    pronouns: str | None = Field(default=None, max_length=50)
    date_of_birth: date | None = None
    date_of_birth_estimated: bool = False
    age_band: AgeBand | None = Field(default=None, description="Estimate when no date of birth")
    age_established: bool = Field(
        default=False, description="Age established by documents or a formal age assessment"
    )
    wg_ss: dict[WgDomain, WgAnswer] = Field(default_factory=dict, description="WG-SS answers")
    ethnicity_code: str | None = Field(default=None, description="From the country's list")
    ethnicity_text: str | None = Field(default=None, max_length=_SHORT_TEXT)
    preferred_language: str | None = Field(default=None, description="BCP-47")
    other_languages: tuple[str, ...] = Field(default=(), description="Also understood, BCP-47")
    written_language: str | None = Field(default=None, description="BCP-47 with script")
    citizenship_status: CitizenshipStatus = CitizenshipStatus.UNKNOWN
    citizenships: tuple[str, ...] = Field(default=(), description="ISO 3166-1 alpha-2")
    migration_statuses: tuple[MigrationStatus, ...] = ()
    sogiesc_consent: bool = Field(default=False, description="Separate SOGIESC consent")
    sogiesc: SogiescDetails | None = None
    trafficking: TraffickingDetails = Field(default_factory=TraffickingDetails)
    identification_status: IdentificationStatus = IdentificationStatus.POSSIBLE
    deciding_body: DecidingBody | None = None
    custody_status: CustodyStatus = CustodyStatus.UNKNOWN
    charges: tuple[Charge, ...] = ()
    milestones: tuple[MilestoneEntry, ...] = ()
    needs: tuple[ServiceType, ...] = ()
    interviewer_gender_preference: InterviewerGender | None = None
    objects_to_origin_notification: bool | None = Field(
        default=None, description="C13: blank counts as an objection"
    )

    @field_validator("preferred_language", "written_language", mode="after")
    @classmethod
    def _one_language(cls, value: str | None) -> str | None:
        return None if value is None else normalize_language(value)

    @field_validator("other_languages", mode="after")
    @classmethod
    def _languages(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _unique(normalize_language(v) for v in values)

    @field_validator("citizenships", mode="after")
    @classmethod
    def _citizenships(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        return _unique(_country_code(v) for v in values)

    @field_validator("migration_statuses", "needs", mode="after")
    @classmethod
    def _dedupe(cls, values: tuple[StrEnum, ...]) -> tuple[StrEnum, ...]:
        return _unique(values)

    @model_validator(mode="after")
    def _consistent(self) -> CaseProfile:
        problems = _consistency_problems(self)
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def languages(self) -> tuple[str, ...]:
        """All languages, the preferred one first."""
        first = (self.preferred_language,) if self.preferred_language else ()
        return _unique((*first, *self.other_languages))

    @property
    def wg_result(self) -> WgResult:
        return wg_ss_status(self.wg_ss)


def _consistency_problems(profile: CaseProfile) -> list[str]:
    problems: list[str] = []
    if profile.gender_term and profile.gender != Gender.ANOTHER_TERM:
        problems.append("gender_term: only with gender 'another_term'")
    if profile.sex_at_birth_term and profile.sex_at_birth != SexAtBirth.ANOTHER_TERM:
        problems.append("sex_at_birth_term: only with sex_at_birth 'another_term'")
    if profile.sogiesc is not None and not profile.sogiesc_consent:
        problems.append("sogiesc: SOGIESC fields need the separate SOGIESC consent")
    status, countries = profile.citizenship_status, profile.citizenships
    if status == CitizenshipStatus.KNOWN and not countries:
        problems.append("citizenships: at least one country when citizenship_status is 'known'")
    if status in (CitizenshipStatus.STATELESS, CitizenshipStatus.UNKNOWN) and countries:
        problems.append(f"citizenships: must be empty when citizenship_status is '{status}'")
    if profile.date_of_birth and profile.age_band and not profile.date_of_birth_estimated:
        problems.append("age_band: give an age band only when the date of birth is unknown")
    return problems


# ---------------------------------------------------------------------------------------------
# Rules over the profile
# ---------------------------------------------------------------------------------------------


def _age_on(born: date, today: date) -> int:
    before_birthday = (today.month, today.day) < (born.month, born.day)
    return today.year - born.year - int(before_birthday)


def estimated_age(profile: CaseProfile, today: date) -> int | None:
    """Age in years from the date of birth, else the lower bound of the age band, else ``None``."""
    if profile.date_of_birth is not None:
        return _age_on(profile.date_of_birth, today)
    if profile.age_band is not None:
        return profile.age_band.min_age
    return None


def age_is_certain(profile: CaseProfile) -> bool:
    """Age is certain with a date of birth that is not an estimate, or once it is established."""
    exact_birth = profile.date_of_birth is not None and not profile.date_of_birth_estimated
    return exact_birth or profile.age_established


def minor_status(
    profile: CaseProfile, today: date, *, margin_years: int | None = None
) -> MinorStatus:
    """Child, presumed child or adult on ``today``.

    A child is a person under 18 (Palermo 3(d)). When age is uncertain and the person may be a
    child, they are treated as a child until age is established (presumption of minority,
    rights-checklist.md "Child"; good practice, to verify against the primary source). With no
    estimate at all, age is uncertain, so the presumption applies. ``margin_years`` comes from
    the profile rules file when not given.
    """
    margin = margin_years if margin_years is not None else _adult_margin_years()
    age = estimated_age(profile, today)
    certain = age_is_certain(profile)
    if age is None:
        return MinorStatus.PRESUMED_CHILD
    if age < ADULT_AGE:
        return MinorStatus.CHILD if certain else MinorStatus.PRESUMED_CHILD
    if certain or age >= ADULT_AGE + margin:
        return MinorStatus.ADULT
    return MinorStatus.PRESUMED_CHILD


def is_minor(profile: CaseProfile, today: date) -> bool:
    """Whether child measures apply: a child or a presumed child (see :func:`minor_status`)."""
    return minor_status(profile, today) != MinorStatus.ADULT


def _adult_margin_years() -> int:
    section = _profile_rules().get("presumption_of_minority", {})
    value = section.get("adult_margin_years") if isinstance(section, dict) else None
    if not isinstance(value, int) or value < 0:
        raise CatalogueError(
            f"cases/catalogue/{PROFILE_RULES_FILE}: presumption_of_minority.adult_margin_years "
            "must be a non-negative integer"
        )
    return value


def is_stateless(profile: CaseProfile) -> bool:
    """Stateless: citizenship status or the HTCDS guidance value "stateless person"."""
    return (
        profile.citizenship_status == CitizenshipStatus.STATELESS
        or MigrationStatus.STATELESS_PERSON in profile.migration_statuses
    )


def is_foreign_national(profile: CaseProfile, country: CountrySettings) -> bool:
    """Citizenship (known or claimed) differs from the country of identification."""
    if is_stateless(profile) or not profile.citizenships:
        return False
    return country.code not in profile.citizenships


def lgbtqi_disclosed(profile: CaseProfile, country: CountrySettings) -> bool:
    """Self-disclosed LGBTQI identity with SOGIESC consent, where the country allows SOGIESC."""
    return (
        country.sogiesc == SogiescPolicy.ALLOWED
        and profile.sogiesc_consent
        and profile.sogiesc is not None
        and profile.sogiesc.lgbtqi is True
    )


def country_problems(profile: CaseProfile, country: CountrySettings) -> list[str]:
    """Problems of a profile against the country settings, each naming its field.

    SOGIESC is hidden altogether where the country says so (data-standards.md (e) rule 4), and
    the ethnicity code must come from the country's list (free text is always allowed).
    """
    problems: list[str] = []
    if country.sogiesc == SogiescPolicy.HIDDEN and (profile.sogiesc or profile.sogiesc_consent):
        problems.append(f"sogiesc: SOGIESC is not recorded in {country.code} (country settings)")
    codes = {e.code for e in country.ethnicities}
    if profile.ethnicity_code and profile.ethnicity_code not in codes:
        problems.append(
            f"ethnicity_code: {profile.ethnicity_code!r} is not in the list for {country.code}"
        )
    return problems


def erase_sogiesc(profile: CaseProfile) -> CaseProfile:
    """The profile after SOGIESC consent is withdrawn: the fields are erased (rule 6); the
    caller audits the erasure."""
    return profile.model_copy(update={"sogiesc": None, "sogiesc_consent": False})


SPECIAL_CATEGORY_FIELDS: frozenset[str] = frozenset(
    {"sogiesc_consent", "sogiesc", "sex_at_birth", "sex_at_birth_term"}
)
"""Profile fields that are special-category data (C11): SOGIESC, and sex at birth, which with
gender reveals trans status. They need an extra permission and stay out of default exports."""


def without_special_categories(profile: CaseProfile) -> CaseProfile:
    """The profile as shown without the extra permission: special-category fields left empty."""
    return profile.model_copy(
        update=dict.fromkeys(SPECIAL_CATEGORY_FIELDS) | {"sogiesc_consent": False}
    )


def profile_json_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of :class:`CaseProfile`, as published in ``docs/schemas/``."""
    schema = CaseProfile.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}
