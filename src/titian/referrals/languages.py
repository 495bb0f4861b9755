"""Language tags and language matching for referrals (languages.md, "Matching advice").

Tags are BCP-47, normalised with ``langcodes.standardize_tag`` and then an explicit map
(``zsm``→``ms``, ``mya``→``my``, ISO 639-2 bibliographic codes from HTCDS). Spoken matching
compares primary language subtags; the script and region matter for written material only.

Match levels, best first (advice 3): the exact language; the same macrolanguage, only between a
macrolanguage and a language it covers (``hmn`` ⊃ ``mww``, ``hnj``; ``kar`` ⊃ ``ksw``, ``pwo``,
``kjp``, ``pww``; ``ms`` ⊃ ``zsm``; ``zh`` ⊃ ``cmn``, ``nan``, ``yue``, ``hak``); a language the
person has *confirmed* they understand; an interpreter. There is never an automatic "closeness"
level: ``langcodes.tag_distance`` would put Isan next to Thai and Malay next to Indonesian, and an
Isan speaker is not matched to a Thai-only service unless they said they understand Thai.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import langcodes
import yaml

RULES_FILE = "language_rules.yaml"


class LanguageTagError(ValueError):
    """A language tag is not valid BCP-47; the message names the tag (and field when given)."""


class LanguageLevel(StrEnum):
    """How a service reaches the person, best first (languages.md, advice 3)."""

    EXACT = "exact"
    MACROLANGUAGE = "macrolanguage"
    CONFIRMED_UNDERSTOOD = "confirmed_understood"
    INTERPRETER = "interpreter"


@dataclass(frozen=True)
class LanguageRules:
    explicit_map: Mapping[str, str]
    parent: Mapping[str, str]  # individual language -> macrolanguage covering it


@dataclass(frozen=True)
class LanguageMatch:
    """The best way a service reaches the person: the level, the person's language used and the
    service language (or interpreter language) that meets it."""

    level: LanguageLevel
    person_language: str
    service_language: str


def parse_language_rules(raw: Mapping[str, Any]) -> LanguageRules:
    """Validate the language rules mapping (``explicit_map`` and ``macrolanguages``)."""
    try:
        explicit = {str(k): str(v) for k, v in raw["explicit_map"].items()}
        macros: Mapping[str, Sequence[str]] = raw["macrolanguages"]
    except (KeyError, TypeError, AttributeError) as exc:
        raise LanguageTagError(f"{RULES_FILE}: missing or malformed key {exc}") from exc
    parent: dict[str, str] = {}
    for macro, members in macros.items():
        for member in members:
            if member in parent:
                raise LanguageTagError(f"{RULES_FILE}: macrolanguages: {member} listed twice")
            parent[str(member)] = str(macro)
    return LanguageRules(explicit_map=explicit, parent=parent)


@cache
def language_rules() -> LanguageRules:
    """The shipped rules (``referrals/data/language_rules.yaml``), read once."""
    path = resources.files("titian.referrals") / "data" / RULES_FILE
    return parse_language_rules(yaml.safe_load(path.read_text(encoding="utf-8")))


def normalize_tag(tag: str, field: str = "language") -> str:
    """Normalise a BCP-47 tag (advice 1); raise :class:`LanguageTagError` naming ``field`` if it
    is not valid."""
    try:
        return _normalize(tag)
    except LanguageTagError as exc:
        raise LanguageTagError(f"{field}: {exc}") from None


def normalize_tags(tags: Iterable[str]) -> frozenset[str]:
    """Normalise several tags at once (the fast path for directory records)."""
    return frozenset(map(_normalize, tags))


@lru_cache(maxsize=8192)
def _normalize(tag: str) -> str:
    text = tag.strip() if isinstance(tag, str) else ""
    if not text:
        raise LanguageTagError(f"empty language tag {tag!r}")
    try:
        standard = langcodes.standardize_tag(text)
        valid = langcodes.Language.get(standard).is_valid()
    except (ValueError, LookupError) as exc:
        raise LanguageTagError(f"{tag!r} is not a BCP-47 tag ({exc})") from exc
    if not valid:
        raise LanguageTagError(f"{tag!r} is not a valid BCP-47 tag")
    head, _, rest = standard.partition("-")
    head = language_rules().explicit_map.get(head, head)
    return f"{head}-{rest}" if rest else head


@lru_cache(maxsize=8192)
def primary_language(tag: str) -> str:
    """The primary language subtag of a tag, after normalisation (``ms-Arab-BN`` → ``ms``)."""
    return normalize_tag(tag).partition("-")[0]


def primary_languages(tags: Iterable[str]) -> frozenset[str]:
    return frozenset(primary_language(t) for t in tags)


def macrolanguage_of(language: str) -> str | None:
    """The macrolanguage covering an individual language, from the explicit table only."""
    return language_rules().parent.get(language)


def same_macrolanguage(a: str, b: str) -> bool:
    """True when one language is the macrolanguage covering the other (``hmn``/``mww``).

    Two individual languages under the same macrolanguage do not match (``ksw``/``pwo``).
    """
    parent = language_rules().parent
    return a != b and (parent.get(a) == b or parent.get(b) == a)


@lru_cache(maxsize=4096)
def macro_partners(language: str) -> frozenset[str]:
    """Languages that match ``language`` at the macrolanguage level: the macrolanguage covering
    it, or the individual languages it covers."""
    parent = language_rules().parent
    partners = {child for child, macro in parent.items() if macro == language}
    if language in parent:
        partners.add(parent[language])
    return frozenset(partners)


def _find(languages: Sequence[str], offered: frozenset[str], macro: bool) -> LanguageMatch | None:
    for lang in languages:
        if not macro and lang in offered:
            return LanguageMatch(LanguageLevel.EXACT, lang, lang)
        if macro:
            partners = macro_partners(lang) & offered
            if partners:
                return LanguageMatch(LanguageLevel.MACROLANGUAGE, lang, min(partners))
    return None


def _with_level(found: LanguageMatch | None, level: LanguageLevel) -> LanguageMatch | None:
    if found is None:
        return None
    return LanguageMatch(level, found.person_language, found.service_language)


def best_language_match(
    preferred: Sequence[str],
    understood: Sequence[str],
    spoken: frozenset[str],
    interpreted: frozenset[str] = frozenset(),
    interpretation_any: bool = False,
) -> LanguageMatch | None:
    """The best level at which a service reaches a person, or ``None`` when it cannot.

    All arguments are primary language subtags (see :func:`primary_language`). ``preferred`` is in
    the person's order of preference, which breaks ties within a level. An interpreter counts for
    a preferred language first (C4: an interpreter in the person's own language), then for a
    confirmed-understood one. ``interpretation_any`` is a service that arranges an interpreter in
    any language (for example a remote interpreting line).
    """
    for found in (_find(preferred, spoken, macro=False), _find(preferred, spoken, macro=True)):
        if found is not None:
            return found
    for macro in (False, True):
        understood_match = _find(understood, spoken, macro=macro)
        if understood_match is not None:
            return _with_level(understood_match, LanguageLevel.CONFIRMED_UNDERSTOOD)
    for languages in (preferred, understood):
        for macro in (False, True):
            found = _find(languages, interpreted, macro=macro)
            if found is not None:
                return _with_level(found, LanguageLevel.INTERPRETER)
        if interpretation_any and languages:
            return LanguageMatch(LanguageLevel.INTERPRETER, languages[0], languages[0])
    return None
