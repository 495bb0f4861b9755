"""Read a CTDC file (CSV, TSV, semicolon-separated, or XLSX) into a table of strings.

Rules from data-standards.md (b), "Importer rules": find the header row by looking for
``yearOfRegistration`` (some copies put a terms-of-use sentence before or inside the header);
read ``*Concatenated`` fields defensively (documented as ``;``-separated, but they can contain tab
characters that break naive TSV parsing). Nothing is coerced here: every cell stays a string, and
empty cells stay ``""``, so that the mapping step can tell empty from ``0`` and from ``-99``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from titian.analytics.ctdc.canonical import CtdcImportError, Problem

HEADER_KEY = "yearofregistration"
DELIMITERS = (",", "\t", ";")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
MAX_ROW_PROBLEMS = 20
_CODE = re.compile(r"^-?\d*(\.0+)?$")
_WORDS = re.compile(r"\s")


@dataclass(frozen=True)
class RawTable:
    """A file's header and data as strings; ``header_row`` is the 1-based record of the header."""

    path: str
    source_format: str
    delimiter: str | None
    header: tuple[str, ...]
    frame: pl.DataFrame
    header_row: int
    dropped_header_cells: tuple[str, ...]
    repaired_rows: tuple[int, ...]


# --- header --------------------------------------------------------------------------------


def clean_header_cell(cell: str, known: frozenset[str]) -> str:
    """Strip quotes, whitespace and a terms-of-use sentence written inside a header cell.

    A cell such as ``"By using these data you agree to the terms of use. yearOfRegistration"``
    becomes ``yearOfRegistration`` when its last word is a known CTDC column name.
    """
    text = cell.strip().strip("\ufeff").strip().strip('"').strip()
    if _WORDS.search(text):
        last = text.split()[-1].strip('"')
        if last.casefold() in known:
            return last
    return text


def _is_note(cell: str, known: frozenset[str]) -> bool:
    """A header cell that is a sentence (has whitespace) and not a column name."""
    return bool(_WORDS.search(cell)) and cell.casefold() not in known


def _header_index(records: Sequence[Sequence[str]]) -> int | None:
    for index, record in enumerate(records):
        if any(HEADER_KEY in cell.casefold() for cell in record):
            return index
    return None


# --- delimited text ------------------------------------------------------------------------


