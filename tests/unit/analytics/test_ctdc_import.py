"""CTDC import end to end on generated fixtures: every generation, all-or-nothing refusal.

The checks for the 2021 synthetic release follow reference-figures.md, "Checks an importer test
should make on a fixture of this shape" (numbered 1-9 in the test names).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
import pytest
from tests.fixtures import ctdc_gen as gen

from titian.analytics.ctdc import (
    CtdcImportError,
    FlagGroup,
    Generation,
    group_shares,
    import_ctdc,
)
from titian.analytics.ctdc.detect import generation_specs

# reference-figures.md, "Column names, in file order" (written out again on purpose).
REFERENCE_2021 = [
    "yearOfRegistration", "gender", "ageBroad", "majorityStatusAtExploit", "traffickMonths",
    "citizenship", "CountryOfExploitation", "meansOfControlDebtBondage",
    "meansOfControlTakesEarnings", "meansOfControlThreats", "meansOfControlPsychologicalAbuse",
    "meansOfControlPhysicalAbuse", "meansOfControlSexualAbuse", "meansOfControlFalsePromises",
    "meansOfControlPsychoactiveSubstances", "meansOfControlRestrictsMovement",
    "meansOfControlRestrictsMedicalCare", "meansOfControlExcessiveWorkingHours",
    "meansOfControlThreatOfLawEnforce", "meansOfControlWithholdsNecessities",
    "meansOfControlWithholdsDocuments", "meansOfControlOther", "isForcedLabour",
    "isSexualExploit", "isOtherExploit", "typeOfLabourAgriculture", "typeOfLabourConstruction",
    "typeOfLabourDomesticWork", "typeOfLabourHospitality", "typeOfLabourOther",
    "typeOfSexProstitution", "typeOfSexPornography", "typeOfSexOther",
    "recruiterRelationIntimatePartner", "recruiterRelationFriend", "recruiterRelationFamily",
    "recruiterRelationOther",
]  # fmt: skip

FRAMES: dict[str, Callable[..., pl.DataFrame]] = {
    "k_anonymised": gen.k_anonymised_frame,
    "synthetic_2021": gen.synthetic_2021_frame,
    "synthetic_2024": gen.synthetic_2024_frame,
    "victim_perpetrator_2022": gen.victim_perpetrator_frame,
}


def _import(tmp_path: Path, frame: pl.DataFrame, name: str = "in.csv", **kw: str) -> pl.DataFrame:
    source = gen.write_fixture(frame, tmp_path / name, **kw)
    out = tmp_path / f"{name}.parquet"
    import_ctdc(source, out)
    return pl.read_parquet(out)


def _with_value(frame: pl.DataFrame, column: str, rows: list[int], value: str) -> pl.DataFrame:
    """Set ``column`` to ``value`` at 1-based data rows ``rows``."""
    index = pl.int_range(1, frame.height + 1)
    return frame.with_columns(
        pl.when(index.is_in(rows)).then(pl.lit(value)).otherwise(pl.col(column)).alias(column)
    )


# --- every format imports ------------------------------------------------------------------


@pytest.mark.parametrize("generation", sorted(FRAMES))
@pytest.mark.parametrize(
    ("name", "delimiter", "terms"),
    [
        ("f.csv", ",", None),
        ("f.tsv", "\t", "before"),
        ("f.txt", ";", "inside"),
        ("f.csv", ",", "extra_cell"),
        ("f.xlsx", ",", "before"),
    ],
)
def test_each_generation_imports_from_a_generated_fixture(
    tmp_path: Path, generation: str, name: str, delimiter: str, terms: str | None
) -> None:
    frame = FRAMES[generation](rows=60, seed=3)
    source = gen.write_fixture(frame, tmp_path / name, delimiter=delimiter, terms=terms)
    report = import_ctdc(source, tmp_path / "out.parquet")
    out = pl.read_parquet(tmp_path / "out.parquet")
    assert report.generation == Generation(generation)
    assert (report.rows, report.columns) == (60, frame.width)
    assert report.rows_written == out.height == 60
    assert report.columns_written == out.width
    assert out["source_generation"].unique().to_list() == [generation]
    assert report.delimiter == (None if name.endswith(".xlsx") else delimiter)


@pytest.mark.parametrize("generation", sorted(FRAMES))
def test_csv_and_xlsx_load_identically(tmp_path: Path, generation: str) -> None:
    frame = FRAMES[generation](rows=40, seed=5)
    assert _import(tmp_path, frame, "a.csv").equals(_import(tmp_path, frame, "a.xlsx"))


def test_k_anonymised_62_and_63_columns_both_import(tmp_path: Path) -> None:
    out62 = _import(tmp_path, gen.k_anonymised_frame(rows=30, slavery=False), "k62.csv")
    out63 = _import(tmp_path, gen.k_anonymised_frame(rows=30, slavery=True), "k63.csv")
    assert out62["exploitation_slavery_and_practices"].null_count() == 30
    assert out63["exploitation_slavery_and_practices"].null_count() < 30
    assert out62.drop("exploitation_slavery_and_practices").equals(
        out63.drop("exploitation_slavery_and_practices")
    )


# --- all or nothing ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("generation", "column", "value"),
    [
        ("synthetic_2021", "gender", "F"),
        ("synthetic_2021", "meansOfControlDebtBondage", "0"),
        ("k_anonymised", "citizenship", "QQ"),
        ("k_anonymised", "isForcedLabour", "2"),
        ("synthetic_2024", "gender", "Female"),
        ("synthetic_2024", "traffickMonths", "25--60 (2-5 yrs)"),
        ("victim_perpetrator_2022", "typeOfExploitation", "isForcedLabour;isBegging"),
    ],
)
def test_unknown_code_refuses_the_file_whole_naming_column_and_value(
    tmp_path: Path, generation: str, column: str, value: str
) -> None:
    frame = _with_value(FRAMES[generation](rows=50), column, [4, 9, 30], value)
    source = gen.write_fixture(frame, tmp_path / "bad.csv")
    out = tmp_path / "out.parquet"
    with pytest.raises(CtdcImportError) as caught:
        import_ctdc(source, out)
    problem = next(p for p in caught.value.problems if p.column == column)
    assert (problem.value, problem.rows, problem.count) == (value, (4, 9, 30), 3)
    assert column in str(caught.value)
    assert repr(value) in str(caught.value)
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["bad.csv"]


def test_refusal_lists_every_unknown_code_and_keeps_an_existing_output(tmp_path: Path) -> None:
    frame = _with_value(gen.synthetic_2021_frame(rows=50), "gender", [2], "X")
    frame = _with_value(frame, "citizenship", [5, 6], "PH")
    frame = _with_value(frame, "isForcedLabour", [7], "yes")
    out = tmp_path / "out.parquet"
    out.write_bytes(b"previous import")
    with pytest.raises(CtdcImportError) as caught:
        import_ctdc(gen.write_fixture(frame, tmp_path / "bad.tsv", delimiter="\t"), out)
    found = {(p.column, p.value, p.rows) for p in caught.value.problems}
    assert found == {
        ("gender", "X", (2,)),
        ("citizenship", "PH", (5, 6)),
        ("isForcedLabour", "yes", (7,)),
    }
    assert out.read_bytes() == b"previous import"


def test_missing_required_column_refuses(tmp_path: Path) -> None:
    frame = gen.synthetic_2021_frame(rows=10).drop("traffickMonths")
    with pytest.raises(CtdcImportError, match="traffickMonths"):
        import_ctdc(gen.write_fixture(frame, tmp_path / "f.csv"), tmp_path / "o.parquet")


def test_later_synthetic_release_is_recognised_and_refused(tmp_path: Path) -> None:
    frame = gen.synthetic_2024_frame(rows=10).rename(
        {"typeOfLabourAgriculture": "sectorOfLabourAgriculture"}
    )
    with pytest.raises(CtdcImportError, match="2025 onwards"):
        import_ctdc(gen.write_fixture(frame, tmp_path / "f.csv"), tmp_path / "o.parquet")


# --- reference-figures.md checks on the 2021 synthetic shape -------------------------------


def test_1_header_is_the_37_documented_names_in_order(tmp_path: Path) -> None:
    frame = gen.synthetic_2021_frame(rows=20)
    assert frame.columns == REFERENCE_2021
    spec = generation_specs()[Generation.SYNTHETIC_2021]
    assert [c.name for c in spec.columns] == REFERENCE_2021
    report = import_ctdc(gen.write_fixture(frame, tmp_path / "f.csv"), tmp_path / "o.parquet")
    assert report.order_matches_documentation


def test_1_importer_matches_by_name_not_position(tmp_path: Path) -> None:
    frame = gen.synthetic_2021_frame(rows=50)
    shuffled = frame.select(sorted(frame.columns, key=str.casefold)).rename(
        {"CountryOfExploitation": "countryofexploitation", "gender": "Gender"}
    )
    source = gen.write_fixture(shuffled, tmp_path / "s.csv")
    report = import_ctdc(source, tmp_path / "s.parquet")
    assert not report.order_matches_documentation
    assert pl.read_parquet(tmp_path / "s.parquet").equals(_import(tmp_path, frame))


@pytest.mark.parametrize("delimiter", [",", "\t"])
def test_2_recognised_as_2021_synthetic(tmp_path: Path, delimiter: str) -> None:
    source = gen.write_fixture(gen.synthetic_2021_frame(rows=20), tmp_path / "f", delimiter)
    report = import_ctdc(source, tmp_path / "o.parquet")
    assert report.generation is Generation.SYNTHETIC_2021
    assert report.generation not in (Generation.K_ANONYMISED, Generation.SYNTHETIC_2024)


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("yearOfRegistration", "2001"),
        ("yearOfRegistration", "2022"),
        ("yearOfRegistration", "twenty"),
        ("gender", "Woman"),
        ("gender", "Unknown"),
        ("ageBroad", "18--25"),
        ("ageBroad", "-99"),
        ("majorityStatusAtExploit", "Unknown"),
        ("traffickMonths", "25+ (2+ yrs)"),
        ("citizenship", "XXX"),
        ("citizenship", "PH"),
        ("CountryOfExploitation", "ZZ"),
        ("meansOfControlThreatOfLawEnforce", "0"),
        ("isOtherExploit", "-99"),
        ("typeOfSexOther", "true"),
        ("recruiterRelationOther", "Unknown"),
    ],
)
def test_3_values_outside_the_2021_value_sets_are_rejected_with_row_and_column(
    tmp_path: Path, column: str, value: str
) -> None:
    frame = _with_value(gen.synthetic_2021_frame(rows=30), column, [17], value)
    with pytest.raises(CtdcImportError) as caught:
        import_ctdc(gen.write_fixture(frame, tmp_path / "f.csv"), tmp_path / "o.parquet")
    [problem] = caught.value.problems
    assert (problem.column, problem.value, problem.rows) == (column, value, (17,))
    assert "row 17" in str(caught.value)


def test_4_empty_flag_is_missing_not_zero_and_shares_use_the_denominator_rule(
    tmp_path: Path,
) -> None:
    frame = gen.synthetic_2021_frame(rows=400, seed=11)
    out = _import(tmp_path, frame)
    raw = frame["recruiterRelationFamily"]
    assert out["recruiter_family"].null_count() == (raw == "").sum()
    flags = [c for c in out.columns if c.startswith(("control_", "labour_", "sex_", "recruiter_"))]
    assert (
        not out.select(pl.any_horizontal(pl.col(flags).eq(False).fill_null(False)))
        .to_series()
        .any()
    )
    shares = group_shares(out, FlagGroup.RECRUITER_RELATION)
    relation = [c for c in frame.columns if c.startswith("recruiterRelation")]
    inside = frame.filter(pl.any_horizontal(pl.col(relation) == "1"))
    assert shares.denominator == inside.height
    assert shares.counts["recruiter_family"] == (inside["recruiterRelationFamily"] == "1").sum()


@pytest.mark.parametrize(
    ("raw", "label", "lower", "upper", "minor"),
    [
        ("0--8", "0-8", 0, 8, True),
        ("09--17", "9-17", 9, 17, True),
        ("9--17", "9-17", 9, 17, True),
        ("18--20", "18-20", 18, 20, False),
        ("21--23", "21-23", 21, 23, False),
        ("24--26", "24-26", 24, 26, False),
        ("27--29", "27-29", 27, 29, False),
        ("30--38", "30-38", 30, 38, False),
        ("39--47", "39-47", 39, 47, False),
        ("48+", "48+", 48, None, False),
    ],
)
def test_5_age_bands_load_to_one_band_with_minor_status(
    tmp_path: Path, raw: str, label: str, lower: int, upper: int | None, minor: bool
) -> None:
    frame = _with_value(gen.synthetic_2021_frame(rows=5), "ageBroad", [1, 2, 3, 4, 5], raw)
    frame = frame.with_columns(pl.lit("").alias("majorityStatusAtExploit"))
    out = _import(tmp_path, frame)
    row = out.select("age_band", "age_lower", "age_upper", "age_band_minor").unique().rows()
    assert row == [(label, lower, upper, minor)]
    assert out["minor"].to_list() == [True if minor else None] * 5


@pytest.mark.parametrize(
    ("raw", "lower", "upper"),
    [
        ("0--12 (0-1 yr)", 0, 12),
        ("13--24 (1-2 yrs)", 13, 24),
        ("25--60 (2-5 yrs)", 25, 60),
        ("61+ (5+ yrs)", 61, None),
    ],
)
def test_6_traffick_months_bounds(tmp_path: Path, raw: str, lower: int, upper: int | None) -> None:
    frame = _with_value(gen.synthetic_2021_frame(rows=3), "traffickMonths", [1, 2, 3], raw)
    out = _import(tmp_path, frame)
    bounds = out.select("traffick_months_lower", "traffick_months_upper").unique().rows()
    assert bounds == [(lower, upper)]


def test_7_countries_validate_and_empty_cells_stay_empty(tmp_path: Path) -> None:
    frame = _with_value(gen.synthetic_2021_frame(rows=6), "citizenship", [1, 2], "PHL")
    frame = _with_value(frame, "citizenship", [3], "USA")
    frame = _with_value(frame, "citizenship", [4, 5, 6], "")
    out = _import(tmp_path, frame)
    got = out.select("citizenship_alpha2", "citizenship_alpha3", "citizenship_asean").rows()
    assert got[:3] == [("PH", "PHL", True), ("PH", "PHL", True), ("US", "USA", False)]
    assert got[3:] == [(None, None, None)] * 3


def test_8_import_is_idempotent_and_row_order_does_not_change_aggregates(tmp_path: Path) -> None:
    frame = gen.synthetic_2021_frame(rows=300, seed=8)
    first, second = _import(tmp_path, frame, "a.csv"), _import(tmp_path, frame, "b.csv")
    assert first.equals(second)
    shuffled = _import(tmp_path, frame.sample(fraction=1.0, shuffle=True, seed=2), "c.csv")
    columns = [c for c in first.columns if c != "source_row"]
    for column in columns:
        counts = [f[column].value_counts(sort=True).sort(column).rows() for f in (first, shuffled)]
        assert counts[0] == counts[1], column
    for group in FlagGroup:
        assert group_shares(first, group) == group_shares(shuffled, group)
    assert first.drop("source_row").sort(columns).equals(shuffled.drop("source_row").sort(columns))


def test_9_row_and_column_counts_are_reported(tmp_path: Path) -> None:
    source = gen.write_fixture(gen.synthetic_2021_frame(rows=123), tmp_path / "f.tsv", "\t")
    report = import_ctdc(source, tmp_path / "o.parquet")
    assert (report.rows, report.columns, report.rows_written) == (123, 37, 123)


def test_9_a_full_size_fixture_of_193025_rows_by_37_columns_loads_completely(
    tmp_path: Path,
) -> None:
    frame = gen.synthetic_2021_frame(rows=193_025, seed=2021)
    source = gen.write_fixture(frame, tmp_path / "CTDC_synthetic_fixture.tsv", delimiter="\t")
    report = import_ctdc(source, tmp_path / "big.parquet")
    assert (report.rows, report.columns) == (193_025, 37)
    assert report.rows_written == pl.read_parquet(tmp_path / "big.parquet").height
    assert report.rows_written == 193_025


# --- generation-specific normalisation -----------------------------------------------------


def test_k_anonymised_missing_codes_load_as_missing_never_zero(tmp_path: Path) -> None:
    frame = gen.k_anonymised_frame(rows=8)
    frame = _with_value(frame, "isForcedLabour", [1], "-99")
    frame = _with_value(frame, "isForcedLabour", [2], "Unknown")
    frame = _with_value(frame, "isForcedLabour", [3], "0")
    frame = _with_value(frame, "isForcedLabour", [4], "1")
    frame = _with_value(frame, "citizenship", [1], "00")
    frame = _with_value(frame, "citizenship", [2], "ZZ")
    frame = _with_value(frame, "citizenship", [3], "Y1")
    frame = _with_value(frame, "citizenship", [4], "TP")
    frame = _with_value(frame, "gender", [1], "Unknown")
    frame = _with_value(frame, "Datasource", [1], "CASE MANAGEMENT")
    out = _import(tmp_path, frame)
    assert out["exploitation_forced_labour"].to_list()[:4] == [None, None, False, True]
    assert out["citizenship_alpha3"].to_list()[:4] == [None, None, "SRB", "TLS"]
    assert out["citizenship_asean"].to_list()[3] is True
    assert out.row(0, named=True)["gender_htcds"] == "NonSpecifiedUnknown"
    assert out.row(0, named=True)["gender_ctdc"] is None
    assert out.row(0, named=True)["datasource"] == "CaseManagement"


def test_k_anonymised_means_are_harmonised_to_v2024(tmp_path: Path) -> None:
    frame = gen.k_anonymised_frame(rows=4)
    means = [c for c in frame.columns if c.startswith("meansOfControl") and "Concat" not in c]
    frame = frame.with_columns(pl.lit("0").alias(c) for c in means)
    frame = _with_value(frame, "meansOfControlUsesChildren", [1], "1")
    frame = _with_value(frame, "meansOfControlThreats", [2], "-99")
    frame = frame.with_columns(
        pl.when(pl.int_range(1, 5) == 3).then(pl.lit("-99")).otherwise(pl.col(c)).alias(c)
        for c in ("meansOfControlThreats", "meansOfControlUsesChildren",
                  "meansOfControlThreatOfLawEnforcement")
    )  # fmt: skip
    out = _import(tmp_path, frame)
    assert out["means_threats"].to_list() == [True, False, None, False]
    assert out["control_uses_children"].to_list() == [True, False, None, False]


def test_synthetic_2024_maps_man_woman_and_open_duration(tmp_path: Path) -> None:
    frame = gen.synthetic_2024_frame(rows=3)
    frame = frame.with_columns(
        pl.Series("gender", ["Woman", "Man", "Trans/Transgender/NonConforming"]),
        pl.Series("ageBroad", ["0\u20148", "9--17", "48+"]),
        pl.Series("traffickMonths", ["25+ (2+ yrs)"] * 3),
    )
    out = _import(tmp_path, frame)
    assert out["gender_htcds"].to_list() == ["Feminine", "Masculine", "NonConforming"]
    assert out["age_band"].to_list() == ["0-8", "9-17", "48+"]
    assert out["traffick_months_upper"].to_list() == [None] * 3
    assert out["control_debt_bondage"].null_count() == 3


def test_victim_perpetrator_keeps_ip_columns_and_splits_lists(tmp_path: Path) -> None:
    frame = gen.victim_perpetrator_frame(rows=2).with_columns(
        pl.Series("typeOfExploitation", ["isForcedLabour; isOtherExploit", ""]),
        pl.Series("citizenshipRegion", ["south-eastern asia", "Europe"]),
    )
    out = _import(tmp_path, frame)
    assert out["exploitation_forced_labour"].to_list() == [True, None]
    assert out["exploitation_other"].to_list() == [True, None]
    assert out["exploitation_sexual"].to_list() == [None, None]
    assert out["citizenship_region"].to_list() == ["South-eastern Asia", "Europe"]
    assert "extra_IP_RoleInProcess" in out.columns


def test_progress_reports_every_stage(tmp_path: Path) -> None:
    calls: list[tuple[str, int, int]] = []
    source = gen.write_fixture(gen.synthetic_2021_frame(rows=10), tmp_path / "f.csv")
    import_ctdc(source, tmp_path / "o.parquet", progress=lambda *a: calls.append(a))
    stages = [c[0] for c in calls]
    assert stages[0] == "read"
    assert stages[-1] == "write"
    assert ("map", 37, 37) in calls
