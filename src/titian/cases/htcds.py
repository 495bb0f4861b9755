"""Export a case profile with HTCDS v2.0 field names (data-standards.md (a)).

HTCDS ships no JSON Schema, so the export is a flat mapping of ``prefix_CamelCase`` fields holding
HTCDS system names, plus a ``titian_extensions`` block for what HTCDS has no field for (sex at
birth, WG-SS, age band, ethnicity, justice milestones, needs, forced criminality ...). The value
mappings are data: ``catalogue/htcds-2.0.yaml``.

Do no harm: special-category data (SOGIESC, and trans status derived from sex at birth and
gender) is left out unless the caller asks for it and the person gave SOGIESC consent (C11).
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

import langcodes

from titian.cases.catalogue import CatalogueError, read_catalogue_file
from titian.cases.profile import CaseProfile, is_stateless, wg_ss_status
from titian.cases.vocab import (
    DecidingBody,
    ExploitationForm,
    Gender,
    IdentificationStatus,
    MeansOfControl,
    RecruiterRelationship,
    Sector,
    SexAtBirth,
    SexExploitationType,
)

HTCDS_FILE = "htcds-2.0.yaml"

VOCABULARY_FIELDS: dict[str, type[StrEnum]] = {
    "prs_Gender": Gender,
    "vic_TraffickingStatus": IdentificationStatus,
    "vic_TraffickingStatusDecisionMakingOrg": DecidingBody,
    "vic_RelationshipToTrafficker": RecruiterRelationship,
    "vic_MethodsOfControl": MeansOfControl,
    "vic_TypeOfExploitation": ExploitationForm,
    "vic_TypeOfSexExploitation": SexExploitationType,
    "vic_ForcedLabourIndustry": Sector,
}
"""HTCDS field -> the Titian vocabulary whose members it maps."""


def htcds_value_map(field: str) -> dict[str, str | None]:
    """The mapping of one HTCDS field, checked to cover every member of its vocabulary."""
    raw = read_catalogue_file(HTCDS_FILE).get(field)
    if not isinstance(raw, dict):
        raise CatalogueError(f"cases/catalogue/{HTCDS_FILE}: no mapping for {field}")
    mapping = {str(k): (None if v is None else str(v)) for k, v in raw.items()}
    vocabulary = VOCABULARY_FIELDS.get(field)
    if vocabulary is not None:
        missing = [m.value for m in vocabulary if m.value not in mapping]
        if missing:
            raise CatalogueError(f"cases/catalogue/{HTCDS_FILE}: {field} lacks {missing}")
    return mapping


def _one(field: str, value: StrEnum | None) -> str | None:
    return None if value is None else htcds_value_map(field)[value.value]


def _many(field: str, values: Iterable[StrEnum]) -> list[str]:
    mapping = htcds_value_map(field)
    mapped = (mapping[v.value] for v in values)
    return list(dict.fromkeys(m for m in mapped if m is not None))


def iso639_2(tag: str) -> str:
    """ISO 639-2 code of a BCP-47 tag (terminology form; ISO 639-3 where 639-2 has none)."""
    return str(langcodes.Language.get(tag).to_alpha3())


def htcds_gender(profile: CaseProfile, *, include_special_category: bool = False) -> str:
    """``prs_Gender`` for a profile.

    The transgender values are derived from sex at birth and gender (data-standards.md (e)), so
    they are special-category data: used only when asked for and with SOGIESC consent.
    """
    if profile.gender is None:
        return "NonSpecifiedUnknown"
    if include_special_category and profile.sogiesc_consent and _is_trans(profile):
        trans = read_catalogue_file(HTCDS_FILE).get("prs_Gender_transgender", {})
        if profile.gender.value in trans:
            return str(trans[profile.gender.value])
    return htcds_value_map("prs_Gender")[profile.gender.value] or "NonSpecifiedUnknown"


def _is_trans(profile: CaseProfile) -> bool:
    pairs = {(Gender.WOMAN, SexAtBirth.MALE), (Gender.MAN, SexAtBirth.FEMALE)}
    return (profile.gender, profile.sex_at_birth) in pairs


def to_htcds(profile: CaseProfile, *, include_special_category: bool = False) -> dict[str, Any]:
    """The profile as HTCDS v2.0 fields, with Titian extensions in ``titian_extensions``."""
    languages = profile.languages
    trafficking = profile.trafficking
    record: dict[str, Any] = {
        "prs_Gender": htcds_gender(profile, include_special_category=include_special_category),
        "prs_Birthdate": profile.date_of_birth.isoformat() if profile.date_of_birth else None,
        "prs_Citizenship": list(profile.citizenships),
        "prs_PrimaryLanguage": iso639_2(languages[0]) if languages else None,
        "prs_SecondaryLanguage": iso639_2(languages[1]) if len(languages) > 1 else None,
        "vic_TraffickingStatus": _one("vic_TraffickingStatus", profile.identification_status),
        "vic_TraffickingStatusDecisionMakingOrg": _one(
            "vic_TraffickingStatusDecisionMakingOrg", profile.deciding_body
        ),
        "vic_RelationshipToTrafficker": _one(
            "vic_RelationshipToTrafficker", trafficking.recruiter_relationship
        ),
        "vic_AgeWhenTrafficked": trafficking.age_when_trafficked,
        "vic_MethodsOfControl": _many("vic_MethodsOfControl", trafficking.means_of_control),
        "vic_TypeOfExploitation": _many("vic_TypeOfExploitation", trafficking.exploitation_forms),
        "vic_ForcedLabourIndustry": _many("vic_ForcedLabourIndustry", trafficking.sectors),
        "vic_TypeOfSexExploitation": _many(
            "vic_TypeOfSexExploitation", trafficking.sex_exploitation_types
        ),
        "vic_LocationOfRecruitment": trafficking.country_of_recruitment,
        "vic_LocationOfExploitation": list(trafficking.countries_of_exploitation),
    }
    record["titian_extensions"] = _extensions(profile, include_special_category)
    return record


def _extensions(profile: CaseProfile, include_special_category: bool) -> dict[str, Any]:
    wg = wg_ss_status(profile.wg_ss)
    trafficking = profile.trafficking
    extensions: dict[str, Any] = {
        "gender": profile.gender.value if profile.gender else None,
        "age_band": profile.age_band.value if profile.age_band else None,
        "date_of_birth_estimated": profile.date_of_birth_estimated,
        "wg_ss": {d.value: a.value for d, a in profile.wg_ss.items()},
        "disability3": wg.disability3,
        "ethnicity_code": profile.ethnicity_code,
        "citizenship_status": profile.citizenship_status.value,
        "stateless": is_stateless(profile),
        "migration_statuses": [m.value for m in profile.migration_statuses],
        "identification_status": profile.identification_status.value,
        "forced_criminality": ExploitationForm.FORCED_CRIMINALITY in trafficking.exploitation_forms,
        "recruiter_relationship": _value(trafficking.recruiter_relationship),
        "sectors": [s.value for s in trafficking.sectors],
        "transit_countries": list(trafficking.transit_countries),
        "custody_status": profile.custody_status.value,
        "charges": [c.model_dump(mode="json", exclude={"description"}) for c in profile.charges],
        "milestones": [m.model_dump(mode="json") for m in profile.milestones],
        "needs": [n.value for n in profile.needs],
    }
    if include_special_category:
        extensions["sex_at_birth"] = _value(profile.sex_at_birth)
        if profile.sogiesc_consent and profile.sogiesc is not None:
            extensions["sogiesc"] = profile.sogiesc.model_dump(mode="json")
    return extensions


def _value(member: StrEnum | None) -> str | None:
    return None if member is None else member.value
