"""Generalisation hierarchies: parsing, validation, file discovery (ARX hierarchy format)."""

from __future__ import annotations

from pathlib import Path

import pytest

from titian.privacy.hierarchy import (
    HierarchyError,
    check_covers,
    find_hierarchy_file,
    hierarchy_from_rows,
    load_hierarchies,
    parse_hierarchy,
)

ADULT = Path(__file__).resolve().parents[3].parent / "shared" / "data" / "adult"
ADULT_QI = ["sex", "age", "race", "marital-status", "education", "native-country", "workclass"]


def test_parse_reads_levels_and_labels() -> None:
    h = parse_hierarchy("a;ab;*\nb;ab;*\n\nc;c;*\n", "x")
    assert h.depth == 3
    assert h.values == ("a", "b", "c")
    assert h.label("b", 1) == "ab"
    assert h.label("c", 2) == "*"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "is empty"),
        ("a;*\nb\n", "line 2: 1 levels, expected 2"),
        ("a;*\na;*\n", "line 2: value 'a' already listed on line 1"),
        ("a;g1;*\nb;g1;*\nc;g2;*\nd;g2;top\n", "line 4: 'g2' at level 1 generalises to 'top'"),
    ],
)
def test_malformed_hierarchies_are_rejected_with_line(text: str, fragment: str) -> None:
    with pytest.raises(HierarchyError, match=r"f\.csv") as info:
        parse_hierarchy(text, "x", source="f.csv")
    assert fragment in str(info.value)


def test_unknown_value_label_is_an_error() -> None:
    h = hierarchy_from_rows("x", [["a", "*"]])
    with pytest.raises(HierarchyError, match="'zz'"):
        h.label("zz", 1)


@pytest.mark.parametrize("name", ["data_hierarchy_colour.csv", "colour.csv"])
def test_both_file_name_patterns_are_found(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_text("red;*\nblue;*\n", encoding="utf-8")
    assert find_hierarchy_file(tmp_path, "colour").name == name
    assert load_hierarchies(tmp_path, ["colour"])["colour"].values == ("red", "blue")


def test_missing_ambiguous_and_absent_directory(tmp_path: Path) -> None:
    with pytest.raises(HierarchyError, match="no hierarchy for column 'colour'"):
        find_hierarchy_file(tmp_path, "colour")
    (tmp_path / "a_hierarchy_colour.csv").write_text("red;*\n", encoding="utf-8")
    (tmp_path / "colour.csv").write_text("red;*\n", encoding="utf-8")
    with pytest.raises(HierarchyError, match="several hierarchies"):
        find_hierarchy_file(tmp_path, "colour")
    with pytest.raises(HierarchyError, match="does not exist"):
        find_hierarchy_file(tmp_path / "nope", "colour")


def test_check_covers_names_missing_columns() -> None:
    h = {"a": hierarchy_from_rows("a", [["1", "*"]])}
    with pytest.raises(HierarchyError, match="b, c"):
        check_covers(h, ["a", "b", "c"])


@pytest.mark.parametrize(
    ("column", "depth", "size"),
    [
        ("sex", 2, 2),
        ("age", 5, 100),
        ("race", 2, 5),
        ("marital-status", 3, 7),
        ("education", 4, 16),
        ("native-country", 3, 41),
        ("workclass", 3, 8),
    ],
)
def test_adult_hierarchies_load(column: str, depth: int, size: int) -> None:
    h = load_hierarchies(ADULT, ADULT_QI)[column]
    assert (h.depth, len(h.rows)) == (depth, size)
    assert {row[-1] for row in h.rows} == {"*"}
