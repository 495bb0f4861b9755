"""The indicator catalogue: versioned YAML (``catalogue/*.yaml``) naming SQL files (``sql/*.sql``).

Rules are data (DESIGN.md): which GESI indicators exist, their dimensions, their public code lists,
their denominators and the SQL that computes them are files shipped in the package. This module
only reads and checks them; it runs nothing. Code lists must be public and complete so that the
set of keys of every published table is known in advance (disclosure-control.md sections 2 and 4).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import pycountry
import yaml

from titian.countries.registry import ASEAN_CODES, all_countries
from titian.i18n import N_

PACKAGE = "titian.analytics"
DYNAMIC = ("asean_alpha3", "asean_alpha2", "ethnicity")


class Source(StrEnum):
    """Where the figures come from: an imported CTDC file or Titian's own case snapshot."""

    CTDC = "ctdc"
    TITIAN = "titian"


class CatalogueError(ValueError):
    """A catalogue or SQL file is missing or malformed; the message names the file and the item."""


@dataclass(frozen=True)
class Dimension:
    name: str
    codes: str


@dataclass(frozen=True)
class Indicator:
    """One indicator: a count table over ``dimensions`` (one table per ``slice`` value when a
    person may fall in several values of that dimension, e.g. forms of exploitation)."""

    id: str
    title: str
    sql: str
    dimensions: tuple[Dimension, ...]
    denominator: str
    slice: str | None = None
    share_along: str | None = None
    headline: tuple[tuple[str, str], ...] = ()
    linked: bool = False
    table: str = "people"
    """The view the SQL reads: ``people`` (one row per person; computed by the batch file too)
    or ``seats`` (dialogue seats of the companion snapshot; own SQL file only)."""
    unit: str = "People"
    """What one count counts, as printed beside a one-dimension table (people, seats, ...)."""

    @property
    def batched(self) -> bool:
        """Whether the catalogue's batch file must compute this indicator."""
        return self.table == "people"

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.dimensions)

    @property
    def table_dimensions(self) -> tuple[Dimension, ...]:
        """The dimensions of each protected table (the slice dimension removed)."""
        return tuple(d for d in self.dimensions if d.name != self.slice)


@dataclass(frozen=True)
class Catalogue:
    source: Source
    version: str
    base_sql: str
    country_column: str
    citation: str
    indicators: tuple[Indicator, ...]
    batch_sql: str | None = None
    """Optional SQL file computing every indicator in one statement (see ``batch_raw_tables``);
    the indicators' own files stay their definition, and a test compares the two."""

    def get(self, indicator_id: str) -> Indicator:
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise CatalogueError(f"catalogue/{self.source}.yaml: no indicator {indicator_id!r}")


def _read_text(*parts: str) -> str:
    node = resources.files(PACKAGE)
    for part in parts:
        node = node / part
    try:
        return node.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise CatalogueError(f"{'/'.join(parts)}: file not found in {PACKAGE}") from exc


def _yaml(*parts: str) -> dict[str, Any]:
    data = yaml.safe_load(_read_text(*parts))
    if not isinstance(data, dict):
        raise CatalogueError(f"{'/'.join(parts)}: expected a mapping at the top")
    return data


def sql_text(name: str) -> str:
    """The text of ``sql/<name>``; names are plain file names, never paths."""
    if "/" in name or "\\" in name or not name.endswith(".sql"):
        raise CatalogueError(f"sql: {name!r} is not a plain .sql file name")
    return _read_text("sql", name)


def _indicator(raw: dict[str, Any], where: str, lists: dict[str, tuple[str, ...]]) -> Indicator:
    try:
        dims = tuple(Dimension(str(d["name"]), str(d["codes"])) for d in raw["dimensions"])
        indicator = Indicator(
            id=str(raw["id"]),
            title=str(raw["title"]),
            sql=str(raw["sql"]),
            dimensions=dims,
            denominator=str(raw["denominator"]).strip(),
            slice=raw.get("slice"),
            share_along=raw.get("share_along"),
            headline=tuple((str(k), str(v)) for k, v in (raw.get("headline") or {}).items()),
            linked=raw.get("linked") == "all_records",
            table=str(raw.get("table", "people")),
            unit=str(raw.get("unit", N_("People"))),
        )
    except (KeyError, TypeError) as exc:
        raise CatalogueError(f"{where}: missing or malformed field {exc}") from exc
    _check_indicator(indicator, where, lists)
    return indicator


