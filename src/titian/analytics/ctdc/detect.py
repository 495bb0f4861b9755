"""CTDC generation specs: recognise a header's generation, match columns, parse their values.

Rules from data-standards.md (b), "Generations an importer must recognise" and "Importer rules":
importers key on column names, never on positions; names match case-insensitively
(``MajorityEntry``, ``CountryofExploitation`` appear so spelled in some dictionaries); unknown
columns are kept as extras. The per-generation column lists and recognition keys are data
(``formats/<generation>.yaml``), and so are the value sets the parsers below accept: every
coded value must be in its generation's documented set (data-standards.md (b), "Differences the
importer must normalise"); -99, Unknown, 00, ZZ and empty are missing, never 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml

from titian.analytics.ctdc.canonical import (
    Band,
    CtdcImportError,
    CtdcValueError,
    Generation,
    Problem,
    band_is_minor,
    country_from_alpha2,
    country_from_alpha3,
    parse_band,
    vocabulary,
)


class ColumnKind(StrEnum):
    """How a source column is read and mapped onto the canonical schema."""

    YEAR = "year"
    GENDER = "gender"
    AGE_BAND = "age_band"
    MAJORITY = "majority"
    TRAFFICK_MONTHS = "traffick_months"
    COUNTRY = "country"
    REGION = "region"
    DATASOURCE = "datasource"
    FLAG = "flag"
    MULTI = "multi"
    TEXT = "text"


@dataclass(frozen=True)
class ColumnSpec:
    """One documented (or assumed) column of a generation."""

    name: str
    kind: ColumnKind
    target: str | None = None
    required: bool = True
    aliases: tuple[str, ...] = ()
    values: Mapping[str, str] | None = None

    @property
    def keys(self) -> tuple[str, ...]:
        """Case-folded names under which the column may appear."""
        return tuple(n.casefold() for n in (self.name, *self.aliases))


@dataclass(frozen=True)
class GenerationSpec:
    """A generation file: its recognition rule, value sets and columns."""

    generation: Generation
    title: str
    version: str
    documented_columns: int
    documented_rows: int | None
    detect: Mapping[str, tuple[str, ...]]
    missing: tuple[str, ...]
    flag_values: Mapping[str, bool]
    country_codes: str
    country_missing: tuple[str, ...]
    country_aliases: Mapping[str, tuple[str, str]]
    year_range: tuple[int, int]
    gender: tuple[str, ...]
    age_bands: tuple[str, ...]
    traffick_months: tuple[str, ...]
    majority: Mapping[str, bool]
    columns: tuple[ColumnSpec, ...]


def _column(raw: Mapping[str, Any]) -> ColumnSpec:
    return ColumnSpec(
        name=str(raw["name"]),
        kind=ColumnKind(raw["kind"]),
        target=raw.get("target"),
        required=bool(raw.get("required", True)),
        aliases=tuple(raw.get("aliases", ())),
        values=raw.get("values"),
    )


def _spec(raw: Mapping[str, Any]) -> GenerationSpec:
    shape = raw["documented_shape"]
    return GenerationSpec(
        generation=Generation(raw["generation"]),
        title=str(raw["title"]),
        version=str(raw["version"]),
        documented_columns=int(shape["columns"]),
        documented_rows=shape["rows"],
        detect={k: tuple(str(x).casefold() for x in v) for k, v in raw["detect"].items()},
        missing=tuple(str(x) for x in raw["missing"]),
        flag_values={str(k): bool(v) for k, v in raw["flag_values"].items()},
        country_codes=str(raw["country_codes"]),
        country_missing=tuple(str(x) for x in raw["country_missing"]),
        country_aliases={k: (v[0], v[1]) for k, v in raw.get("country_aliases", {}).items()},
        year_range=(int(raw["year_range"][0]), int(raw["year_range"][1])),
        gender=tuple(raw["gender"]),
        age_bands=tuple(raw["age_bands"]),
        traffick_months=tuple(raw["traffick_months"]),
        majority={str(k): bool(v) for k, v in raw["majority"].items()},
        columns=tuple(_column(c) for c in raw["columns"]),
    )


def _check_spec(spec: GenerationSpec, name: str) -> None:
    vocab = vocabulary()
    flags = {f.name for f in vocab.flags}
    for col in spec.columns:
        targets = list((col.values or {}).values()) if col.kind is ColumnKind.MULTI else []
        if col.kind is ColumnKind.FLAG:
            targets.append(col.target or "")
        for target in targets:
            if target not in flags:
                raise CtdcValueError(f"formats/{name}: {col.name} maps to unknown flag {target!r}")
    for value in spec.gender:
        if value not in vocab.gender:
            raise CtdcValueError(f"formats/{name}: gender {value!r} not in canonical.yaml")


@cache
def generation_specs() -> dict[Generation, GenerationSpec]:
    """Every generation file in ``formats/`` (all but ``canonical.yaml``), checked."""
    specs: dict[Generation, GenerationSpec] = {}
    folder = resources.files("titian.analytics.ctdc") / "formats"
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".yaml") or entry.name == "canonical.yaml":
            continue
        try:
            spec = _spec(yaml.safe_load(entry.read_text(encoding="utf-8")))
        except (KeyError, ValueError, TypeError) as exc:
            raise CtdcValueError(f"formats/{entry.name}: {exc}") from exc
        _check_spec(spec, entry.name)
        specs[spec.generation] = spec
    return specs


def available_flags(generation: Generation) -> frozenset[str]:
    """Canonical flags a generation provides: its own, plus unions derived from them."""
    spec = generation_specs()[generation]
    own: set[str] = set()
    for col in spec.columns:
        if col.kind is ColumnKind.FLAG and col.target:
            own.add(col.target)
        if col.kind is ColumnKind.MULTI:
            own.update((col.values or {}).values())
    derived = {t for t, srcs in vocabulary().derived.items() if own.intersection(srcs)}
    return frozenset(own | derived)


def known_column_names() -> frozenset[str]:
    """Case-folded names (and aliases) of every column of every generation."""
    return frozenset(k for s in generation_specs().values() for c in s.columns for k in c.keys)


def _rule_matches(rule: Mapping[str, Sequence[str]], names: frozenset[str]) -> bool:
    def has_prefix(prefixes: Sequence[str]) -> bool:
        return any(n.startswith(p) for n in names for p in prefixes)

    checks = (
        all(n in names for n in rule.get("all_of", ())),
        not rule.get("any_of") or any(n in names for n in rule["any_of"]),
        not rule.get("any_prefix") or has_prefix(rule["any_prefix"]),
        not any(n in names for n in rule.get("none_of", ())),
        not has_prefix(rule.get("none_prefix", ())),
    )
    return all(checks)


@dataclass(frozen=True)
class Detection:
    """Which generation a header is, and how its columns line up with the spec."""

    spec: GenerationSpec
    matched: Mapping[str, str]
    extras: tuple[str, ...]
    missing_required: tuple[str, ...]
    missing_optional: tuple[str, ...]
    order_matches_documentation: bool

    @property
    def generation(self) -> Generation:
        return self.spec.generation


def _unsupported(names: frozenset[str]) -> Problem | None:
    for entry in vocabulary().unsupported:
        by_prefix = tuple(str(p).casefold() for p in entry.get("any_prefix", ()))
        by_name = tuple(str(n).casefold() for n in entry.get("any_of", ()))
        hit = any(n.startswith(by_prefix) for n in names) if by_prefix else False
        if hit or any(n in names for n in by_name):
            return Problem(reason=f"not imported: {entry['reason']}")
    return None


def _choose(header: Sequence[str]) -> GenerationSpec:
    names = frozenset(h.casefold() for h in header)
    if (problem := _unsupported(names)) is not None:
        raise CtdcImportError([problem])
    found = [s for s in generation_specs().values() if _rule_matches(s.detect, names)]
    if len(found) != 1:
        which = ", ".join(s.generation for s in found) or "none"
        reason = (
            "the header does not match exactly one known CTDC generation "
            f"(matches: {which}); columns: {', '.join(header)}"
        )
        raise CtdcImportError([Problem(reason=reason)])
    return found[0]


def detect_generation(header: Sequence[str]) -> Detection:
    """Recognise the generation of ``header`` and map its columns by case-insensitive name.

    Raises :class:`CtdcImportError` when the header matches no generation, several, or a
    generation Titian recognises but does not import (later synthetic releases).
    """
    spec = _choose(header)
    by_key = {h.casefold(): h for h in header}
    matched: dict[str, str] = {}
    missing_required: list[str] = []
    missing_optional: list[str] = []
    for col in spec.columns:
        actual = next((by_key[k] for k in col.keys if k in by_key), None)
        if actual is not None:
            matched[col.name] = actual
        elif col.required:
            missing_required.append(col.name)
        else:
            missing_optional.append(col.name)
    used = set(matched.values())
    extras = tuple(h for h in header if h not in used)
    documented = [c.name for c in spec.columns if c.name in matched]
    in_file = [h for h in header if h in used]
    order = [matched[n] for n in documented] == in_file and not extras
    return Detection(spec, matched, extras, tuple(missing_required), tuple(missing_optional), order)


# --- value parsers ---------------------------------------------------------------------

Outputs = dict[str, object]
Parser = Callable[[str], Outputs | None]
"""A value parser: canonical outputs for one raw value, or None when the value is unknown."""


def _folded(values: Iterable[str]) -> frozenset[str]:
    return frozenset(v.casefold() for v in values)


def _number(value: str) -> int | None:
    """``"1"``, ``"1.0"``, ``"-99"`` as integers (XLSX and some exports write ``1.0``)."""
    head, _, tail = value.partition(".")
    body = head[1:] if head.startswith("-") else head
    if body.isdigit() and (not tail or set(tail) == {"0"}):
        return int(head)
    return None


def _choices(values: Iterable[str]) -> str:
    return ", ".join(repr(v) for v in values) or "none"


def _lookup_parser(
    spec: GenerationSpec, table: dict[str, object], outputs: tuple[str, ...], missing: Outputs
) -> Parser:
    folded = {k.casefold(): v for k, v in table.items()}
    gone = _folded(spec.missing)

    def parse(value: str) -> Outputs | None:
        if value.casefold() in gone:
            return missing
        hit = folded.get(value.casefold())
        if hit is None:
            return None
        return hit if isinstance(hit, dict) else {outputs[0]: hit}

    return parse


def _band_parser(
    spec: GenerationSpec, documented: tuple[str, ...], names: tuple[str, ...], minor: bool
) -> Parser:
    allowed: dict[Band, Outputs] = {}
    for raw in documented:
        band = parse_band(raw)
        if band is None:
            raise ValueError(f"{spec.generation}: undocumented band {raw!r}")
        out: Outputs = dict(zip(names, (band.label, band.lower, band.upper), strict=False))
        if minor:
            out[names[3]] = band_is_minor(band, vocabulary().adult_age)
        allowed[band] = out
    gone = _folded(spec.missing)
    empty: Outputs = dict.fromkeys(names)

    def parse(value: str) -> Outputs | None:
        if value.casefold() in gone:
            return empty
        band = parse_band(value)
        return None if band is None else allowed.get(band)

    return parse


def _year_parser(spec: GenerationSpec) -> Parser:
    low, high = spec.year_range
    gone = _folded(spec.missing)

    def parse(value: str) -> Outputs | None:
        if value.casefold() in gone:
            return {"year_of_registration": None}
        year = _number(value)
        ok = year is not None and low <= year <= high
        return {"year_of_registration": year} if ok else None

    return parse


def _flag_parser(spec: GenerationSpec, target: str) -> Parser:
    gone = _folded(spec.missing)

    def parse(value: str) -> Outputs | None:
        if value.casefold() in gone:
            return {target: None}
        number = _number(value)
        key = value if number is None else str(number)
        hit = spec.flag_values.get(key)
        return None if hit is None else {target: hit}

    return parse


def _country_parser(spec: GenerationSpec, target: str) -> Parser:
    names = (f"{target}_alpha2", f"{target}_alpha3", f"{target}_asean")
    gone = _folded((*spec.missing, *spec.country_missing))
    width = 2 if spec.country_codes == "alpha2" else 3

    def parse(value: str) -> Outputs | None:
        if value.casefold() in gone:
            return dict.fromkeys(names)
        if len(value) != width:
            return None
        if width == 2:
            found = country_from_alpha2(value, spec.country_aliases)
        else:
            found = country_from_alpha3(value)
        if found is None:
            return None
        return dict(zip(names, (found.alpha2, found.alpha3, found.asean), strict=True))

    return parse


def _multi_parser(spec: GenerationSpec, col: ColumnSpec) -> tuple[Parser, tuple[str, ...]]:
    mapping = {k.casefold(): v for k, v in (col.values or {}).items()}
    names = tuple(dict.fromkeys(mapping.values()))
    gone = _folded(spec.missing)

    def parse(value: str) -> Outputs | None:
        out: Outputs = dict.fromkeys(names)
        if value.casefold() in gone:
            return out
        for item in (p.strip().casefold() for p in value.split(";")):
            if item and item not in mapping:
                return None
            if item:
                out[mapping[item]] = True
        return out

    return parse, names


Built = tuple[Parser, tuple[str, ...], str]


def _missing_note(spec: GenerationSpec) -> str:
    return f"; missing: {_choices(spec.missing)}"


def _build_year(col: ColumnSpec, spec: GenerationSpec) -> Built:
    low, high = spec.year_range
    reason = f"not a year {low}-{high}{_missing_note(spec)}"
    return _year_parser(spec), ("year_of_registration",), reason


def _build_flag(col: ColumnSpec, spec: GenerationSpec) -> Built:
    target = col.target or ""
    allowed = _choices(spec.flag_values)
    reason = f"not a flag value of {spec.generation} (allowed: {allowed}{_missing_note(spec)})"
    return _flag_parser(spec, target), (target,), reason


def _build_gender(col: ColumnSpec, spec: GenerationSpec) -> Built:
    names: tuple[str, ...] = ("gender_htcds", "gender_ctdc")
    gender = vocabulary().gender
    table: dict[str, object] = {
        g: {"gender_htcds": gender[g].value, "gender_ctdc": g} for g in spec.gender
    }
    parse = _lookup_parser(spec, table, names, dict.fromkeys(names))
    return parse, names, f"unknown gender (allowed: {_choices(spec.gender)}{_missing_note(spec)})"


def _build_age(col: ColumnSpec, spec: GenerationSpec) -> Built:
    names = ("age_band", "age_lower", "age_upper", "age_band_minor")
    parse = _band_parser(spec, spec.age_bands, names, minor=True)
    allowed = _choices(spec.age_bands)
    return parse, names, f"unknown age band (allowed: {allowed}{_missing_note(spec)})"


def _build_months(col: ColumnSpec, spec: GenerationSpec) -> Built:
    names = ("traffick_months_band", "traffick_months_lower", "traffick_months_upper")
    parse = _band_parser(spec, spec.traffick_months, names, minor=False)
    allowed = _choices(spec.traffick_months)
    return parse, names, f"unknown traffickMonths band (allowed: {allowed}{_missing_note(spec)})"


def _build_majority(col: ColumnSpec, spec: GenerationSpec) -> Built:
    target = col.target or ""
    parse = _lookup_parser(spec, dict(spec.majority), (target,), {target: None})
    allowed = _choices(spec.majority)
    return parse, (target,), f"unknown majority status (allowed: {allowed}{_missing_note(spec)})"


def _build_country(col: ColumnSpec, spec: GenerationSpec) -> Built:
    target = col.target or ""
    names = (f"{target}_alpha2", f"{target}_alpha3", f"{target}_asean")
    gone = _choices((*spec.missing, *spec.country_missing))
    reason = f"not an ISO 3166-1 {spec.country_codes} country code (missing: {gone})"
    return _country_parser(spec, target), names, reason


def _build_region(col: ColumnSpec, spec: GenerationSpec) -> Built:
    target = col.target or ""
    regions: dict[str, object] = {r: r for r in vocabulary().un_regions}
    parse = _lookup_parser(spec, regions, (target,), {target: None})
    return parse, (target,), "not a UN M49 region name"


def _build_datasource(col: ColumnSpec, spec: GenerationSpec) -> Built:
    sources: dict[str, object] = {k: v.value for k, v in vocabulary().datasource.items()}
    parse = _lookup_parser(spec, sources, ("datasource",), {"datasource": None})
    reason = f"unknown Datasource (allowed: Case management, Hotline{_missing_note(spec)})"
    return parse, ("datasource",), reason


def _build_multi(col: ColumnSpec, spec: GenerationSpec) -> Built:
    parse, names = _multi_parser(spec, col)
    allowed = _choices(col.values or {})
    return parse, names, f"unknown item in a ';'-list (allowed: {allowed})"


_BUILDERS: dict[ColumnKind, Callable[[ColumnSpec, GenerationSpec], Built]] = {
    ColumnKind.YEAR: _build_year,
    ColumnKind.FLAG: _build_flag,
    ColumnKind.GENDER: _build_gender,
    ColumnKind.AGE_BAND: _build_age,
    ColumnKind.TRAFFICK_MONTHS: _build_months,
    ColumnKind.MAJORITY: _build_majority,
    ColumnKind.COUNTRY: _build_country,
    ColumnKind.REGION: _build_region,
    ColumnKind.DATASOURCE: _build_datasource,
    ColumnKind.MULTI: _build_multi,
}


def parser_for(col: ColumnSpec, spec: GenerationSpec) -> Built:
    """The parser of a coded column, its canonical output columns, and the unknown-value reason."""
    builder = _BUILDERS.get(col.kind)
    if builder is None:
        raise ValueError(f"column {col.name}: kind {col.kind} has no parser")
    return builder(col, spec)
