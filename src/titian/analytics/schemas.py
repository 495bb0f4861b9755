"""Pydantic schemas of the analytics doors: CTDC imports and disclosure-controlled indicators."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from titian.analytics.catalogue import Source
from titian.countries.registry import ASEAN_CODES
from titian.privacy.sdc_settings import BASE_5, FLOOR_10, RoundingRule


class RoundingChoice(StrEnum):
    """Rounding of published counts after suppression (disclosure-control.md, "Rounding")."""

    NONE = "none"
    BASE5 = "base5"
    FLOOR10 = "floor10"

    def rule(self) -> RoundingRule | None:
        return {"none": None, "base5": BASE_5, "floor10": FLOOR_10}[self.value]


def check_country(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    code = value.upper()
    if code not in ASEAN_CODES:
        raise ValueError(f"must be one of {', '.join(ASEAN_CODES)}")
    return code


class IndicatorQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    source: Source = Source.TITIAN
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 (ASEAN)")
    indicators: list[str] | None = Field(default=None, description="Only these ids")
    rounding: RoundingChoice = RoundingChoice.NONE

    _country = field_validator("country")(check_country)


class IndicatorSetRead(BaseModel):
    """Disclosure-controlled indicators: nothing in here is a true small count."""

    source: Source
    country: str | None
    dataset_sha256: str
    catalogue_version: str
    threshold: int
    rounding: RoundingChoice
    citation: str
    generated_at: datetime
    indicators: list[dict[str, Any]]


class CtdcImportRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    file_name: str
    sha256: str
    generation: str
    rows: int
    columns: int
    output_path: str
    imported_at: datetime
    imported_by: str
