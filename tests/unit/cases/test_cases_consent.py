"""Consent records (C1, C2, C11): validation, coverage, versions and withdrawal."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from pydantic import ValidationError
from tests.unit.cases.cases_builders import make_profile

from titian.cases.consent import (
    ConsentRecord,
    Share,
    check_share_allowed,
    check_versions,
    consent_covers,
    consent_violations,
    current_versions,
    new_version,
    receivers_to_notify,
    validate_consent,
    withdraw,
)
from titian.cases.enforcement import RuleViolation
from titian.cases.vocab import ConsentState, DataCategory, ReceiverClass, ServiceType

AGENCY_A = UUID("00000000-0000-4000-8000-00000000000a")
AGENCY_B = UUID("00000000-0000-4000-8000-00000000000b")
CONSENT_1 = UUID("00000000-0000-4000-8000-000000000001")
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CHILD = {"date_of_birth": date(2012, 6, 1)}
ASSENT = {"assent_given": True}
GUARDIAN = {"guardian_role": "appointed guardian", "consent_given": True}
BEST_INTERESTS = {"decided_by": "child protection panel", "decided_on": date(2026, 3, 1)}


def _consent(**changes: Any) -> ConsentRecord:
    base: dict[str, Any] = {
        "consent_id": CONSENT_1,
        "version": 1,
        "purpose": "referral",
        "receiver_agency_id": AGENCY_A,
        "service_types": ["shelter", "medical"],
        "data_categories": ["identity", "needs"],
        "recorded_at": T0,
        "recorded_by": "caseworker_a",
        "language": "mya",
        "interpreter_present": True,
    }
    return ConsentRecord.model_validate({**base, **changes})


# --- the record ---------------------------------------------------------------------------------


def test_record_holds_who_when_language_and_interpreter() -> None:
    record = _consent()
    assert (
        record.recorded_by,
        record.recorded_at,
        record.language,
        record.interpreter_present,
    ) == (
        "caseworker_a",
        T0,
        "my",
        True,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"receiver_agency_id": None}, "exactly one receiver"),
        ({"receiver_class": "shelter_providers"}, "exactly one receiver"),
        ({"service_types": []}, "names the service types"),
        ({"data_categories": []}, "data_categories"),
        ({"recorded_at": datetime(2026, 3, 2, 9, 0)}, "timezone-aware"),
        ({"language": "Burmese please"}, "language tag"),
        ({"state": "withdrawn"}, "a withdrawal is a new version"),
        ({"recorded_by": ""}, "recorded_by"),
    ],
)
def test_malformed_consent_is_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        _consent(**changes)


# --- C2: children --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({}, "child_assent", "record the child's assent"),
        (
            {"child_assent": {"assent_given": False}, "guardian_consent": GUARDIAN},
            "child_assent",
            "the child did not assent",
        ),
        (
            {"child_assent": ASSENT},
            "guardian_consent",
            "a child's consent needs a guardian's consent or a best-interests decision",
        ),
        (
            {"child_assent": ASSENT, "guardian_consent": {**GUARDIAN, "consent_given": False}},
            "guardian_consent",
            "the guardian did not consent",
        ),
    ],
)
def test_child_consent_refused_without_assent_and_guardian(
    changes: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(RuleViolation) as caught:
        validate_consent(_consent(**changes), make_profile(**CHILD))
    assert (caught.value.rule_id, caught.value.field) == ("C2", field)
    assert caught.value.message.startswith(message)


@pytest.mark.parametrize(
    "changes",
    [
        {"child_assent": ASSENT, "guardian_consent": GUARDIAN},
        {"child_assent": ASSENT, "best_interests_decision": BEST_INTERESTS},
        {
            "child_assent": ASSENT,
            "guardian_consent": {**GUARDIAN, "consent_given": False},
            "best_interests_decision": BEST_INTERESTS,
        },
    ],
)
def test_child_consent_accepted_with_assent_and_guardian_or_best_interests(
    changes: dict[str, Any],
) -> None:
    validate_consent(_consent(**changes), make_profile(**CHILD))


def test_a_child_too_young_to_assent_needs_a_note_and_the_adult_decision() -> None:
    infant = make_profile(date_of_birth=date(2025, 1, 1))
    unable = {"assent_given": False, "able_to_assent": False}
    with pytest.raises(RuleViolation, match="say why the child cannot give assent"):
        validate_consent(_consent(child_assent=unable, guardian_consent=GUARDIAN), infant)
    with_note = {**unable, "note": "fourteen months old"}
    with pytest.raises(RuleViolation, match="guardian's consent or a best-interests decision"):
        validate_consent(_consent(child_assent=with_note), infant)
    validate_consent(
        _consent(child_assent=with_note, best_interests_decision=BEST_INTERESTS), infant
    )


def test_presumed_child_gets_child_measures() -> None:
    presumed = make_profile(date_of_birth=None, age_band="18-20")
    assert [v.field for v in consent_violations(_consent(), presumed)] == [
        "child_assent",
        "guardian_consent",
    ]


def test_adult_consent_needs_no_guardian() -> None:
    validate_consent(_consent(), make_profile())


def test_a_refusal_of_a_child_is_recorded_without_guardian_fields() -> None:
    refusal = _consent(state="refused")
    validate_consent(refusal, make_profile(**CHILD))


# --- C11: SOGIESC ---------------------------------------------------------------------------------


def test_sogiesc_cannot_be_consented_for_sharing_without_sogiesc_consent() -> None:
    record = _consent(data_categories=["identity", "sogiesc"])
    with pytest.raises(RuleViolation, match="separate SOGIESC consent") as caught:
        validate_consent(record, make_profile())
    assert (caught.value.rule_id, caught.value.field) == ("C11", "data_categories")
    validate_consent(record, make_profile(sogiesc_consent=True))


# --- C1: coverage ---------------------------------------------------------------------------------

LATER = T0 + timedelta(hours=1)


@pytest.mark.parametrize(
    ("agency", "receiver_class", "service", "categories", "at", "covered"),
    [
        (AGENCY_A, None, "shelter", ["identity"], LATER, True),
        (AGENCY_A, None, "medical", ["identity", "needs"], LATER, True),
        (AGENCY_A, "shelter_providers", "shelter", ["needs"], LATER, True),
        (AGENCY_B, None, "shelter", ["identity"], LATER, False),
        (AGENCY_A, None, "legal_aid", ["identity"], LATER, False),
        (AGENCY_A, None, "shelter", ["identity", "health"], LATER, False),
        (AGENCY_A, None, "shelter", ["sogiesc"], LATER, False),
        (AGENCY_A, None, "shelter", ["identity"], T0 - timedelta(seconds=1), False),
        (AGENCY_A, None, "shelter", [], LATER, False),
        (AGENCY_A, None, None, ["identity"], LATER, True),
    ],
)
def test_consent_covers_only_named_receiver_service_and_categories(
    agency: UUID,
    receiver_class: str | None,
    service: str | None,
    categories: list[str],
    at: datetime,
    covered: bool,
) -> None:
    result = consent_covers(
        [_consent()],
        agency,
        ReceiverClass(receiver_class) if receiver_class else None,
        ServiceType(service) if service else None,
        [DataCategory(c) for c in categories],
        at,
    )
    assert result is covered


def test_class_consent_covers_any_agency_of_that_class() -> None:
    record = _consent(
        receiver_agency_id=None, receiver_class="health_providers", service_types=["medical"]
    )
    args = (ServiceType.MEDICAL, [DataCategory.IDENTITY], LATER)
    assert consent_covers([record], AGENCY_B, ReceiverClass.HEALTH_PROVIDERS, *args)
    assert not consent_covers([record], AGENCY_B, ReceiverClass.SHELTER_PROVIDERS, *args)
    assert not consent_covers([record], AGENCY_B, None, *args)


def test_expired_consent_does_not_cover() -> None:
    record = _consent(valid_until=T0 + timedelta(days=30))
    args = (AGENCY_A, None, ServiceType.SHELTER, [DataCategory.IDENTITY])
    assert consent_covers([record], *args, T0 + timedelta(days=29))
    assert not consent_covers([record], *args, T0 + timedelta(days=30))


def test_categories_may_come_from_two_consents_for_the_same_receiver() -> None:
    second = _consent(consent_id=UUID(int=2), data_categories=["health"], service_types=["medical"])
    args = (
        AGENCY_A,
        None,
        ServiceType.MEDICAL,
        [DataCategory.IDENTITY, DataCategory.HEALTH],
        LATER,
    )
    assert consent_covers([_consent(), second], *args)
    assert not consent_covers([_consent()], *args)


def test_purpose_filter() -> None:
    args = (AGENCY_A, None, ServiceType.SHELTER, [DataCategory.IDENTITY], LATER)
    assert consent_covers([_consent()], *args, purpose="referral")
    assert not consent_covers([_consent()], *args, purpose="research_and_statistics")


def test_share_refused_with_the_missing_categories() -> None:
    with pytest.raises(RuleViolation) as caught:
        check_share_allowed(
            [_consent()],
            AGENCY_A,
            None,
            ServiceType.SHELTER,
            [DataCategory.IDENTITY, DataCategory.HIV, DataCategory.LOCATION],
            LATER,
        )
    assert (caught.value.rule_id, caught.value.field) == ("C1", "consent")
    assert caught.value.message == (
        "no active consent for this receiver and service type covers: hiv, location"
    )


def test_share_allowed_when_covered() -> None:
    check_share_allowed(
        [_consent()], AGENCY_A, None, ServiceType.SHELTER, [DataCategory.NEEDS], LATER
    )


# --- versions and withdrawal ----------------------------------------------------------------------


def test_withdrawal_blocks_further_sharing_and_keeps_every_version() -> None:
    first = _consent()
    widened = new_version(
        first,
        T0 + timedelta(days=1),
        "caseworker_a",
        data_categories=["identity", "needs", "health"],
    )
    gone = withdraw(widened, T0 + timedelta(days=2), "caseworker_b", reason="changed her mind")
    history = [first, widened, gone]
    check_versions(history)
    args = (AGENCY_A, None, ServiceType.MEDICAL, [DataCategory.HEALTH])
    assert not consent_covers(history, *args, T0 + timedelta(hours=1))
    assert consent_covers(history, *args, T0 + timedelta(days=1, hours=1))
    assert not consent_covers(history, *args, T0 + timedelta(days=2))
    assert (gone.version, gone.state, gone.recorded_by) == (
        3,
        ConsentState.WITHDRAWN,
        "caseworker_b",
    )
    assert first.state == ConsentState.GIVEN  # earlier versions are unchanged


def test_current_versions_per_consent() -> None:
    first = _consent()
    second = new_version(first, LATER, "caseworker_a", interpreter_present=False)
    other = _consent(consent_id=UUID(int=9))
    assert current_versions([second, first, other], LATER) == [second, other]
    assert current_versions([second, first, other], T0) == [first, other]


def test_withdrawing_twice_is_refused() -> None:
    gone = withdraw(_consent(), LATER, "caseworker_a")
    with pytest.raises(ValueError, match="already withdrawn"):
        withdraw(gone, LATER, "caseworker_a")


@pytest.mark.parametrize(
    ("versions", "message"),
    [
        ([1, 3], "are not 1..2"),
        ([2], "are not 1..1"),
    ],
)
def test_version_chain_must_be_contiguous(versions: list[int], message: str) -> None:
    records = [_consent(version=v) for v in versions]
    with pytest.raises(ValueError, match=message):
        check_versions(records)


def test_nothing_follows_a_withdrawal() -> None:
    gone = withdraw(_consent(), LATER, "caseworker_a")
    revived = new_version(gone, LATER + timedelta(hours=1), "caseworker_a", state="given")
    with pytest.raises(ValueError, match="follows withdrawal"):
        check_versions([_consent(), gone, revived])


def test_versions_in_time_order() -> None:
    late = new_version(_consent(), T0 - timedelta(hours=1), "caseworker_a")
    with pytest.raises(ValueError, match="predates"):
        check_versions([_consent(), late])


def test_withdrawal_notifies_agencies_that_already_received_the_case() -> None:
    gone = withdraw(_consent(), T0 + timedelta(days=5), "caseworker_a")
    shares = [
        Share(receiver_agency_id=AGENCY_A, consent_id=CONSENT_1, shared_at=T0 + timedelta(days=1)),
        Share(receiver_agency_id=AGENCY_A, consent_id=CONSENT_1, shared_at=T0 + timedelta(days=2)),
        Share(
            receiver_agency_id=AGENCY_B, consent_id=UUID(int=7), shared_at=T0 + timedelta(days=1)
        ),
        Share(receiver_agency_id=AGENCY_B, consent_id=CONSENT_1, shared_at=T0 + timedelta(days=6)),
    ]
    assert receivers_to_notify([_consent(), gone], CONSENT_1, shares) == (AGENCY_A,)


def test_notify_needs_a_withdrawn_consent() -> None:
    with pytest.raises(ValueError, match="is not withdrawn"):
        receivers_to_notify([_consent()], CONSENT_1, [])
