"""Reading CTDC files: delimiters, terms-of-use sentences, stray tabs, XLSX cells."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from tests.fixtures import ctdc_gen as gen

from titian.analytics.ctdc import CtdcImportError, Generation, import_ctdc
from titian.analytics.ctdc.detect import known_column_names
from titian.analytics.ctdc.read import (
    cell_text,
    clean_header_cell,
    read_table,
    repair_row,
    sniff_delimiter,
)

KNOWN = known_column_names()


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("yearOfRegistration,gender,ageBroad\n2015,Male,48+\n", ","),
        ("yearOfRegistration\tgender\tageBroad\n", "\t"),
        ("yearOfRegistration;gender;ageBroad\n", ";"),
        ("Terms of use, read them.\nyearOfRegistration\tgender\tageBroad\n", "\t"),
        ("gender,ageBroad,yearOfRegistration\n", ","),
        ('"Terms, of, use yearOfRegistration"\tgender\tageBroad\tcitizenship\n', "\t"),
    ],
)
def test_delimiter_is_sniffed_from_the_header_line(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


@pytest.mark.parametrize(
    ("text", "message"),
    [("gender,ageBroad\n", "not found"), ("yearOfRegistration\n2015\n", "single column")],
)
def test_delimiter_sniffing_refuses_without_header(text: str, message: str) -> None:
    with pytest.raises(CtdcImportError, match=message):
        sniff_delimiter(text)


@pytest.mark.parametrize(
    ("cell", "clean"),
    [
        ("gender", "gender"),
        (' "ageBroad" ', "ageBroad"),
        ("\ufeffyearOfRegistration", "yearOfRegistration"),
        (f"{gen.TERMS} yearOfRegistration", "yearOfRegistration"),
        (f"{gen.TERMS}\nyearOfRegistration", "yearOfRegistration"),
        ("Do not redistribute", "Do not redistribute"),
        ("my own notes", "my own notes"),
    ],
)
def test_header_cells_lose_quotes_bom_and_terms_sentence(cell: str, clean: str) -> None:
    assert clean_header_cell(cell, KNOWN) == clean


@pytest.mark.parametrize(
    ("row", "repaired"),
    [
        (["1", "Debt", " bondage;Threats", "1", "0"], ["1", "Debt\t bondage;Threats", "1", "0"]),
        (["1", "a", "b", "c", "", "0"], ["1", "a\tb\tc", "", "0"]),
        (["1", "x", "y", "z", "0"], None),  # "z" cannot follow a text column
        (["1", "a", "1", "0", "0"], None),  # a number is not the rest of a list
    ],
)
def test_tabs_inside_concatenated_fields_are_repaired(
    row: list[str], repaired: list[str] | None
) -> None:
    assert repair_row(row, 4, [1]) == repaired


def test_repair_needs_a_text_column() -> None:
    assert repair_row(["1", "2", "3"], 2, []) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (1, "1"),
        (1.0, "1"),
        (-99.0, "-99"),
        (2.5, "2.5"),
        (True, "1"),
        ("Male", "Male"),
        (dt.date(2020, 1, 2), "2020-01-02"),
    ],
)
def test_xlsx_cells_read_as_csv_text(value: object, text: str) -> None:
    assert cell_text(value) == text


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_terms_sentence_in_its_own_header_column_is_dropped(tmp_path: Path) -> None:
    text = f"yearOfRegistration,gender,{gen.TERMS.replace(',', '')}\n2015,Male,\n2016,Female,\n"
    table, problems = read_table(_write(tmp_path / "f.csv", text), KNOWN)
    assert table.header == ("yearOfRegistration", "gender")
    assert table.dropped_header_cells == (gen.TERMS.replace(",", ""),)
    assert problems == []


def test_terms_sentence_inside_a_multiline_header_cell(tmp_path: Path) -> None:
    text = f'"{gen.TERMS}\nyearOfRegistration",gender\n2015,Male\n'
    table, _ = read_table(_write(tmp_path / "f.csv", text), KNOWN)
    assert table.header == ("yearOfRegistration", "gender")
    assert table.frame.rows() == [("2015", "Male")]


def test_cp1252_and_bom_are_decoded(tmp_path: Path) -> None:
    table, _ = read_table(_write(tmp_path / "a.csv", "yearOfRegistration,note\n2015,caf\u00e9\n",
                                 "cp1252"), KNOWN)  # fmt: skip
    assert table.frame.rows() == [("2015", "caf\u00e9")]
    bom, _ = read_table(_write(tmp_path / "b.csv", "\ufeffyearOfRegistration,g\n1,2\n"), KNOWN)
    assert bom.header == ("yearOfRegistration", "g")


def test_blank_lines_and_trailing_empty_fields_are_ignored(tmp_path: Path) -> None:
    text = "yearOfRegistration,gender\n\n2015,Male,,\n2016,Female\n"
    table, problems = read_table(_write(tmp_path / "f.csv", text), KNOWN)
    assert table.frame.rows() == [("2015", "Male"), ("2016", "Female")]
    assert problems == []


def test_rows_of_the_wrong_width_are_problems_with_row_numbers(tmp_path: Path) -> None:
    text = "yearOfRegistration,gender,ageBroad\n2015,Male,48+\n2016\n2017,Male,48+,x\n"
    _, problems = read_table(_write(tmp_path / "f.csv", text), KNOWN)
    assert [(p.rows, p.reason) for p in problems] == [
        ((2,), "row has 1 fields but the header has 3"),
        ((3,), "row has 4 fields but the header has 3"),
    ]


@pytest.mark.parametrize(
    ("header", "message"),
    [("yearOfRegistration,gender,Gender", "twice"), ("yearOfRegistration,,gender", "empty")],
)
def test_bad_headers_are_refused(tmp_path: Path, header: str, message: str) -> None:
    with pytest.raises(CtdcImportError, match=message):
        read_table(_write(tmp_path / "f.csv", header + "\n1,2,3\n"), KNOWN)


def test_k_anonymised_tsv_with_a_tab_inside_a_concatenated_field_imports(tmp_path: Path) -> None:
    frame = gen.k_anonymised_frame(rows=5, seed=4)
    path = gen.write_fixture(frame, tmp_path / "k.tsv", delimiter="\t")
    lines = path.read_text(encoding="utf-8").split("\n")
    cells = lines[3].split("\t")
    at = gen.K_ANONYMISED_COLUMNS.index("typeOfLabourConcatenated")
    cells[at] = "Agriculture;\tConstruction"
    lines[3] = "\t".join(cells)
    path.write_text("\n".join(lines), encoding="utf-8")
    report = import_ctdc(path, tmp_path / "k.parquet")
    assert report.generation is Generation.K_ANONYMISED
    assert report.repaired_rows == (3,)
    assert report.rows == 5


def test_rows_that_cannot_be_repaired_refuse_the_import(tmp_path: Path) -> None:
    frame = gen.synthetic_2021_frame(rows=4)
    path = gen.write_fixture(frame, tmp_path / "s.tsv", delimiter="\t")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = lines[2] + "\tstray"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(CtdcImportError, match="row has 38 fields") as caught:
        import_ctdc(path, tmp_path / "s.parquet")
    assert caught.value.problems[0].rows == (2,)
    assert not (tmp_path / "s.parquet").exists()