TABLES = ("people", "seats")


def _check_indicator(ind: Indicator, where: str, lists: dict[str, tuple[str, ...]]) -> None:
    names = ind.names
    if ind.table not in TABLES:
        raise CatalogueError(f"{where}.table: {ind.table!r} is not one of {list(TABLES)}")
    if ind.linked and ind.table != "people":
        raise CatalogueError(f"{where}: only indicators over 'people' can be linked")
    for dim in ind.dimensions:
        if dim.codes not in lists and dim.codes not in DYNAMIC:
            raise CatalogueError(f"{where}.dimensions.{dim.name}: unknown code list {dim.codes!r}")
    for field, value in (("slice", ind.slice), ("share_along", ind.share_along)):
        if value is not None and value not in names:
            raise CatalogueError(f"{where}.{field}: {value!r} is not a dimension")
    codes_of = {d.name: d.codes for d in ind.dimensions}
    for name, value in ind.headline:
        if name not in codes_of:
            raise CatalogueError(f"{where}.headline: {name!r} is not a dimension")
        if codes_of[name] in lists and value not in lists[codes_of[name]]:
            raise CatalogueError(f"{where}.headline: {value!r} is not in {codes_of[name]!r}")
    if ind.share_along is not None and ind.share_along == ind.slice:
        raise CatalogueError(f"{where}: share_along cannot be the slice dimension")
    if ind.linked and ind.slice is not None:
        raise CatalogueError(f"{where}: a sliced indicator cannot be linked")
    if len(ind.table_dimensions) > 3:
        raise CatalogueError(
            f"{where}: more than 3 dimensions per table (disclosure-control.md section 5)"
        )
    sql_text(ind.sql)


@cache
def code_lists() -> dict[str, tuple[str, ...]]:
    """The static code lists of ``catalogue/codes.yaml``."""
    raw = _yaml("catalogue", "codes.yaml")
    return {str(k): tuple(str(v) for v in values) for k, values in raw["lists"].items()}


@cache
def labels() -> dict[str, str]:
    """Labels of codes for people; country codes are labelled through pycountry."""
    raw = _yaml("catalogue", "codes.yaml")
    return {str(k): str(v) for k, v in raw.get("labels", {}).items()}


def label(code: str) -> str:
    """A readable label for a category code."""
    known = labels()
    if code in known:
        return known[code]
    if len(code) in (2, 3) and code.isupper():
        if len(code) == 2:
            country = pycountry.countries.get(alpha_2=code)
        else:
            country = pycountry.countries.get(alpha_3=code)
        if country is not None:
            return str(country.name)
    return code.replace("_", " ").capitalize()


def asean_alpha3() -> tuple[str, ...]:
    """ASEAN member states and Timor-Leste as ISO alpha-3 codes, in the country settings' order."""
    codes = []
    for alpha2 in ASEAN_CODES:
        country = pycountry.countries.get(alpha_2=alpha2)
        if country is None:  # pragma: no cover - the settings list is validated
            raise CatalogueError(f"countries: {alpha2} is not an ISO 3166-1 code")
        codes.append(str(country.alpha_3))
    return tuple(codes)


def ethnicity_codes(country: str | None) -> tuple[str, ...]:
    """Ethnicity codes of the country's settings (of every country when none is given)."""
    countries = all_countries()
    chosen = [countries[country.upper()]] if country else list(countries.values())
    seen: dict[str, None] = {}
    for settings in chosen:
        for ethnicity in settings.ethnicities:
            seen.setdefault(ethnicity.code, None)
    return tuple(seen)


def categories(codes: str, country: str | None = None) -> tuple[str, ...]:
    """The categories of a code list, dynamic lists resolved for ``country``."""
    if codes == "asean_alpha3":
        return (*asean_alpha3(), "other", "unknown")
    if codes == "asean_alpha2":
        return ASEAN_CODES if country is None else (country.upper(),)
    if codes == "ethnicity":
        return (*ethnicity_codes(country), "other", "unknown")
    lists = code_lists()
    if codes not in lists:
        raise CatalogueError(f"codes.yaml: no code list {codes!r}")
    return lists[codes]


