"""Finding the same organisation twice: normalised name + country (issue 6, item 1).

Rule: two records are the same organisation when they have the same country and the same
normalised name. Normalising folds case, drops the diacritics of Latin letters ("Lào Cai" =
"Lao Cai", so Vietnamese names typed without tone marks still match), reads ``&`` as "and",
turns punctuation into spaces and collapses spaces. Marks of other scripts (Thai, Khmer, Lao,
Myanmar vowels and tone marks) are letters of the word and are kept: dropping them would merge
different names. No fuzzy matching: a near miss is for a person to decide, not for an import.

Duplicates inside one import are merged into the first row with that key; a row matching an
organisation already in the register is merged into it. Merging keeps the first name, kind and
description and takes the union of areas, groups and languages. A duplicate of another kind is
not merged: it is a rejected row, because merging would change what the organisation is.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

_LATIN_LIMIT = 0x250  # Basic Latin to IPA Extensions
_LATIN_EXTENDED_ADDITIONAL = range(0x1E00, 0x1F00)  # Vietnamese precomposed letters


def _is_latin(char: str) -> bool:
    code = ord(char)
    return code < _LATIN_LIMIT or code in _LATIN_EXTENDED_ADDITIONAL


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M")


def _strip_latin_marks(text: str) -> str:
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if _is_mark(char) and out and _is_latin(out[-1]):
            continue
        out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def normalise_name(name: str) -> str:
    """The comparison key of an organisation's name (see module docstring)."""
    text = _strip_latin_marks(name).casefold().replace("&", " and ").replace("đ", "d")
    kept = [c if c.isalnum() or _is_mark(c) else " " for c in text]
    return " ".join("".join(kept).split())


def duplicate_key(name: str, country: str) -> tuple[str, str]:
    """Country (upper case) and normalised name: equal keys are the same organisation."""
    return (country.strip().upper(), normalise_name(name))


@dataclass(frozen=True)
class CandidateRow:
    """One valid row of an import, with its line number in the file (header = line 1)."""

    line: int
    name: str
    country: str
    kind: str
    areas: frozenset[str] = frozenset()
    groups: frozenset[str] = frozenset()
    languages: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ExistingActor:
    """What the register holds under a key: its id and kind."""

    id: str
    kind: str


@dataclass(frozen=True)
class DuplicateNote:
    """A row merged into an earlier row (``into_line``) or into a registered actor (``into_id``)."""

    line: int
    key: tuple[str, str]
    into_line: int | None = None
    into_id: str | None = None


@dataclass(frozen=True)
class KindClash:
    """A duplicate whose kind differs from the record it duplicates: rejected, not merged."""

    line: int
    kind: str
    other_kind: str
    where: str


@dataclass
class PlannedActor:
    """One organisation to create (``existing_id`` None) or to extend with merged lists."""

    first: CandidateRow
    existing_id: str | None = None
    lines: list[int] = field(default_factory=list)
    areas: set[str] = field(default_factory=set)
    groups: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)

    def absorb(self, row: CandidateRow) -> None:
        self.lines.append(row.line)
        self.areas |= row.areas
        self.groups |= row.groups
        self.languages |= row.languages


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, before anything is written."""

    actors: tuple[PlannedActor, ...]
    duplicates: tuple[DuplicateNote, ...]
    clashes: tuple[KindClash, ...]


def plan_import(
    rows: Sequence[CandidateRow], existing: Mapping[tuple[str, str], ExistingActor]
) -> ImportPlan:
    """Group rows by duplicate key, merging as the module docstring says."""
    planned: dict[tuple[str, str], PlannedActor] = {}
    duplicates: list[DuplicateNote] = []
    clashes: list[KindClash] = []
    for row in rows:
        key = duplicate_key(row.name, row.country)
        found = existing.get(key)
        plan = planned.get(key)
        if plan is None:
            if found is not None and found.kind != row.kind:
                clashes.append(KindClash(row.line, row.kind, found.kind, f"actor {found.id}"))
                continue
            plan = planned[key] = PlannedActor(row, found.id if found else None)
            plan.absorb(row)
            if found is not None:
                duplicates.append(DuplicateNote(row.line, key, into_id=found.id))
            continue
        if plan.first.kind != row.kind:
            clashes.append(
                KindClash(row.line, row.kind, plan.first.kind, f"line {plan.first.line}")
            )
            continue
        plan.absorb(row)
        duplicates.append(DuplicateNote(row.line, key, into_line=plan.first.line))
    return ImportPlan(tuple(planned.values()), tuple(duplicates), tuple(clashes))
