"""Typed shape of a country settings file (``countries/data/XX.yaml``).

Every threshold that a rule needs (day limits, retention, SOGIESC visibility) lives here, never in
code: rights-checklist.md says "Every threshold in this file ... lives in versioned configuration
per country. None of them is hard-coded."
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class SogiescPolicy(StrEnum):
    """Whether SOGIESC may be recorded at all in a country (data-standards.md (e))."""

    ALLOWED = "allowed"
    HIDDEN = "hidden"


class DayLimits(BaseModel):
    """Day limits counted from identification (or from the event named)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rights_information: int = Field(ge=0, description="C8: rights information given within N days")
    interpreter: int = Field(ge=0, description="C4: interpreter arranged within N days")
    guardian_appointment: int = Field(
        ge=0, description="Child: guardian or best-interests decision"
    )
    recovery_services_offer: int = Field(ge=0, description="C9: recovery services offered")
    detention_review: int = Field(ge=0, description="C6: detention of a presumed victim resolved")
    reflection_period: int = Field(ge=0, description="Foreign national: reflection and recovery")
    risk_assessment: int = Field(ge=0, description="C12: risk assessment before any return plan")


class Ethnicity(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str
    languages: tuple[str, ...] = ()


class CountrySettings(BaseModel):
    """One country's settings. Loaded and validated by :mod:`titian.countries.registry`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: str = Field(description="Version of this settings file, e.g. 2026.1")
    code: str = Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2")
    name: str
    asean_member: bool = True
    official_languages: tuple[str, ...] = Field(description="BCP-47 tags, national first")
    ui_locales: tuple[str, ...] = Field(description="Locales of the user interface, BCP-47")
    minority_languages: tuple[str, ...] = Field(
        default=(), description="ISO 639-3 codes met in counter-trafficking work (languages.md)"
    )
    ethnicities: tuple[Ethnicity, ...] = ()
    retention_years: int = Field(ge=1, description="C14: years a closed case is kept")
    day_limits: DayLimits
    sogiesc: SogiescPolicy = SogiescPolicy.ALLOWED
    small_cell_threshold: int | None = Field(
        default=None, ge=1, description="Overrides the global disclosure threshold when stricter"
    )
    notes: str = ""
