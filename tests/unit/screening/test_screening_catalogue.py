"""Shipped catalogues load, carry their status, and broken files are refused with file and line."""

from __future__ import annotations

from collections import Counter

import pytest

from titian.screening.catalogue import (
    AgeGroup,
    Catalogue,
    CatalogueError,
    CatalogueStatus,
    Dimension,
    Weight,
    available_catalogues,
    check_registry,
    load_catalogue,
    load_catalogue_text,
)

GOOD = """\
catalogue: test_cat
version: 1.0-test
source: synthetic
lists:
  - id: A_L
    title: Adults
    age_group: adult
    kind: labour
    complete: true
  - id: C_L
    title: Children
    age_group: child
    kind: labour
    complete: true
indicators:
  - id: d1.one
    dimension: D1
    label: {en: One}
    weight: {A_L: S, C_L: S}
    verified: false
  - id: d4.two
    dimension: D4
    label: {en: Two}
    weight: {A_L: W, C_L: M}
    verified: true
"""


def test_adult_labour_list_has_the_ilo_ec_dimension_counts() -> None:
    cat = load_catalogue("A_L")
    counts = Counter(i.dimension for i in cat.indicators)
    expected = {"D1": 10, "D2": 10, "D3": 16, "D4": 9, "D5": 15, "D6": 7}
    assert {str(d): n for d, n in counts.items()} == expected


@pytest.mark.parametrize(
    ("indicator_id", "adult", "child"),
    [
        ("d1.education", Weight.W, Weight.S),
        ("d2.documents", Weight.M, Weight.M),
        ("d5.documents", Weight.S, Weight.S),
        ("d5.threat_inform", Weight.W, Weight.M),
        ("d3.beliefs", Weight.W, Weight.M),
        ("d6.past_difficulties", Weight.W, Weight.M),
    ],
)
def test_weights_differ_by_list(indicator_id: str, adult: Weight, child: Weight) -> None:
    a, c = load_catalogue("A_L").get(indicator_id), load_catalogue("C_L").get(indicator_id)
    assert a is not None
    assert c is not None
    assert (a.weight, c.weight) == (adult, child)


@pytest.mark.parametrize("indicator_id", ["d3.false_law_info", "d4.social_protection"])
def test_adult_only_indicators_are_not_on_the_child_list(indicator_id: str) -> None:
    assert load_catalogue("A_L").get(indicator_id) is not None
    assert load_catalogue("C_L").get(indicator_id) is None


def test_child_lists_have_no_weak_tier() -> None:
    for info in available_catalogues():
        if info.age_group is AgeGroup.CHILD:
            cat = load_catalogue(info.list_id)
            assert all(i.weight is not Weight.W for i in cat.indicators), info.list_id


@pytest.mark.parametrize(
    ("list_id", "status"),
    [
        ("A_L", CatalogueStatus.TO_VERIFY),
        ("C_L", CatalogueStatus.TO_VERIFY),
        ("A_S", CatalogueStatus.INCOMPLETE),
        ("C_S", CatalogueStatus.INCOMPLETE),
        ("A_FM", CatalogueStatus.TO_VERIFY),
        ("C_FC", CatalogueStatus.TO_VERIFY),
        ("A_OR", CatalogueStatus.TO_VERIFY),
    ],
)
def test_lists_carry_their_status(list_id: str, status: CatalogueStatus) -> None:
    assert load_catalogue(list_id).info.status is status


def test_available_catalogues_cover_every_age_group_and_purpose() -> None:
    infos = available_catalogues()
    keys = {(i.age_group, i.kind, i.form) for i in infos}
    assert len(keys) == len(infos) == 10
    assert all(i.version and i.source for i in infos)


def test_unknown_list_is_refused_not_substituted() -> None:
    with pytest.raises(CatalogueError, match="no list 'A_X'"):
        load_catalogue("A_X")


def test_good_fixture_loads_with_status_from_verified_flags() -> None:
    adult, child = load_catalogue_text(GOOD, "good.yaml")
    assert adult.info.status is CatalogueStatus.TO_VERIFY
    assert [i.weight for i in adult.indicators] == [Weight.S, Weight.W]
    assert [i.weight for i in child.indicators] == [Weight.S, Weight.M]
    assert adult.in_dimension(Dimension.D4)[0].line == 21


BROKEN = [
    ("unknown dimension", GOOD.replace("dimension: D4", "dimension: D7"), 22, "dimension"),
    ("duplicate id", GOOD.replace("id: d4.two", "id: d1.one"), 21, "duplicate indicator id"),
    ("unknown list", GOOD.replace("{A_L: W, C_L: M}", "{A_L: W, X_L: M}"), 24, "unknown list"),
    ("weak on child list", GOOD.replace("C_L: M}", "C_L: W}"), 24, "no weak tier"),
    ("unknown weight", GOOD.replace("{A_L: W,", "{A_L: X,"), 24, "weight.A_L"),
    (
        "duplicate key",
        GOOD.replace("    verified: true", "    verified: true\n    verified: false"),
        26,
        "duplicate key",
    ),
    ("prefix mismatch", GOOD.replace("id: d4.two", "id: d5.two"), 22, "not D5"),
    ("missing field", GOOD.replace("    verified: true\n", ""), 21, "verified"),
    ("no english label", GOOD.replace("{en: Two}", "{fr: Deux}"), 23, "no 'en' label"),
    ("duplicate list", GOOD.replace("id: C_L", "id: A_L"), 10, "duplicate list id"),
    # PyYAML reports an unclosed flow mapping where it notices it: the next line.
    ("yaml syntax", GOOD.replace("label: {en: Two}", "label: {en: Two"), 24, "YAML syntax"),
]


@pytest.mark.parametrize(("case", "text", "line", "reason"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_catalogue_is_refused_naming_file_and_line(
    case: str, text: str, line: int, reason: str
) -> None:
    with pytest.raises(CatalogueError) as err:
        load_catalogue_text(text, "broken.yaml")
    assert err.value.file == "broken.yaml"
    assert err.value.line == line, case
    assert reason in err.value.reason
    assert str(err.value).startswith(f"broken.yaml, line {line}: ")


def _supplement(indicator_id: str) -> list[Catalogue]:
    text = f"""\
catalogue: supp
version: "1"
source: synthetic
lists:
  - {{id: A_FM, title: FM, age_group: adult, kind: other, form: forced_marriage, base: A_L,
      complete: true}}
indicators:
  - id: {indicator_id}
    dimension: D4
    label: {{en: x}}
    weight: {{A_FM: S}}
    verified: false
"""
    return load_catalogue_text(text, "supp.yaml")


def test_supplement_may_not_redefine_a_base_indicator() -> None:
    base = load_catalogue_text(GOOD, "good.yaml")
    with pytest.raises(CatalogueError) as err:
        check_registry([*base, *_supplement("d4.two")])
    assert (err.value.file, err.value.line) == ("supp.yaml", 8)
    assert "already on base list A_L" in err.value.reason
    assert check_registry([*base, *_supplement("fm.new")])["A_FM"].info.base == "A_L"


def test_list_declared_twice_across_files_is_refused() -> None:
    with pytest.raises(CatalogueError, match=r"already declared in good\.yaml"):
        check_registry([*load_catalogue_text(GOOD, "good.yaml"), *load_catalogue_text(GOOD, "b")])
