"""docs/schemas/need-profile.schema.json documents exactly the NeedProfile fields, and the
schema and the parser agree on the profile tables (no database needed)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.services.profiles import CASES
from titian.errors import Invalid
from titian.referrals.matching import NeedProfile
from titian.referrals.vocab import AccessibilityFeature, CitizenshipStatus, Gender, ServiceType
from titian.services.service_matching import need_from_json

SCHEMA = json.loads(
    (Path(__file__).resolve().parents[2] / "docs" / "schemas" / "need-profile.schema.json")
    .read_text("utf-8")
)  # fmt: skip
VALIDATOR = Draft202012Validator(SCHEMA)


def test_schema_is_valid_and_lists_every_field() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    fields = {f.name for f in dataclasses.fields(NeedProfile) if f.init}
    assert set(SCHEMA["properties"]) == fields


@pytest.mark.parametrize(
    ("field", "enum"),
    [("need", ServiceType), ("gender", Gender), ("citizenship", CitizenshipStatus)],
)
def test_enums_follow_the_vocabularies(field: str, enum: Any) -> None:
    assert SCHEMA["properties"][field]["enum"] == [e.value for e in enum]


def test_declined_accommodations_follow_the_vocabulary() -> None:
    items = SCHEMA["properties"]["accommodations_declined"]["items"]["enum"]
    assert items == [e.value for e in AccessibilityFeature]


@pytest.mark.parametrize(
    "profile", [*SCHEMA["examples"], *(c.profile for c in CASES)], ids=lambda p: str(p)[:40]
)
def test_valid_profiles_pass_both(profile: dict[str, Any]) -> None:
    assert not list(VALIDATOR.iter_errors(profile))
    assert need_from_json(profile).area == profile["area"]


@pytest.mark.parametrize(
    "profile",
    [
        {"need": "shelter", "country": "TH"},
        {"need": "spa", "country": "TH", "area": "TH-10"},
        {"need": "shelter", "country": "TH", "area": "TH-10", "lgbtqi": True},
        {"need": "shelter", "country": "TH", "area": "TH-10", "age": "old"},
        {"need": "shelter", "country": "TH", "area": "TH-10", "name": "X"},
        {"need": "shelter", "country": "TH", "area": "TH-10", "gender": "male"},
        {"need": "shelter", "country": "TH", "area": "TH-10", "wg_domains": ["walking"]},
    ],
    ids=lambda p: str(p)[:60],
)
def test_invalid_profiles_fail_both(profile: dict[str, Any]) -> None:
    assert list(VALIDATOR.iter_errors(profile))
    with pytest.raises(Invalid):
        need_from_json(profile)
