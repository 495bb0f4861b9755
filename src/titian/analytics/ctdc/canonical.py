"""Titian's canonical, HTCDS-aligned schema for imported CTDC data, and its value rules.

The vocabulary is data (``formats/canonical.yaml``): HTCDS v2.0 system names for gender and the
multi-select fields (IOM, HTCDS v2.0, 24 Dec 2021), the CTDC-to-HTCDS project mapping of
data-standards.md (a), and the flag groups, denominator rule and means-of-control harmonisation of
the CTDC Global Synthetic Data Codebook v2 (2024, section 6 and Appendix II). Functions here are
pure: plain values in, plain values out (polars frames for the share computation).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import polars as pl
import pycountry
import yaml


class Generation(StrEnum):
    """The CTDC release generations Titian recognises (data-standards.md (b))."""

    K_ANONYMISED = "k_anonymised"
    SYNTHETIC_2021 = "synthetic_2021"
    SYNTHETIC_2024 = "synthetic_2024"
    VICTIM_PERPETRATOR_2022 = "victim_perpetrator_2022"


class HtcdsGender(StrEnum):
    """HTCDS v2.0 ``prs_Gender`` system names (data-standards.md (a))."""

    FEMININE = "Feminine"
    MASCULINE = "Masculine"
    TRANSGENDER_FEMININE = "TransgenderFeminine"
    TRANSGENDER_MASCULINE = "TransgenderMasculine"
    NON_CONFORMING = "NonConforming"
    NON_SPECIFIED_UNKNOWN = "NonSpecifiedUnknown"


class Datasource(StrEnum):
    """CTDC ``Datasource`` of the k-anonymised files: IOM case management or Polaris hotline."""

    CASE_MANAGEMENT = "CaseManagement"
    HOTLINE = "Hotline"


class FlagGroup(StrEnum):
    """CTDC flag groups; the denominator rule is applied within one group."""

    MEANS_OF_CONTROL = "means_of_control"
    MEANS_OF_CONTROL_V2024 = "means_of_control_v2024"
    EXPLOITATION_TYPE = "exploitation_type"
    LABOUR_SECTOR = "labour_sector"
    SEX_EXPLOITATION_TYPE = "sex_exploitation_type"
    RECRUITER_RELATION = "recruiter_relation"
    RECRUITER_RELATION_HTCDS = "recruiter_relation_htcds"


class CtdcValueError(ValueError):
    """A vocabulary file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class Problem:
    """One reason to refuse an import: a column, a value, where it occurs, and why.

    ``rows`` are 1-based data-row numbers (the first record after the header is row 1).
    """

    reason: str
    column: str | None = None
    value: str | None = None
    rows: tuple[int, ...] = ()
    count: int = 0

    def __str__(self) -> str:
        parts = []
        if self.column is not None:
            parts.append(f"column {self.column!r}")
        if self.value is not None:
            parts.append(f"value {self.value!r}")
        where = ""
        if self.rows:
            shown = ", ".join(str(r) for r in self.rows)
            where = f" in {self.count} row(s) (first: row {shown})"
        head = ", ".join(parts)
        return f"{head}: {self.reason}{where}" if head else f"{self.reason}{where}"


