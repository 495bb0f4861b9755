"""Generalisation hierarchies for k-anonymous microdata release.

A hierarchy is a table with one row per original value: column 0 is the value itself (level 0),
and each further column is a more general value, up to the most general level (usually ``*``).
This is the format of the ARX Data Anonymization Tool (arx-deidentifier/arx, "Hierarchies"
section of its documentation), ``;``-separated, with no header row.

Global recoding needs every hierarchy to be a tree: a value at level ``l`` must always map to the
same value at level ``l + 1``. Otherwise generalising one step is not a function and the
monotonicity that optimal lattice search relies on (Kohlmayer et al. 2012, "Flash") breaks.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SEPARATOR = ";"


class HierarchyError(ValueError):
    """A hierarchy file is missing, ambiguous or malformed; the message names file, line, reason."""


@dataclass(frozen=True)
class Hierarchy:
    """One quasi-identifier's generalisation hierarchy.

    ``rows[i][level]`` is the label of original value ``rows[i][0]`` at ``level``.
    """

    column: str
    rows: tuple[tuple[str, ...], ...]
    source: str = "<memory>"

    @property
    def depth(self) -> int:
        """Number of levels, level 0 (the original value) included."""
        return len(self.rows[0])

    @property
    def values(self) -> tuple[str, ...]:
        """The original (level 0) values, in file order."""
        return tuple(r[0] for r in self.rows)

    def label(self, value: str, level: int) -> str:
        """The generalised label of an original value at ``level``."""
        for row in self.rows:
            if row[0] == value:
                return row[level]
        raise HierarchyError(f"{self.source}: value {value!r} of {self.column!r} is not listed")


def hierarchy_from_rows(
    column: str, rows: Iterable[Sequence[str]], source: str = "<memory>"
) -> Hierarchy:
    """Build and validate a hierarchy from rows (value, level 1, ..., top)."""
    table = tuple(tuple(str(v) for v in row) for row in rows)
    _validate(column, table, source)
    return Hierarchy(column=column, rows=table, source=source)


def parse_hierarchy(text: str, column: str, source: str = "<memory>") -> Hierarchy:
    """Parse ``;``-separated hierarchy text (no header), skipping blank lines."""
    reader = csv.reader(io.StringIO(text), delimiter=SEPARATOR)
    rows: list[tuple[str, ...]] = []
    for row in reader:
        if not row or all(not cell.strip() for cell in row):
            continue
        rows.append(tuple(row))
    return hierarchy_from_rows(column, rows, source)


def _validate(column: str, rows: tuple[tuple[str, ...], ...], source: str) -> None:
    if not rows:
        raise HierarchyError(f"{source}: hierarchy for {column!r} is empty")
    depth = len(rows[0])
    seen: dict[str, int] = {}
    parent: list[dict[str, str]] = [{} for _ in range(depth)]
    for line, row in enumerate(rows, start=1):
        if len(row) != depth:
            raise HierarchyError(
                f"{source}, line {line}: {len(row)} levels, expected {depth} like line 1"
            )
        if row[0] in seen:
            raise HierarchyError(
                f"{source}, line {line}: value {row[0]!r} already listed on line {seen[row[0]]}"
            )
        seen[row[0]] = line
        for level in range(depth - 1):
            known = parent[level].setdefault(row[level], row[level + 1])
            if known != row[level + 1]:
                raise HierarchyError(
                    f"{source}, line {line}: {row[level]!r} at level {level} generalises to "
                    f"{row[level + 1]!r}, but to {known!r} on an earlier line (not a tree)"
                )


def find_hierarchy_file(directory: Path, column: str) -> Path:
    """The file for ``column``: ``<name>_hierarchy_<column>.csv`` or ``<column>.csv``."""
    if not directory.is_dir():
        raise HierarchyError(f"{directory}: hierarchy directory does not exist")
    matches = sorted(directory.glob(f"*_hierarchy_{column}.csv"))
    plain = directory / f"{column}.csv"
    if plain.is_file():
        matches.append(plain)
    if not matches:
        raise HierarchyError(
            f"{directory}: no hierarchy for column {column!r} "
            f"(expected '<name>_hierarchy_{column}.csv' or '{column}.csv')"
        )
    if len(matches) > 1:
        names = ", ".join(p.name for p in matches)
        raise HierarchyError(f"{directory}: several hierarchies for column {column!r}: {names}")
    return matches[0]


def load_hierarchy(path: Path, column: str) -> Hierarchy:
    """Read and validate one hierarchy file (UTF-8, ``;``-separated)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise HierarchyError(f"{path}: cannot read hierarchy ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise HierarchyError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    return parse_hierarchy(text, column, source=str(path))


def load_hierarchies(directory: Path | str, columns: Sequence[str]) -> dict[str, Hierarchy]:
    """Load the hierarchy of every quasi-identifier in ``columns`` from ``directory``."""
    folder = Path(directory)
    return {c: load_hierarchy(find_hierarchy_file(folder, c), c) for c in columns}


def check_covers(hierarchies: Mapping[str, Hierarchy], columns: Sequence[str]) -> None:
    """Every quasi-identifier must have a hierarchy."""
    missing = [c for c in columns if c not in hierarchies]
    if missing:
        raise HierarchyError(f"no hierarchy given for quasi-identifier(s): {', '.join(missing)}")
