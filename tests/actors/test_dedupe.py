"""Duplicate detection by normalised name + country (pure, titian.actors.dedupe)."""

from __future__ import annotations

import pytest

from titian.actors.dedupe import (
    CandidateRow,
    ExistingActor,
    duplicate_key,
    normalise_name,
    plan_import,
)


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Lào Cai Women's Union", "lao cai women s union"),
        ("LAO CAI  women's-union ", "lao cai women s union"),
        ("Đà Nẵng Shelter", "da nang shelter"),
        ("Bridges & Partners", "bridges and partners"),
        ("Bridges and Partners", "bridges and partners"),
        ("มูลนิธิเพื่อนหญิง", "มูลนิธิเพื่อนหญิง"),  # Thai marks are kept
        ("ក្រសួងសង្គមកិច្ច", "ក្រសួងសង្គមកិច្ច"),  # Khmer too
    ],
)
def test_normalise(name: str, key: str) -> None:
    assert normalise_name(name) == key


def test_thai_names_differing_by_a_vowel_stay_different() -> None:
    assert normalise_name("มูลนิธิ") != normalise_name("มูลนธ")


def test_key_includes_country() -> None:
    assert duplicate_key("Safe Haven", "th") == ("TH", "safe haven")
    assert duplicate_key("Safe Haven", "TH") != duplicate_key("Safe Haven", "KH")


def row(
    line: int, name: str, country: str = "TH", kind: str = "ngo", groups: str = ""
) -> CandidateRow:
    return CandidateRow(
        line, name, country, kind, groups=frozenset(filter(None, groups.split(";")))
    )


def test_duplicates_in_file_merge_into_the_first_row() -> None:
    plan = plan_import(
        [
            row(2, "Safe Haven", groups="women"),
            row(3, "SAFE HAVEN!", groups="girls"),
            row(4, "Safe Haven", "KH"),
        ],
        {},
    )
    assert len(plan.actors) == 2
    first = plan.actors[0]
    assert first.lines == [2, 3] and first.groups == {"women", "girls"}
    assert [(d.line, d.into_line) for d in plan.duplicates] == [(3, 2)]
    assert not plan.clashes


def test_duplicate_of_registered_actor_merges_into_it() -> None:
    existing = {("TH", "safe haven"): ExistingActor("a-1", "ngo")}
    plan = plan_import([row(2, "Safe-Haven"), row(3, "Other")], existing)
    assert plan.actors[0].existing_id == "a-1"
    assert plan.actors[1].existing_id is None
    assert [(d.line, d.into_id) for d in plan.duplicates] == [(2, "a-1")]


@pytest.mark.parametrize(
    ("rows", "existing", "where"),
    [
        ([row(2, "Safe Haven"), row(3, "safe haven", kind="shelter")], {}, "line 2"),
        (
            [row(2, "Safe Haven", kind="shelter")],
            {("TH", "safe haven"): ExistingActor("x", "ngo")},
            "actor x",
        ),
    ],
)
def test_duplicate_of_another_kind_is_a_clash_not_a_merge(
    rows: list[CandidateRow], existing: dict[tuple[str, str], ExistingActor], where: str
) -> None:
    plan = plan_import(rows, existing)
    assert [c.where for c in plan.clashes] == [where]
    assert not plan.duplicates
