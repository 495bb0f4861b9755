"""Recognise which CTDC release generation a header belongs to, and match its columns by name.

Rules from data-standards.md (b), "Generations an importer must recognise" and "Importer rules":
importers key on column names, never on positions; names match case-insensitively
(``MajorityEntry``, ``CountryofExploitation`` appear so spelled in some dictionaries); unknown
columns are kept as extras. The per-generation column lists and recognition keys are data
(``formats/<generation>.yaml``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any

import yaml

from titian.analytics.ctdc.canonical import (
    CtdcImportError,
    CtdcValueError,
    Generation,
    Problem,
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
