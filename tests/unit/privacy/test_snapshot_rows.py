"""The pure row mapping of the de-identified case snapshot (titian.privacy.snapshot)."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from titian.actors.vocab import Gender as ParticipantGender
from titian.analytics.catalogue import dialogue_snapshot_columns, snapshot_columns
from titian.cases.consent import ConsentRecord, withdraw
from titian.cases.profile import CaseProfile
from titian.cases.vocab import DataCategory, Gender, WgAnswer, WgDomain
from titian.dialogues.vocab import ParticipantRole
from titian.network.vocab import ActorKind, Group, Role, role_of
from titian.privacy.snapshot import (
    CaseFacts,
    InterviewFacts,
    ReferralFacts,
    SeatFacts,
    age_band,
    band_of_age,
    days_band,
    days_to_first_referral,
    detained,
    dialogue_pid,
    first_of_month,
    interpreter_in_language,
    minor_when_exploited,
    offered_choice,
    organisation_role,
    person_pid,
    referral_columns,
    seat_gender,
    seat_row,
    served_groups,
    service_gap,
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


def _sent(day: date | None, accepted: bool = False, gap: bool = False) -> ReferralFacts:
    at = None if day is None else datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC)
    return ReferralFacts(at, accepted, gap)


@pytest.mark.parametrize(
    ("days", "band"),
    [(0, "0-3"), (3, "0-3"), (4, "4-7"), (7, "4-7"), (8, "8-30"), (30, "8-30"), (31, "31-90"),
     (90, "31-90"), (91, "91+"), (2000, "91+"), (-1, "before_identification")],
)  # fmt: skip
def test_days_band(days: int, band: str) -> None:
    assert days_band(days) == band


IDENTIFIED = date(2026, 3, 14)


@pytest.mark.parametrize(
    ("identified", "referrals", "band"),
    [
        (IDENTIFIED, None, None),
        (IDENTIFIED, (), None),
        (IDENTIFIED, (_sent(None, gap=True),), None),
        (None, (_sent(date(2026, 3, 15)),), None),
        (IDENTIFIED, (_sent(date(2026, 3, 14)),), "0-3"),
        (IDENTIFIED, (_sent(date(2026, 3, 18)),), "4-7"),
        (IDENTIFIED, (_sent(date(2026, 6, 30)), _sent(date(2026, 3, 22))), "8-30"),
        (IDENTIFIED, (_sent(None), _sent(date(2026, 6, 12))), "31-90"),
        (IDENTIFIED, (_sent(date(2026, 6, 13)),), "91+"),
        (IDENTIFIED, (_sent(date(2026, 3, 13)), _sent(date(2026, 3, 20))),
         "before_identification"),
    ],
    ids=["not-available", "never-referred", "draft-only", "no-identification-date", "same-day",
         "day-4", "first-of-two-sent", "draft-ignored-day-90", "day-91",
         "referred-before-identification"],
)  # fmt: skip
def test_days_to_first_referral(
    identified: date | None, referrals: tuple[ReferralFacts, ...] | None, band: str | None
) -> None:
    assert days_to_first_referral(identified, referrals) == band


@pytest.mark.parametrize(
    ("referrals", "gap"),
    [
        (None, None),
        ((), None),
        ((_sent(None),), False),
        ((_sent(date(2026, 4, 1), accepted=True),), False),
        ((_sent(None, gap=True),), True),
        ((_sent(date(2026, 4, 1), accepted=True), _sent(None, gap=True)), True),
        ((_sent(date(2026, 4, 1), gap=True),), True),
    ],
    ids=["not-available", "never-started", "draft-without-gap", "sent-without-gap",
         "unsent-gap-referral", "one-of-two-had-a-gap", "sent-with-gap"],
)  # fmt: skip
def test_service_gap(referrals: tuple[ReferralFacts, ...] | None, gap: bool | None) -> None:
    assert service_gap(referrals) is gap


def test_an_unsent_gap_referral_changes_neither_first_referral_nor_acceptance() -> None:
    sent = _sent(date(2026, 4, 9), accepted=True)
    alone = snapshot_row(facts(referrals=(sent,)), KEY)
    both = snapshot_row(facts(referrals=(sent, _sent(None, gap=True))), KEY)
    assert alone["service_gap"] is False and both["service_gap"] is True
    for column in ("first_referral_month", "referral_accepted", "days_to_first_referral"):
        assert alone[column] == both[column]
    assert both["days_to_first_referral"] == "8-30"  # 14 March to 9 April: 26 days
    assert both["first_referral_month"] == date(2026, 4, 1)


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
    referrals=st.none()
    | st.lists(
        st.builds(
            _sent,
            st.none() | st.dates(date(2025, 1, 1), date(2027, 12, 31)),
            st.booleans(),
            st.booleans(),
        ),
        max_size=3,
    ).map(tuple),
    identified=st.none() | st.just(IDENTIFIED),
)
def test_every_row_fits_the_schema(
    gender: Gender | None,
    band: str | None,
    answers: list[WgAnswer | None],
    categories: set[DataCategory],
    referrals: tuple[ReferralFacts, ...] | None,
    identified: date | None,
) -> None:
    wg = {d: a for d, a in zip(WgDomain, answers, strict=True) if a is not None}
    p = profile(gender=gender, age_band=band, wg_ss=wg)
    cats = frozenset({DataCategory.PROFILE, *categories})
    row = snapshot_row(
        facts(p, categories=cats, referrals=referrals, identified_on=identified), KEY
    )
    assert list(row) == COLUMNS
    for col in snapshot_columns():
        value = row[col.name]
        assert value is not None or col.nullable, col.name
        if col.values is not None and value is not None:
            assert value in col.values, col.name
        if col.type == "TINYINT" and value is not None:
            assert value in (1, 2, 3, 4)


# ---------------------------------------------------------------------------------------------
# The dialogue companion: one row per seat
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("gender", "published"),
    [(ParticipantGender.WOMAN, "woman"), (ParticipantGender.MAN, "man"),
     (ParticipantGender.NON_BINARY, "another"), (ParticipantGender.UNDISCLOSED, "unknown")],
)  # fmt: skip
def test_seat_gender(gender: ParticipantGender, published: str) -> None:
    assert seat_gender(gender) == published


@pytest.mark.parametrize(
    ("kind", "role"),
    [(ActorKind.POLICE, "justice"), (ActorKind.LABOUR_INSPECTION, "justice"),
     (ActorKind.IMMIGRATION, "justice"), (ActorKind.SHELTER, "support"),
     (ActorKind.MINISTRY_SOCIAL_WELFARE, "support"), (ActorKind.UNION, "support"),
     (ActorKind.ANTI_TRAFFICKING_COMMITTEE, "other"), (ActorKind.INTERNATIONAL_ORG, "other"),
     (ActorKind.EMPLOYER, "other"), (ActorKind.ACADEMIA, "other")],
)  # fmt: skip
def test_organisation_role(kind: ActorKind, role: str) -> None:
    assert organisation_role(kind) == role


def test_every_kind_has_an_organisation_role_from_the_network_rules() -> None:
    for kind in ActorKind:
        expected = role_of(kind).value if role_of(kind) in (Role.JUSTICE, Role.SUPPORT) else "other"
        assert organisation_role(kind) == expected


@pytest.mark.parametrize(
    ("groups", "served"),
    [
        (set(), set()),
        ({Group.CHILDREN}, {"children", "girls", "boys"}),
        ({Group.GIRLS}, {"girls"}),
        ({Group.WOMEN, Group.MIGRANT, Group.LGBTQI}, {"women", "migrant", "lgbtqi"}),
    ],
    ids=["none", "children-include-girls-and-boys", "girls-do-not-make-children", "several"],
)
def test_served_groups_are_expanded(groups: set[Group], served: set[str]) -> None:
    flags = served_groups(frozenset(groups))
    assert list(flags) == [f"serves_{g.value}" for g in Group]
    assert {k.removeprefix("serves_") for k, v in flags.items() if v} == served


def _seat(**fields: Any) -> SeatFacts:
    base: dict[str, Any] = {
        "dialogue_id": uuid.UUID(int=9),
        "country": "KH",
        "held_on": date(2026, 5, 17),
        "role": ParticipantRole.SUPPORT,
        "gender": ParticipantGender.UNDISCLOSED,
        "actor_kind": ActorKind.WOMENS_ORG,
        "actor_groups": frozenset({Group.WOMEN, Group.CHILDREN}),
    }
    base.update(fields)
    return SeatFacts(**base)


def test_a_seat_row_fits_the_companion_schema_and_holds_no_exact_date() -> None:
    row = seat_row(_seat(), KEY)
    assert list(row) == [c.name for c in dialogue_snapshot_columns()]
    assert row["held_month"] == date(2026, 5, 1) and row["country"] == "KH"
    assert (row["participant_role"], row["participant_gender"], row["organisation_role"]) == (
        "support", "unknown", "support",
    )  # fmt: skip
    assert row["serves_girls"] and row["serves_boys"] and not row["serves_men"]
    for col in dialogue_snapshot_columns():
        value = row[col.name]
        assert value is not None or col.nullable, col.name
        if col.values is not None:
            assert value in col.values, col.name


def test_dialogue_pids_are_keyed_and_separate_from_person_pids() -> None:
    ident = uuid.uuid4()
    other_salt = snapshot_key(b"secret", b"fedcba9876543210")
    assert dialogue_pid(KEY, ident) == dialogue_pid(KEY, ident)
    assert dialogue_pid(KEY, ident) != dialogue_pid(other_salt, ident)
    assert dialogue_pid(KEY, ident) != person_pid(KEY, ident)
    assert str(ident) not in dialogue_pid(KEY, ident) and ident.hex not in dialogue_pid(KEY, ident)
    assert seat_row(_seat(dialogue_id=ident), KEY)["dialogue_pid"] == dialogue_pid(KEY, ident)