def sniff_delimiter(text: str) -> str:
    """Choose ``,``, tab or ``;`` from the header line (the first line naming yearOfRegistration).

    The most frequent of the three wins, so a few commas in a terms-of-use sentence written on
    the same line cannot tip the choice against the dozens of real separators.
    """
    lowered = text.casefold()
    at = lowered.find(HEADER_KEY)
    if at < 0:
        raise CtdcImportError([Problem(reason="no header: 'yearOfRegistration' not found")])
    start, end = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)]
    counts = {d: line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    if counts[best] == 0:
        raise CtdcImportError([Problem(reason="header has a single column; no delimiter found")])
    return best


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _compositions(total: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way to split ``total`` extra fields over ``parts`` text columns."""
    for cuts in itertools.combinations_with_replacement(range(total + 1), parts - 1):
        bounds = (0, *cuts, total)
        yield tuple(bounds[i + 1] - bounds[i] for i in range(parts))


def repair_row(row: Sequence[str], width: int, text_positions: Sequence[int]) -> list[str] | None:
    """Undo tab splits inside ``*Concatenated`` cells of a row that has too many fields.

    Each way of giving the extra fields back to the text columns is tried. A way is accepted
    only if every absorbed piece is text (not empty, not a number: a tab inside a list is
    followed by more list) and the field after every text column then looks like a CTDC code
    (empty or an integer); and only if exactly one way fits. Returns None otherwise.
    """
    extra = len(row) - width
    if extra <= 0 or not text_positions:
        return None
    fits: list[list[str]] = []
    for split in _compositions(extra, len(text_positions)):
        out: list[str] = []
        source = 0
        absorb = dict(zip(text_positions, split, strict=True))
        absorbed: list[str] = []
        for position in range(width):
            take = 1 + absorb.get(position, 0)
            out.append("\t".join(row[source : source + take]))
            absorbed.extend(row[source + 1 : source + take])
            source += take
        if any(_CODE.match(piece.strip()) for piece in absorbed):
            continue
        follow = [out[p + 1] for p in text_positions if p + 1 < width]
        if all(_CODE.match(f.strip()) for f in follow):
            fits.append(out)
    return fits[0] if len(fits) == 1 else None


def _fit_rows(
    rows: Iterable[list[str]], width: int, text_positions: Sequence[int]
) -> tuple[list[list[str]], list[int], list[Problem]]:
    fitted: list[list[str]] = []
    repaired: list[int] = []
    problems: list[Problem] = []
    for number, row in enumerate(rows, start=1):
        if len(row) == width:
            fitted.append(row)
            continue
        if len(row) > width and not any(c.strip() for c in row[width:]):
            fitted.append(row[:width])
            continue
        fixed = repair_row(row, width, text_positions)
        if fixed is None:
            reason = f"row has {len(row)} fields but the header has {width}"
            problems.append(Problem(reason=reason, rows=(number,), count=1))
            fitted.append((row + [""] * width)[:width])
        else:
            repaired.append(number)
            fitted.append(fixed)
    return fitted, repaired, problems


def _records(text: str, delimiter: str) -> list[list[str]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    return [r for r in reader if r and any(c.strip() for c in r)]


# --- xlsx ----------------------------------------------------------------------------------


def cell_text(value: object) -> str:
    """An XLSX cell as the text a CSV export would hold (``1.0`` -> ``1``, None -> ``""``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _xlsx_records(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        for sheet in book.worksheets:
            rows = [[cell_text(v) for v in r] for r in sheet.iter_rows(values_only=True)]
            rows = [r for r in rows if any(c.strip() for c in r)]
            if _header_index(rows) is not None:
                return rows
    finally:
        book.close()
    return []


# --- table ---------------------------------------------------------------------------------


def _build(
    records: list[list[str]],
    known: frozenset[str],
    text_columns: frozenset[str],
    pad_short: bool,
) -> tuple[tuple[str, ...], pl.DataFrame, int, tuple[str, ...], list[int], list[Problem]]:
    at = _header_index(records)
    if at is None:
        raise CtdcImportError([Problem(reason="no header: 'yearOfRegistration' not found")])
    header = [clean_header_cell(c, known) for c in records[at]]
    while header and header[-1] == "":
        header.pop()
    body = records[at + 1 :]
    if pad_short:
        body = [r + [""] * (len(header) - len(r)) if len(r) < len(header) else r for r in body]
    positions = [i for i, h in enumerate(header) if h.casefold() in text_columns]
    rows, repaired, problems = _fit_rows(body, len(header), positions)
    _check_duplicates(header)
    columns = {h: [r[i] for r in rows] for i, h in enumerate(header)}
    notes = tuple(h for h in header if _is_note(h, known) and not any(columns[h]))
    frame = pl.DataFrame(
        {h: columns[h] for h in header if h not in notes},
        schema={h: pl.String() for h in header if h not in notes},
    )
    header_out = tuple(h for h in header if h not in notes)
    return header_out, frame, at + 1, notes, repaired, problems


def _check_duplicates(header: Sequence[str]) -> None:
    seen: dict[str, str] = {}
    problems = []
    for name in header:
        key = name.casefold()
        if key in seen:
            problems.append(Problem(column=name, reason="column appears twice in the header"))
        seen[key] = name
    if "" in seen:
        problems.append(Problem(reason="the header has an empty column name"))
    if problems:
        raise CtdcImportError(problems)


def read_table(
    path: Path,
    known: frozenset[str],
    text_columns: frozenset[str] = frozenset(),
) -> tuple[RawTable, list[Problem]]:
    """Read ``path`` (by suffix: XLSX, else delimited text) into a :class:`RawTable`.

    ``known`` holds case-folded column names of every generation (to clean header cells);
    ``text_columns`` the case-folded names of ``*Concatenated`` columns that may contain stray
    tabs (each is followed by a code column, which the repair relies on).
    Returns the table and the row-shape problems found (rows that could not be aligned).
    """
    if path.suffix.casefold() in XLSX_SUFFIXES:
        records = _xlsx_records(path)
        delimiter, fmt, pad = None, "xlsx", True
    else:
        text = _decode(path.read_bytes())
        delimiter = sniff_delimiter(text)
        records = _records(text, delimiter)
        fmt, pad = {",": "csv", "\t": "tsv", ";": "csv"}[delimiter], False
    header, frame, header_row, notes, repaired, problems = _build(records, known, text_columns, pad)
    table = RawTable(str(path), fmt, delimiter, header, frame, header_row, notes, tuple(repaired))
    return table, problems[:MAX_ROW_PROBLEMS]
