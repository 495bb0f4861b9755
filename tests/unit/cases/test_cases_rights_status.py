"""Checklist statuses (due, done, declined, unavailable, overdue) and catalogue checks."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError
from tests.unit.cases.cases_builders import IDENTIFIED_ON, country_with_test_limits, make_profile

from titian.cases import rights
from titian.cases.catalogue import CatalogueError, available_versions
from titian.cases.rights import (
    KNOWN_FACTS,
    CatalogueItem,
    ItemState,
    RightsCatalogue,
    _catalogue_problems,
    derive_checklist,
    load_catalogue,
    profile_facts,
)
from titian.cases.vocab import ChecklistStatus

RIGHTS_DUE = IDENTIFIED_ON + timedelta(days=3)


def _status(today: date, recorded: dict[str, ItemState] | None = None, **profile: Any) -> str:
    items = derive_checklist(
        make_profile(**profile), country_with_test_limits(), IDENTIFIED_ON, today, recorded
    )
    return {i.item_id: i.status for i in items}["C8.rights_information"].value


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (IDENTIFIED_ON, "due"),
        (RIGHTS_DUE, "due"),
        (RIGHTS_DUE + timedelta(days=1), "overdue"),
    ],
)
def test_due_then_overdue(today: date, expected: str) -> None:
    assert _status(today) == expected


@pytest.mark.parametrize("status", ["done", "declined", "unavailable"])
def test_recorded_state_wins_even_past_due(status: str) -> None:
    state = ItemState(status=ChecklistStatus(status), on=IDENTIFIED_ON, by="caseworker_a")
    late = RIGHTS_DUE + timedelta(days=30)
    assert _status(late, {"C8.rights_information": state}) == status


@pytest.mark.parametrize("status", ["due", "overdue"])
def test_due_and_overdue_cannot_be_recorded(status: str) -> None:
    with pytest.raises(ValidationError, match="cannot be recorded"):
        ItemState(status=ChecklistStatus(status), on=IDENTIFIED_ON)


def test_recorded_state_is_returned_on_the_item() -> None:
    state = ItemState(status=ChecklistStatus.DECLINED, on=IDENTIFIED_ON, note="wants no shelter")
    items = derive_checklist(
        make_profile(),
        country_with_test_limits(),
        IDENTIFIED_ON,
        IDENTIFIED_ON,
        {"C9.recovery_services_offer": state},
    )
    item = next(i for i in items if i.item_id == "C9.recovery_services_offer")
    assert item.recorded == state
    assert item.status == ChecklistStatus.DECLINED


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        ({"interviewer_gender_preference": "female"}, "done"),
        ({"interviewer_gender_preference": None}, "overdue"),
    ],
)
def test_ask_items_are_done_when_the_profile_holds_the_answer(
    profile: dict[str, Any], expected: str
) -> None:
    items = derive_checklist(
        make_profile(**profile), country_with_test_limits(), IDENTIFIED_ON, date(2026, 4, 1)
    )
    by_id = {i.item_id: i.status.value for i in items}
    assert by_id["C5.ask_gender_preference"] == expected


def test_unknown_recorded_item_is_an_error() -> None:
    state = ItemState(status=ChecklistStatus.DONE, on=IDENTIFIED_ON)
    with pytest.raises(KeyError, match=r"C8\.rights_informaton"):
        derive_checklist(
            make_profile(),
            country_with_test_limits(),
            IDENTIFIED_ON,
            IDENTIFIED_ON,
            {"C8.rights_informaton": state},
        )


def test_shipped_catalogue_loads_and_is_latest() -> None:
    catalogue = load_catalogue()
    assert catalogue.version == available_versions("rights")[-1] == "2026.1"
    assert len({i.id for i in catalogue.items}) == len(catalogue.items)


def test_every_catalogue_fact_can_be_produced() -> None:
    """No trigger tests a fact that profile_facts never yields (a dead item)."""
    produced: set[str] = set()
    profiles = [
        make_profile(),
        make_profile(date_of_birth=None, gender="woman", interviewer_gender_preference=None),
        make_profile(
            gender="man",
            citizenships=["MM"],
            preferred_language="my",
            objects_to_origin_notification=False,
            custody_status="prison",
            charges=[{"offence_type": "other"}],
            sogiesc_consent=True,
            sogiesc={"lgbtqi": True},
            wg_ss=dict.fromkeys(("seeing", "hearing", "mobility"), "cannot_do_at_all"),
            interviewer_gender_preference="male",
        ),
        make_profile(
            citizenship_status="stateless",
            citizenships=[],
            wg_ss=dict.fromkeys(("cognition", "self_care", "communication"), "a_lot_of_difficulty"),
        ),
    ]
    for profile in profiles:
        produced |= profile_facts(profile, country_with_test_limits(), IDENTIFIED_ON)
    assert produced == KNOWN_FACTS


def _item(**changes: Any) -> dict[str, Any]:
    base = {
        "id": "C8.example",
        "rules": ["C8"],
        "mode": "T",
        "group": "everyone",
        "title": "t",
        "action": "a",
        "source": "s",
    }
    return {**base, **changes}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"rules": ["C18"]}, "not a rule C1-C17"),
        ({"due": {"limit": "consular_notice"}}, "not a day limit"),
        ({"details": ["nationality"]}, "unknown details"),
        ({"mode": "X"}, "mode"),
        ({"id": "no dot"}, "id"),
        ({"due": {}}, "either 'limit' or 'days'"),
        ({"due": {"limit": "interpreter", "days": 2}}, "either 'limit' or 'days'"),
    ],
)
def test_malformed_catalogue_items_are_refused(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        CatalogueItem.model_validate(_item(**changes))


@pytest.mark.parametrize(
    ("items", "message"),
    [
        ([_item(when={"all": ["is_foreign"]})], "unknown fact 'is_foreign'"),
        ([_item(done_when="asked")], "unknown fact 'asked'"),
        ([_item(), _item()], "duplicate id"),
        ([_item(details=["wg_level"])], "wg_level needs a domain"),
    ],
)
def test_catalogue_problems_name_the_item(items: list[dict[str, Any]], message: str) -> None:
    catalogue = RightsCatalogue.model_validate(
        {"version": "0.1", "applies_to_identification": ["presumed"], "items": items}
    )
    problems = _catalogue_problems(catalogue)
    assert any(message in p and "C8.example" in p for p in problems), problems


def test_missing_catalogue_version_is_a_clear_error() -> None:
    with pytest.raises(CatalogueError, match=r"rights-1999\.1\.yaml"):
        load_catalogue("1999.1")


def test_catalogue_default_days_count_from_identification() -> None:
    item = CatalogueItem.model_validate(_item(due={"days": 10}))
    catalogue = RightsCatalogue(
        version="0.1", applies_to_identification=("presumed",), items=(item,)
    )
    items = derive_checklist(
        make_profile(),
        country_with_test_limits(),
        IDENTIFIED_ON,
        IDENTIFIED_ON,
        catalogue=catalogue,
    )
    assert [(i.item_id, i.due_on) for i in items] == [("C8.example", date(2026, 3, 12))]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (
            {
                "version": "9.9",
                "applies_to_identification": ["presumed"],
                "items": [_item(rules=[])],
            },
            "rights-9.9.yaml: item C8.example (items.0.rules)",
        ),
        (
            {
                "version": "9.9",
                "applies_to_identification": ["presumed"],
                "items": [_item(when={"any": ["dragon"]})],
            },
            "rights-9.9.yaml: item C8.example: unknown fact 'dragon'",
        ),
        ({"version": "9.9", "items": []}, "applies_to_identification"),
    ],
)
def test_load_catalogue_errors_name_file_and_item(
    monkeypatch: pytest.MonkeyPatch, raw: dict[str, Any], message: str
) -> None:
    monkeypatch.setattr(rights, "read_catalogue_file", lambda name: raw)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue.__wrapped__("9.9")
    assert message in str(caught.value)