class CtdcImportError(ValueError):
    """The file was refused whole; ``problems`` lists every reason (nothing was written)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        lines = "\n".join(f"- {p}" for p in self.problems)
        super().__init__(f"CTDC import refused, {len(self.problems)} problem(s):\n{lines}")


@dataclass(frozen=True)
class FlagSpec:
    """One canonical flag column; ``htcds`` is None for a Titian extension."""

    name: str
    group: FlagGroup | None
    htcds: str | None
    isic: str | None = None


@dataclass(frozen=True)
class Band:
    """A numeric band: ``upper`` None means open-ended (``48+``, ``61+``)."""

    lower: int
    upper: int | None

    @property
    def label(self) -> str:
        return f"{self.lower}+" if self.upper is None else f"{self.lower}-{self.upper}"


@dataclass(frozen=True)
class Country:
    """A country as ISO 3166-1 alpha-2 and alpha-3, with ASEAN membership."""

    alpha2: str
    alpha3: str
    asean: bool


@dataclass(frozen=True)
class Vocabulary:
    """The canonical vocabulary loaded from ``formats/canonical.yaml``."""

    version: str
    gender: Mapping[str, HtcdsGender]
    missing_gender: HtcdsGender
    age_bands: tuple[Band, ...]
    adult_age: int
    traffick_months_bands: tuple[Band, ...]
    datasource: Mapping[str, Datasource]
    flags: tuple[FlagSpec, ...]
    derived: Mapping[str, tuple[str, ...]]
    un_regions: tuple[str, ...]
    unsupported: tuple[Mapping[str, Any], ...] = field(default_factory=tuple)

    def flag(self, name: str) -> FlagSpec:
        for spec in self.flags:
            if spec.name == name:
                return spec
        raise CtdcValueError(f"canonical.yaml: no flag named {name!r}")


def _bands(raw: Sequence[Sequence[int | None]]) -> tuple[Band, ...]:
    return tuple(Band(int(lo or 0), None if hi is None else int(hi)) for lo, hi in raw)


@cache
def vocabulary() -> Vocabulary:
    """Load and check ``formats/canonical.yaml`` once."""
    path = resources.files("titian.analytics.ctdc") / "formats" / "canonical.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        flags = tuple(
            FlagSpec(
                f["name"], FlagGroup(f["group"]) if f["group"] else None, f["htcds"], f.get("isic")
            )
            for f in raw["flags"]
        )
        vocab = Vocabulary(
            version=str(raw["version"]),
            gender={k: HtcdsGender(v) for k, v in raw["gender"].items()},
            missing_gender=HtcdsGender(raw["missing_gender"]),
            age_bands=_bands(raw["age_bands"]),
            adult_age=int(raw["adult_age"]),
            traffick_months_bands=_bands(raw["traffick_months_bands"]),
            datasource={k.casefold(): Datasource(v) for k, v in raw["datasource"].items()},
            flags=flags,
            derived={k: tuple(v) for k, v in raw["derived"].items()},
            un_regions=tuple(raw["un_regions"]),
            unsupported=tuple(raw.get("unsupported", ())),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise CtdcValueError(f"formats/canonical.yaml: {exc}") from exc
    names = {f.name for f in flags}
    for target, sources in vocab.derived.items():
        for name in (target, *sources):
            if name not in names:
                raise CtdcValueError(f"formats/canonical.yaml: derived uses unknown flag {name!r}")
    return vocab


# --- bands ---------------------------------------------------------------------------------

_DASHES = re.compile("\\s*(?:--|\u2014|\u2013|-)\\s*")
_PAREN = re.compile(r"\s*\(.*\)\s*$")
_RANGE = re.compile(r"^(\d+)-(\d+)$")
_OPEN = re.compile(r"^(\d+)\+$")


def parse_band(raw: str) -> Band | None:
    """Read ``0--8``, ``09--17``, ``0—8``, ``25+ (2+ yrs)`` … as a band, or None if unreadable.

    data-standards.md (b): normalise em dash, en dash and ``--``, strip zero padding, and ignore
    the bracketed year gloss of ``traffickMonths``.
    """
    text = _PAREN.sub("", raw.strip())
    text = _DASHES.sub("-", text)
    if match := _RANGE.match(text):
        lower, upper = int(match.group(1)), int(match.group(2))
        return Band(lower, upper) if lower <= upper else None
    if match := _OPEN.match(text):
        return Band(int(match.group(1)), None)
    return None


def band_is_minor(band: Band, adult_age: int = 18) -> bool:
    """A band is a child band when its upper bound is under the age of majority (18).

    UN Trafficking in Persons Protocol, art. 3(d): a child is a person under eighteen.
    """
    return band.upper is not None and band.upper < adult_age


# --- countries -----------------------------------------------------------------------------


@cache
def asean_alpha2() -> frozenset[str]:
    """ASEAN members as configured in Titian's country settings (``asean_member: true``)."""
    from titian.countries.registry import all_countries

    return frozenset(code for code, s in all_countries().items() if s.asean_member)


def _country(alpha2: str, alpha3: str) -> Country:
    return Country(alpha2, alpha3, alpha2 in asean_alpha2())


def country_from_alpha3(code: str) -> Country | None:
    """An ISO 3166-1 alpha-3 code (current, via pycountry), or None if not assigned."""
    found = pycountry.countries.get(alpha_3=code.upper())
    return None if found is None else _country(found.alpha_2, found.alpha_3)


