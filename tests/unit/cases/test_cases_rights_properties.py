"""Property tests of the checklist over generated synthetic profiles.

- a trigger adds a duty and never removes another (rights-checklist.md);
- gender-blind rules: changing gender only changes the gender-specific groups (DESIGN.md);
- statuses and due dates are consistent with the day limits.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.cases.cases_builders import IDENTIFIED_ON, country_with_test_limits, make_profile

from titian.cases.rights import ChecklistItem, derive_checklist
from titian.cases.vocab import ChecklistStatus, WgAnswer, WgDomain

EVERYONE = {
    "C8.rights_information",
    "C9.recovery_services_offer",
    "C4.record_language",
    "C5.ask_gender_preference",
}
GENDERED_GROUPS = {"women_and_girls", "men_and_boys", "justice"}

PROFILES = st.fixed_dictionaries(
    {
        "gender": st.sampled_from([None, "woman", "man", "non_binary", "prefers_not_to_say"]),
        "date_of_birth": st.one_of(st.none(), st.dates(date(1950, 1, 1), date(2025, 12, 31))),
        "preferred_language": st.sampled_from([None, "th", "ksw", "my", "tts", "hmn", "en"]),
        "citizenships": st.sampled_from([["TH"], ["MM"], ["LA", "TH"], ["KH"]]),
        "wg_ss": st.dictionaries(st.sampled_from(list(WgDomain)), st.sampled_from(list(WgAnswer))),
        "interviewer_gender_preference": st.sampled_from([None, "female", "male", "no_preference"]),
        "identification_status": st.sampled_from(["possible", "presumed", "confirmed"]),
        "custody_status": st.sampled_from(["not_in_custody", "police_cell", "shelter_open"]),
        "objects_to_origin_notification": st.sampled_from([None, True, False]),
        "sogiesc_consent": st.booleans(),
    }
)


def _derive(profile: dict[str, Any], today: date = IDENTIFIED_ON) -> list[ChecklistItem]:
    return derive_checklist(
        make_profile(**profile), country_with_test_limits(), IDENTIFIED_ON, today
    )


@settings(max_examples=150, deadline=None)
@given(PROFILES, st.integers(min_value=0, max_value=60))
def test_statuses_follow_due_dates(profile: dict[str, Any], days_later: int) -> None:
    today = IDENTIFIED_ON + timedelta(days=days_later)
    items = _derive(profile, today)
    assert {i.item_id for i in items} >= EVERYONE
    for item in items:
        assert item.due_on is None or item.due_on >= IDENTIFIED_ON
        if item.status == ChecklistStatus.OVERDUE:
            assert item.due_on is not None and today > item.due_on
        if item.status == ChecklistStatus.DUE and item.due_on is not None:
            assert today <= item.due_on


@settings(max_examples=100, deadline=None)
@given(PROFILES, st.sampled_from(list(WgDomain)))
def test_more_difficulty_never_removes_an_item(profile: dict[str, Any], domain: WgDomain) -> None:
    before = {i.item_id for i in _derive(profile)}
    worse = {**profile, "wg_ss": {**profile["wg_ss"], domain: WgAnswer.CANNOT_DO_AT_ALL}}
    after = {i.item_id for i in _derive(worse)}
    assert before - {f"access.{domain.value}"} <= after
    assert f"access.{domain.value}" in after


@settings(max_examples=100, deadline=None)
@given(PROFILES, st.sampled_from(["woman", "man", "non_binary", None]))
def test_gender_only_changes_gender_specific_items(
    profile: dict[str, Any], gender: str | None
) -> None:
    def neutral(items: list[ChecklistItem]) -> set[str]:
        return {i.item_id for i in items if i.group not in GENDERED_GROUPS}

    assert neutral(_derive(profile)) == neutral(_derive({**profile, "gender": gender}))


@settings(max_examples=100, deadline=None)
@given(PROFILES)
def test_being_a_child_only_adds_items(profile: dict[str, Any]) -> None:
    adult = {**profile, "date_of_birth": date(1990, 1, 1)}
    child = {**profile, "date_of_birth": date(2015, 1, 1)}
    adult_items = {i.item_id for i in _derive(adult)}
    child_items = {i.item_id for i in _derive(child)}
    assert adult_items <= child_items
    assert {i for i in child_items - adult_items if not i.startswith("child.")} == set()