@cache
def load_catalogue(source: Source) -> Catalogue:
    """Read and check ``catalogue/<source>.yaml`` and every SQL file it names."""
    name = f"{Source(source)}.yaml"
    raw = _yaml("catalogue", name)
    lists = code_lists()
    items = raw.get("indicators") or []
    indicators = tuple(
        _indicator(item, f"catalogue/{name}: indicators[{i}]", lists)
        for i, item in enumerate(items)
    )
    ids = [i.id for i in indicators]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise CatalogueError(f"catalogue/{name}: duplicate indicator ids {duplicates}")
    sql_text(str(raw["base_sql"]))
    batch = raw.get("batch_sql")
    if batch is not None:
        batch = str(batch)
        _check_batch(name, batch, [i.id for i in indicators if i.batched])
    return Catalogue(
        source=Source(source),
        version=str(raw["version"]),
        base_sql=str(raw["base_sql"]),
        country_column=str(raw["country_column"]),
        citation=str(raw.get("citation", "")).strip(),
        indicators=indicators,
        batch_sql=batch,
    )


def _check_batch(name: str, batch: str, ids: list[str]) -> None:
    """The batch file must name every indicator over ``people`` of its catalogue (as the literal
    ``'<id>'``); indicators over another view (``table: seats``) run their own SQL file."""
    text = sql_text(batch)
    missing = [i for i in ids if f"'{i}'" not in text]
    if missing:
        raise CatalogueError(f"catalogue/{name}: sql/{batch} does not compute {missing}")


@dataclass(frozen=True)
class SnapshotColumn:
    name: str
    type: str
    nullable: bool
    values: tuple[str, ...] | None
    doc: str


CASE_SCHEMA = "snapshot_schema.yaml"
DIALOGUE_SCHEMA = "dialogue_snapshot_schema.yaml"


def _schema_columns(file: str) -> tuple[SnapshotColumn, ...]:
    raw = _yaml(file)
    out = []
    for i, col in enumerate(raw["columns"]):
        try:
            values = col.get("values")
            out.append(
                SnapshotColumn(
                    name=str(col["name"]),
                    type=str(col["type"]),
                    nullable=bool(col["nullable"]),
                    values=None if values is None else tuple(str(v) for v in values),
                    doc=str(col.get("doc", "")).strip(),
                )
            )
        except (KeyError, TypeError) as exc:
            raise CatalogueError(f"{file}: columns[{i}]: missing {exc}") from exc
    return tuple(out)


@cache
def snapshot_columns() -> tuple[SnapshotColumn, ...]:
    """The columns of Titian's de-identified case snapshot (``snapshot_schema.yaml``)."""
    return _schema_columns(CASE_SCHEMA)


@cache
def dialogue_snapshot_columns() -> tuple[SnapshotColumn, ...]:
    """The columns of the dialogue companion snapshot (``dialogue_snapshot_schema.yaml``)."""
    return _schema_columns(DIALOGUE_SCHEMA)


def _check_columns(
    found: dict[str, str], columns: tuple[SnapshotColumn, ...], file: str
) -> list[str]:
    problems = []
    expected = {c.name: c for c in columns}
    for name, col in expected.items():
        if name not in found:
            problems.append(f"column {name!r} is missing")
        elif found[name].upper() != col.type.upper():
            problems.append(f"column {name!r} is {found[name]}, expected {col.type}")
    for name in found:
        if name not in expected:
            problems.append(f"column {name!r} is not in {file}")
    return problems


def check_snapshot_columns(found: dict[str, str]) -> list[str]:
    """Problems with a snapshot's columns (name -> DuckDB type): missing or of the wrong type.

    Extra columns are a problem too: the snapshot must hold nothing beyond the schema, so that no
    identifying field can slip into analytics (do no harm).
    """
    return _check_columns(found, snapshot_columns(), CASE_SCHEMA)


def check_dialogue_snapshot_columns(found: dict[str, str]) -> list[str]:
    """The same check for the dialogue companion file (``dialogue_snapshot_schema.yaml``)."""
    return _check_columns(found, dialogue_snapshot_columns(), DIALOGUE_SCHEMA)