def country_from_alpha2(code: str, aliases: Mapping[str, Sequence[str]]) -> Country | None:
    """An ISO 3166-1 alpha-2 code, or a CTDC lookup code listed in ``aliases`` (Y1, TP …)."""
    key = code.upper()
    if key in aliases:
        alpha2, alpha3 = aliases[key]
        return _country(alpha2, alpha3)
    found = pycountry.countries.get(alpha_2=key)
    return None if found is None else _country(found.alpha_2, found.alpha_3)


# --- the canonical schema ------------------------------------------------------------------

CORE_SCHEMA: dict[str, pl.DataType] = {
    "source_generation": pl.String(),
    "source_row": pl.UInt32(),
    "year_of_registration": pl.Int16(),
    "datasource": pl.String(),
    "gender_htcds": pl.String(),
    "gender_ctdc": pl.String(),
    "age_band": pl.String(),
    "age_lower": pl.Int16(),
    "age_upper": pl.Int16(),
    "age_band_minor": pl.Boolean(),
    "minor_at_exploitation": pl.Boolean(),
    "minor_at_registration": pl.Boolean(),
    "minor_at_entry": pl.Boolean(),
    "minor": pl.Boolean(),
    "traffick_months_band": pl.String(),
    "traffick_months_lower": pl.Int16(),
    "traffick_months_upper": pl.Int16(),
    "citizenship_alpha2": pl.String(),
    "citizenship_alpha3": pl.String(),
    "citizenship_asean": pl.Boolean(),
    "citizenship_region": pl.String(),
    "exploitation_country_alpha2": pl.String(),
    "exploitation_country_alpha3": pl.String(),
    "exploitation_country_asean": pl.Boolean(),
    "exploitation_region": pl.String(),
}

EXTRA_PREFIX = "extra_"


def canonical_schema() -> dict[str, pl.DataType]:
    """Every canonical column with its type, in output order (extras follow, as strings)."""
    schema = dict(CORE_SCHEMA)
    for spec in vocabulary().flags:
        schema[spec.name] = pl.Boolean()
    return schema


def flag_columns(group: FlagGroup) -> tuple[str, ...]:
    """The canonical flag columns of one group, in vocabulary order."""
    return tuple(f.name for f in vocabulary().flags if f.group == group)


# --- the CTDC denominator rule -------------------------------------------------------------


@dataclass(frozen=True)
class GroupShares:
    """Shares within one flag group: ``counts[c] / denominator``; may sum to over 100 %."""

    group: FlagGroup
    denominator: int
    counts: Mapping[str, int]

    @property
    def shares(self) -> dict[str, float | None]:
        if self.denominator == 0:
            return dict.fromkeys(self.counts)
        return {c: n / self.denominator for c, n in self.counts.items()}


def _default_columns(frame: pl.DataFrame, group: FlagGroup) -> list[str]:
    names = [c for c in flag_columns(group) if c in frame.columns]
    if "source_generation" in frame.columns and frame.height:
        from titian.analytics.ctdc.detect import available_flags

        for value in frame["source_generation"].unique().to_list():
            provided = available_flags(Generation(value))
            names = [c for c in names if c in provided]
        return names
    return [c for c in names if frame[c].null_count() < frame.height]


def group_shares(
    frame: pl.DataFrame, group: FlagGroup, columns: Sequence[str] | None = None
) -> GroupShares:
    """Shares of each flag of ``group`` by the CTDC denominator rule (codebook v2, 2024, §6).

    1. A record enters the denominator only if at least one flag of the group is true.
    2. In those records, the group's missing flags count as 0 (not flagged).
    3. Records with no true flag in the group are left out.
    ``columns`` defaults to the group's flags that the frame's generation(s) provide (the
    ``source_generation`` column); without that column, to the flags not entirely missing. A
    generation without a column must not contribute a false 0 % share.
    """
    if columns is None:
        columns = _default_columns(frame, group)
    if not columns:
        return GroupShares(group, 0, {})
    hit = pl.any_horizontal([pl.col(c).fill_null(False) for c in columns])
    inside = frame.filter(hit)
    counts = {c: int(inside[c].fill_null(False).sum()) for c in columns}
    return GroupShares(group, inside.height, counts)
