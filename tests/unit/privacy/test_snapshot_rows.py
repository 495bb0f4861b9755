"""The pure row mapping of the de-identified case snapshot (titian.privacy.snapshot)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from titian.analytics.catalogue import snapshot_columns
from titian.cases.consent import ConsentRecord, withdraw
from titian.cases.profile import CaseProfile
from titian.cases.vocab import DataCategory, Gender, WgAnswer, WgDomain
from titian.privacy.snapshot import (
    CaseFacts,
    InterviewFacts,
    ReferralFacts,
    age_band,
    band_of_age,
    detained,
    first_of_month,
    interpreter_in_language,
    minor_when_exploited,
    offered_choice,
    person_pid,
    referral_columns,
    snapshot_key,
    snapshot_row,
    statistical_categories,
)

AT = datetime(2026, 6, 1, tzinfo=UTC)
KEY = snapshot_key(b"secret", b"0123456789abcdef")
FULL = frozenset(
    {
        DataCategory.PROFILE,
        DataCategory.DISABILITY,
        DataCategory.TRAFFICKING_DETAILS,
        DataCategory.JUSTICE,
    }
)
COLUMNS = [c.name for c in snapshot_columns()]


def consent(
    purpose: str = "research_and_statistics",
    categories: tuple[str, ...] = ("profile",),
    state: str = "given",
    valid_until: datetime | None = None,
    recorded_at: datetime = AT - timedelta(days=10),
) -> ConsentRecord:
    return ConsentRecord.model_validate(
        {
            "consent_id": uuid.uuid4(),
            "version": 1,
            "state": state,
            "purpose": purpose,
            "receiver_agency_id": uuid.uuid4(),
            "service_types": ["legal_aid"] if purpose == "referral" else [],
            "data_categories": list(categories),
            "recorded_at": recorded_at,
            "recorded_by": "worker",
            "language": "th",
            "interpreter_present": False,
            "valid_until": valid_until,
        }
    )


def profile(**fields: Any) -> CaseProfile:
    return CaseProfile.model_validate(fields)


def facts(p: CaseProfile | None = None, **fields: Any) -> CaseFacts:
    base: dict[str, Any] = {
        "case_id": uuid.UUID(int=7),
        "country": "TH",
        "profile": p or profile(),
        "opened_on": date(2026, 3, 20),
        "identified_on": date(2026, 3, 14),
        "categories": FULL,
    }
    base.update(fields)
    return CaseFacts(**base)


# ---------------------------------------------------------------------------------------------
# Consent
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        ([], set()),
        ([consent()], {"profile"}),
        ([consent(purpose="referral")], set()),
        ([consent(state="refused")], set()),
        ([consent(valid_until=AT - timedelta(days=1))], set()),
        ([consent(recorded_at=AT + timedelta(days=1))], set()),
        ([consent(categories=("profile", "health", "hiv", "sogiesc"))], {"profile"}),
        (
            [consent(categories=("profile",)), consent(categories=("disability", "justice"))],
            {"profile", "disability", "justice"},
        ),
    ],
    ids=[
        "none", "statistics", "referral-only", "refused", "expired", "future",
        "special-categories-dropped", "two-consents-add-up",
    ],
)  # fmt: skip
def test_statistical_categories(records: list[ConsentRecord], expected: set[str]) -> None:
    assert {c.value for c in statistical_categories(records, AT)} == expected


def test_withdrawn_statistics_consent_excludes_the_person() -> None:
    given_ = consent()
    withdrawn = withdraw(given_, AT - timedelta(days=1), "worker", "no longer")
    assert statistical_categories([given_, withdrawn], AT) == frozenset()
    with pytest.raises(ValueError, match="research_and_statistics"):
        snapshot_row(facts(categories=frozenset()), KEY)


# ---------------------------------------------------------------------------------------------
# Pseudonyms
# ---------------------------------------------------------------------------------------------


def test_pids_are_keyed_stable_within_and_unlinkable_across_snapshots() -> None:
    case = uuid.uuid4()
    other_salt = snapshot_key(b"secret", b"fedcba9876543210")
    other_secret = snapshot_key(b"another", b"0123456789abcdef")
    assert person_pid(KEY, case) == person_pid(KEY, case)
    assert person_pid(KEY, case) != person_pid(other_salt, case)
    assert person_pid(KEY, case) != person_pid(other_secret, case)
    assert person_pid(KEY, case) != person_pid(KEY, uuid.uuid4())
    assert str(case) not in person_pid(KEY, case) and case.hex not in person_pid(KEY, case)
    with pytest.raises(ValueError, match="salt"):
        snapshot_key(b"secret", b"short")


# ---------------------------------------------------------------------------------------------
# Columns
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "band"),
    [(0, "0-8"), (8, "0-8"), (9, "9-17"), (17, "9-17"), (18, "18-20"), (23, "21-23"),
     (29, "27-29"), (30, "30-38"), (47, "39-47"), (48, "48+"), (99, "48+")],
)  # fmt: skip
def test_band_of_age(age: int, band: str) -> None:
    assert band_of_age(age).value == band


@pytest.mark.parametrize(
    ("fields", "on", "band"),
    [
        ({"date_of_birth": "2008-03-15"}, date(2026, 3, 14), "9-17"),
        ({"date_of_birth": "2008-03-14"}, date(2026, 3, 14), "18-20"),
        ({"age_band": "24-26"}, date(2026, 3, 14), "24-26"),
        ({}, date(2026, 3, 14), "unknown"),
    ],
    ids=["day-before-18th-birthday", "18th-birthday", "estimate", "unknown"],
)
def test_age_band_at_identification(fields: dict[str, Any], on: date, band: str) -> None:
    assert age_band(profile(**fields), on) == band


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"trafficking": {"age_when_trafficked": 16}, "age_band": "18-20"}, True),
        ({"trafficking": {"age_when_trafficked": 25}}, False),
        ({"date_of_birth": "2012-01-01"}, True),
        ({"date_of_birth": "1990-01-01"}, False),
        ({"age_band": "18-20"}, True),
        ({"age_band": "30-38"}, False),
        ({}, None),
    ],
    ids=["trafficked-at-16", "trafficked-at-25", "child-dob", "adult-dob",
         "presumed-child", "adult-band", "unknown"],
)  # fmt: skip
def test_minor_when_exploited(fields: dict[str, Any], expected: bool | None) -> None:
    assert minor_when_exploited(profile(**fields), date(2026, 3, 14)) is expected


@pytest.mark.parametrize(
    ("gender", "published"),
    [(Gender.WOMAN, "woman"), (Gender.MAN, "man"), (Gender.NON_BINARY, "another"),
     (Gender.ANOTHER_TERM, "another"), (Gender.PREFERS_NOT_TO_SAY, "unknown"), (None, "unknown")],
)  # fmt: skip
def test_gender_is_published_in_four_groups(gender: Gender | None, published: str) -> None:
    fields: dict[str, Any] = {"gender": gender}
    if gender == Gender.ANOTHER_TERM:
        fields["gender_term"] = "a self-described term that never leaves"
    row = snapshot_row(facts(profile(**fields)), KEY)
    assert row["gender"] == published
    assert "self-described" not in str(row.values())


@pytest.mark.parametrize(
    ("custody", "alert", "expected"),
    [("immigration_detention", False, True), ("police_cell", False, True), ("prison", False, True),
     ("shelter_open", True, True), ("shelter_closed", False, False), ("unknown", False, None)],
)  # fmt: skip
def test_detained(custody: str, alert: bool, expected: bool | None) -> None:
    assert detained(profile(custody_status=custody), alert) is expected


def _interview(**fields: Any) -> InterviewFacts:
    return InterviewFacts(**{"language": "my", "interviewer_languages": ("th",), **fields})


@pytest.mark.parametrize(
    ("interviews", "expected"),
    [
        ((), None),
        ((_interview(interviewer_languages=("my",)),), None),
        ((_interview(interpreter_present=True, interpreter_language="my"),), True),
        ((_interview(interpreter_present=True, interpreter_language="th"),), False),
        ((_interview(),), False),
        (
            (
                _interview(interpreter_present=True, interpreter_language="my"),
                _interview(interpreter_present=False),
            ),
            False,
        ),
    ],
    ids=["no-interview", "interviewer-speaks-it", "interpreter-in-language",
         "interpreter-wrong-language", "no-interpreter", "one-of-two-missing"],
)  # fmt: skip
def test_interpreter_in_language(
    interviews: tuple[InterviewFacts, ...], expected: bool | None
) -> None:
    assert interpreter_in_language(interviews) is expected


@pytest.mark.parametrize(
    ("preference", "interviews", "expected"),
    [("female", (), True), (None, (), None), (None, (_interview(),), False),
     (None, (_interview(gender_preference="male"),), True)],
)  # fmt: skip
def test_offered_choice(
    preference: str | None, interviews: tuple[InterviewFacts, ...], expected: bool | None
) -> None:
    p = profile(interviewer_gender_preference=preference)
    assert offered_choice(p, interviews) is expected


@pytest.mark.parametrize(
    ("referrals", "month", "accepted"),
    [
        (None, None, None),
        ((), None, None),
        ((ReferralFacts(None, False),), None, None),
        (
            (ReferralFacts(datetime(2026, 5, 30, 23, 59, tzinfo=UTC), False),),
            date(2026, 5, 1),
            False,
        ),
        (
            (
                ReferralFacts(datetime(2026, 7, 2, tzinfo=UTC), True),
                ReferralFacts(datetime(2026, 4, 9, tzinfo=UTC), False),
            ),
            date(2026, 4, 1),
            True,
        ),
    ],
    ids=["not-available", "never-referred", "draft-only", "sent-declined", "first-of-two"],
)
def test_referral_columns(
    referrals: tuple[ReferralFacts, ...] | None, month: date | None, accepted: bool | None
) -> None:
    assert referral_columns(referrals) == {
        "first_referral_month": month,
        "referral_accepted": accepted,
    }


def test_dates_are_coarsened_to_the_month() -> None:
    assert first_of_month(date(2026, 3, 14)) == date(2026, 3, 1)
    assert first_of_month(None) is None
    row = snapshot_row(facts(profile(date_of_birth="1990-07-23")), KEY)
    dates = [v for v in row.values() if isinstance(v, date)]
    assert dates == [date(2026, 3, 1)]


RICH = {
    "gender": "woman",
    "pronouns": "she/her",
    "date_of_birth": "1995-02-11",
    "wg_ss": {"seeing": "a_lot_of_difficulty", "hearing": "refused", "mobility": "no_difficulty"},
    "ethnicity_code": "karen",
    "ethnicity_text": "free text about ethnicity",
    "citizenship_status": "known",
    "citizenships": ["MM"],
    "migration_statuses": ["irregular_migrant", "refugee"],
    "sogiesc_consent": True,
    "sogiesc": {"lgbtqi": True, "self_described_identity": "private identity words"},
    "sex_at_birth": "male",
    "trafficking": {
        "exploitation_forms": ["forced_labour", "organ_removal"],
        "sectors": ["fishing", "factory"],
        "countries_of_exploitation": ["TH", "MY"],
        "recruited_on": "2025-11-03",
    },
    "identification_status": "presumed",
    "custody_status": "police_cell",
    "charges": [{"offence_type": "immigration", "description": "a note on the charge"}],
    "needs": ["medical"],
}


def test_a_full_row() -> None:
    row = snapshot_row(facts(profile(**RICH)), KEY)
    assert list(row) == COLUMNS
    assert row["country"] == "TH" and row["age_band"] == "30-38" and row["minor"] is False
    assert (row["wg_seeing"], row["wg_hearing"], row["wg_mobility"]) == (3, None, 1)
    assert row["citizenship"] == "MMR" and row["migration_status"] == "irregular_migrant"
    assert row["exploitation_country"] == "THA" and row["sector"] == "fishing"
    assert row["form_forced_labour"] is True and row["form_other"] is True
    assert row["form_sexual_exploitation"] is False
    assert row["detained"] is True and row["charged_non_punishment"] is True
    text = repr(row)
    for secret in ("she/her", "free text", "private identity", "a note", "1995", "male", "medical"):
        assert secret not in text


def test_column_groups_need_their_data_category() -> None:
    row = snapshot_row(facts(profile(**RICH), categories=frozenset({DataCategory.PROFILE})), KEY)
    assert row["gender"] == "woman" and row["identification_status"] == "presumed"
    nulls = [c for c in COLUMNS if c.startswith(("wg_", "form_"))]
    nulls += ["sector", "exploitation_country", "detained", "charged_non_punishment"]
    assert all(row[c] is None for c in nulls)


def test_no_forms_recorded_is_unknown_not_no() -> None:
    row = snapshot_row(facts(profile()), KEY)
    assert all(row[c] is None for c in COLUMNS if c.startswith("form_"))


_ANSWERS = st.sampled_from([*WgAnswer, None])


@settings(max_examples=60, deadline=None)
@given(
    gender=st.sampled_from([*Gender, None]),
    band=st.sampled_from(["0-8", "9-17", "18-20", "30-38", "48+", None]),
    answers=st.lists(_ANSWERS, min_size=6, max_size=6),
    categories=st.sets(st.sampled_from(sorted(FULL - {DataCategory.PROFILE}))),
)
def test_every_row_fits_the_schema(
    gender: Gender | None,
    band: str | None,
    answers: list[WgAnswer | None],
    categories: set[DataCategory],
) -> None:
    wg = {d: a for d, a in zip(WgDomain, answers, strict=True) if a is not None}
    p = profile(gender=gender, age_band=band, wg_ss=wg)
    row = snapshot_row(facts(p, categories=frozenset({DataCategory.PROFILE, *categories})), KEY)
    assert list(row) == COLUMNS
    for col in snapshot_columns():
        value = row[col.name]
        assert value is not None or col.nullable, col.name
        if col.values is not None:
            assert value in col.values, col.name
        if col.type == "TINYINT" and value is not None:
            assert value in (1, 2, 3, 4)
