"""The indicator catalogue, the snapshot schema and the disaggregation rules (pure, no DB)."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from titian.analytics.catalogue import (
    CatalogueError,
    Source,
    categories,
    check_snapshot_columns,
    code_lists,
    label,
    load_catalogue,
    snapshot_columns,
    sql_text,
)
from titian.analytics.disaggregation import (
    DisabilityBand,
    PublishedGender,
    disability_band,
    migration_group,
    publish_gender,
)
from titian.analytics.indicators import connect
from titian.demo.analytics import snapshot_frame, write_snapshot


@pytest.mark.parametrize("source", list(Source))
def test_catalogue_loads_and_every_sql_file_exists(source: Source) -> None:
    cat = load_catalogue(source)
    assert cat.indicators
    for indicator in cat.indicators:
        assert sql_text(indicator.sql).strip()
        assert indicator.denominator
        assert len(indicator.table_dimensions) <= 3
        for dim in indicator.dimensions:
            assert categories(dim.codes, "TH")


@pytest.mark.parametrize("source", list(Source))
def test_gender_is_never_broken_down_beyond_one_undivided_category(source: Source) -> None:
    """SOGIESC is never a published dimension (data-standards.md (e) rule 3)."""
    for indicator in load_catalogue(source).indicators:
        for dim in indicator.dimensions:
            if dim.name == "gender":
                # dialogue seats (adults at a meeting) publish 'women' and 'men'
                published = {"woman", "man", "another", "unknown", "women", "men"}
                assert set(categories(dim.codes)) <= published


@pytest.mark.parametrize(
    ("source", "required"),
    [
        (Source.CTDC, {"ctdc_form_gender_age", "ctdc_women_share_by_form",
                       "ctdc_men_share_by_sector", "ctdc_citizenship_gender",
                       "ctdc_exploitation_country_gender"}),
        (Source.TITIAN, {"titian_form_gender_age", "titian_women_share_by_form",
                         "titian_men_share_by_sector", "titian_disability_gender",
                         "titian_ethnicity_gender", "titian_citizenship_status_gender",
                         "titian_migration_gender", "titian_country_gender",
                         "titian_minor_gender", "titian_gender_age",
                         # issue 7 item 3: days to first referral, service gaps, dialogues
                         "titian_days_to_referral_gender", "titian_service_gap_gender",
                         "titian_service_gap_disability", "titian_dialogue_seats_role_gender",
                         "titian_dialogue_groups_represented"}),
    ],
)  # fmt: skip
def test_issue_indicators_are_in_the_catalogue(source: Source, required: set[str]) -> None:
    assert required <= {i.id for i in load_catalogue(source).indicators}


def test_asean_members_are_named_by_country() -> None:
    cats = categories("asean_alpha3")
    assert {"THA", "KHM", "LAO", "MMR", "VNM", "PHL", "IDN", "MYS", "BRN", "SGP", "TLS"} <= set(
        cats
    )
    assert cats[-2:] == ("other", "unknown")
    assert label("THA") == "Thailand"
    assert label("woman") == "Women and girls"


@pytest.mark.parametrize("name", ["../x.sql", "a/b.sql", "x.txt"])
def test_sql_names_must_be_plain_files(name: str) -> None:
    with pytest.raises(CatalogueError, match="plain"):
        sql_text(name)


def test_unknown_code_list_is_refused() -> None:
    with pytest.raises(CatalogueError, match="no code list"):
        categories("nope")
    assert "gender" in code_lists()


def test_synthetic_snapshot_matches_the_schema(tmp_path: Path) -> None:
    path = write_snapshot(tmp_path / "cases-1.parquet", 50, seed=3)
    con = connect(Source.TITIAN, [path])
    columns = {r[0]: r[1] for r in con.execute("DESCRIBE raw_files").fetchall()}
    con.close()
    assert check_snapshot_columns(columns) == []
    assert len(columns) == len(snapshot_columns())


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (lambda f: f.drop("gender"), "column 'gender' is missing"),
        (lambda f: f.with_columns(pl.col("minor").cast(pl.String)), "column 'minor' is VARCHAR"),
        (lambda f: f.with_columns(pl.lit("x").alias("full_name")), "'full_name' is not in"),
    ],
)
def test_snapshot_schema_problems_are_named(change: object, problem: str, tmp_path: Path) -> None:
    frame = change(snapshot_frame(20, seed=1))  # type: ignore[operator]
    path = tmp_path / "cases-bad.parquet"
    frame.write_parquet(path)
    from titian.analytics.indicators import AnalyticsError

    with pytest.raises(AnalyticsError, match=problem):
        connect(Source.TITIAN, [path])


@pytest.mark.parametrize(
    ("answers", "band"),
    [
        ((1, 1, 1, 1, 1, 1), DisabilityBand.NONE),
        ((1, 2, 1, 1, 1, 1), DisabilityBand.SOME),
        ((2, 2, 2, 2, 2, 2), DisabilityBand.SOME),
        ((1, 1, 3, 1, 1, 1), DisabilityBand.A_LOT),
        ((4, None, None, None, None, None), DisabilityBand.A_LOT),  # DISABILITY3 despite gaps
        ((1, 1, 1, 1, 1, None), DisabilityBand.UNKNOWN),  # could still be 3 or 4
        ((2, None, 1, 1, 1, 1), DisabilityBand.UNKNOWN),
        ((None,) * 6, DisabilityBand.UNKNOWN),
    ],
)
def test_disability_band_follows_wg_disability3(
    answers: tuple[int | None, ...], band: DisabilityBand
) -> None:
    assert disability_band(answers) is band


@pytest.mark.parametrize("bad", [(1, 1), (1, 1, 1, 1, 1, 7)])
def test_disability_band_refuses_bad_answers(bad: tuple[int, ...]) -> None:
    with pytest.raises(ValueError, match="answers"):
        disability_band(bad)


@pytest.mark.parametrize(
    ("value", "published"),
    [
        ("woman", PublishedGender.WOMAN),
        ("man", PublishedGender.MAN),
        ("non_binary", PublishedGender.ANOTHER),
        ("another_term", PublishedGender.ANOTHER),
        ("prefers_not_to_say", PublishedGender.UNKNOWN),
        (None, PublishedGender.UNKNOWN),
    ],
)
def test_published_gender(value: str | None, published: PublishedGender) -> None:
    assert publish_gender(value) is published


@pytest.mark.parametrize(
    ("status", "group"),
    [(None, "not_recorded"), ("refugee", "refugee_or_asylum"), ("student", "other_migrant"),
     ("internally_displaced_person", "internally_displaced"), ("labour_migrant", "labour_migrant")],
)  # fmt: skip
def test_migration_group(status: str | None, group: str) -> None:
    assert migration_group(status) == group
    assert group in code_lists()["migration_group"]


def test_sql_disability_and_migration_agree_with_the_python_rules(tmp_path: Path) -> None:
    frame = snapshot_frame(3000, seed=11)
    path = tmp_path / "cases-1.parquet"
    frame.write_parquet(path)
    con = connect(Source.TITIAN, [path])
    sql = {
        r[0]: (r[1], r[2])
        for r in con.execute(
            "SELECT person_pid, disability, migration_group FROM people"
        ).fetchall()
    }
    con.close()
    domains = ["wg_seeing", "wg_hearing", "wg_mobility", "wg_cognition", "wg_selfcare",
               "wg_communication"]  # fmt: skip
    for row in frame.iter_rows(named=True):
        band = disability_band([row[d] for d in domains]).value
        assert sql[row["person_pid"]] == (band, migration_group(row["migration_status"]))


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"table": "cases"}, "table: 'cases' is not one of"),
        ({"table": "seats", "linked": "all_records"}, "only indicators over 'people'"),
    ],
    ids=["unknown-table", "linked-seats"],
)
def test_an_indicator_over_another_table_is_checked(change: dict[str, str], problem: str) -> None:
    from titian.analytics.catalogue import _indicator

    raw = {"id": "x", "title": "X", "sql": "titian_dialogue_seats_role_gender.sql",
           "dimensions": [{"name": "gender", "codes": "gender"}], "denominator": "d"}  # fmt: skip
    raw.update(change)
    with pytest.raises(CatalogueError, match=problem):
        _indicator(raw, "titian.yaml: indicators[0]", code_lists())
    seats = load_catalogue(Source.TITIAN).get("titian_dialogue_seats_role_gender")
    assert (seats.table, seats.batched, seats.unit) == ("seats", False, "Seats")


def test_a_headline_must_be_a_code_of_its_dimension() -> None:
    from titian.analytics.catalogue import _indicator

    raw = {"id": "x", "title": "X", "sql": "titian_detained_gender.sql", "denominator": "d",
           "dimensions": [{"name": "detained", "codes": "yes_no"}]}  # fmt: skip
    with pytest.raises(CatalogueError, match="headline: 'maybe' is not in 'yes_no'"):
        _indicator({**raw, "headline": {"detained": "maybe"}}, "t", code_lists())
    with pytest.raises(CatalogueError, match="headline: 'gender' is not a dimension"):
        _indicator({**raw, "headline": {"gender": "woman"}}, "t", code_lists())
