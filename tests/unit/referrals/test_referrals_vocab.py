"""Vocabularies and the matching rules file (data/matching_rules.yaml)."""

from __future__ import annotations

import copy
from enum import StrEnum
from typing import Any

import pytest

from titian.referrals.vocab import (
    AccessibilityFeature,
    CaveatReason,
    ExclusionReason,
    FitReason,
    RulesFileError,
    ServiceType,
    WgDomain,
    matching_rules,
    parse_rules,
)


@pytest.mark.parametrize("kind", [ExclusionReason, FitReason, CaveatReason])
def test_every_reason_has_a_plain_label(kind: type[StrEnum]) -> None:
    for member in kind:
        label = member.label  # type: ignore[attr-defined]
        assert label and label == label.strip() and "_" not in label


def test_service_types_are_the_issue_list() -> None:
    assert [t.value for t in ServiceType] == [
        "shelter", "medical", "psychosocial", "legal_aid", "interpretation", "livelihood",
        "education", "family_tracing", "repatriation_support", "compensation_claims",
        "case_management",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("domain", "required", "reason"),
    [
        (WgDomain.SEEING, {"screen_reader_formats", "large_print", "audio_formats"},
         ExclusionReason.NO_ACCESSIBLE_FORMATS),
        (WgDomain.HEARING, {"sign_language"}, ExclusionReason.NO_SIGN_LANGUAGE),
        (WgDomain.MOBILITY, {"step_free_access"}, ExclusionReason.NO_STEP_FREE_ACCESS),
        (WgDomain.COGNITION, {"easy_read"}, ExclusionReason.NO_EASY_READ),
        (WgDomain.SELF_CARE, {"personal_assistance"}, ExclusionReason.NO_PERSONAL_ASSISTANCE),
        (WgDomain.COMMUNICATION, {"communication_support"},
         ExclusionReason.NO_COMMUNICATION_SUPPORT),
    ],
)  # fmt: skip
def test_shipped_accommodation_map(
    domain: WgDomain, required: set[str], reason: ExclusionReason
) -> None:
    rule = matching_rules().accommodations[domain]
    assert rule.required_any == {AccessibilityFeature(f) for f in required}
    assert rule.reason is reason


def test_self_care_applies_to_shelter_only() -> None:
    assert matching_rules().accommodations[WgDomain.SELF_CARE].applies_to == {ServiceType.SHELTER}


def _raw() -> dict[str, Any]:
    rules = matching_rules()
    return {
        "version": rules.version,
        "accommodations": {
            d.value: {
                "required_any": [f.value for f in a.required_any],
                "preferred": [f.value for f in a.preferred],
                "reason": a.reason.value,
                "applies_to": [t.value for t in a.applies_to],
            }
            for d, a in rules.accommodations.items()
        },
        "weights": dict(rules.weights),
    }


def test_round_trip_of_the_shipped_rules() -> None:
    assert parse_rules(_raw()) == matching_rules()


def _broken(path: tuple[str, ...], value: Any) -> dict[str, Any]:
    raw = copy.deepcopy(_raw())
    target = raw
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return raw


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("version",), None, "missing key 'version'"),
        (("accommodations", "hearing"), None, r"no entry for \['hearing'\]"),
        (("accommodations", "hearing", "required_any"), ["ramp"], "accommodations.hearing"),
        (("accommodations", "hearing", "required_any"), [], "must name a feature"),
        (("accommodations", "hearing", "reason"), "nope", "accommodations.hearing"),
        (("accommodations", "self_care", "applies_to"), ["spa"], "self_care.applies_to"),
        (
            ("accommodations", "smell"),
            {"required_any": ["easy_read"], "reason": "no_easy_read"},
            "accommodations.smell",
        ),
        (("weights", "caveat"), None, r"weights: missing \['caveat'\]"),
    ],
)
def test_rules_errors_name_file_and_key(path: tuple[str, ...], value: Any, message: str) -> None:
    with pytest.raises(RulesFileError, match=message) as info:
        parse_rules(_broken(path, value))
    assert str(info.value).startswith("matching_rules.yaml: ")
