"""Apply a provider's edit to a directory service (the parsed HSDS dataclass), keeping every HSDS
object it does not touch and the ids of those it keeps (languages, areas, capacity), so the
export after an edit is still the same HSDS publication, changed only where edited."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from typing import Any

import langcodes
import pycountry

from titian.errors import FieldError, Invalid
from titian.services import hsds_model as m
from titian.services.hsds import BED_UNIT
from titian.services.service_rows import ANY_LANGUAGE_FIELD
from titian.services.vocab import (
    AccessibilityFeature,
    CitizenshipAccepted,
    CostType,
    GenderAccepted,
    LanguageMode,
    ServiceType,
)

_GESI_FIELDS: dict[str, Callable[[Any], Any]] = {
    "genders_accepted": lambda v: frozenset(GenderAccepted(x) for x in v),
    "citizenship_accepted": lambda v: frozenset(CitizenshipAccepted(x) for x in v),
    "accepts_unaccompanied_children": bool,
    "minimum_age": lambda v: v,
    "maximum_age": lambda v: v,
    "accessibility": lambda v: frozenset(AccessibilityFeature(x) for x in v),
    "lgbtqi_affirming": bool,
    "service_types": lambda v: frozenset(ServiceType(x) for x in v),
    "cost": lambda v: CostType(v) if v else None,
}
_TEXT_FIELDS = ("name", "status", "description", "eligibility_description")


def language_name(tag: str) -> str:
    """An English name of a BCP-47 tag's language (ISO 639 through pycountry), or the tag."""
    primary = tag.split("-", 1)[0].lower()
    key = "alpha_2" if len(primary) == 2 else "alpha_3"
    found = pycountry.languages.get(**{key: primary})
    return str(found.name) if found is not None else tag


def _child_id(parent: str, what: str) -> str:
    return str(uuid.uuid5(uuid.UUID(parent), what))


def check_tags(field: str, tags: list[str]) -> list[str]:
    """BCP-47 tags (languages.md); a bad tag refuses the edit naming the field."""
    bad = [t for t in tags if not langcodes.tag_is_valid(t)]
    if bad:
        raise Invalid("invalid language", [FieldError(field, f"not BCP-47 tags: {bad}")])
    return list(dict.fromkeys(str(langcodes.standardize_tag(t)) for t in tags))


def check_areas(country: str | None, areas: list[str]) -> str | None:
    """ISO 3166-2 codes of one country; returns the country (taken from the areas when the
    service has none yet)."""
    country = country or (areas[0].split("-", 1)[0] if areas else None)
    bad = [
        a
        for a in areas
        if not a.startswith(f"{country}-") or pycountry.subdivisions.get(code=a) is None  # type: ignore[no-untyped-call]
    ]
    if bad:
        msg = f"not ISO 3166-2 codes of {country}: {', '.join(bad)}"
        raise Invalid("invalid area", [FieldError("areas", msg)])
    return country


def _languages(svc: m.DirectoryService, changes: dict[str, Any]) -> tuple[m.DirectoryLanguage, ...]:
    wanted: list[tuple[str, LanguageMode]] = []
    for key, mode in (
        ("languages", LanguageMode.SPOKEN),
        ("interpretation_languages", LanguageMode.INTERPRETATION),
    ):
        tags = changes.get(key)
        if tags is None:
            tags = list(svc.language_codes(mode))
        wanted += [(t, mode) for t in check_tags(key, tags)]
    kept = {(lang.code, lang.mode): lang for lang in svc.languages}
    out = []
    for tag, mode in wanted:
        found = kept.get((tag, mode))
        name = language_name(tag)
        out.append(
            found
            or m.DirectoryLanguage(
                _child_id(svc.id, f"language/{mode}/{tag}"), tag, name, mode=mode
            )
        )
    return tuple(out)


def _areas(svc: m.DirectoryService, areas: list[str]) -> tuple[m.DirectoryServiceArea, ...]:
    others = [a for a in svc.service_areas if a.iso_3166_code is None]
    kept = {a.iso_3166_code: a for a in svc.service_areas if a.iso_3166_code}
    made = []
    for code in areas:
        sub = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
        made.append(
            kept.get(code)
            or m.DirectoryServiceArea(
                _child_id(svc.id, f"area/{code}"), sub.name if sub else code, None, code, "text"
            )
        )
    return (*others, *made)


def _capacities(
    svc: m.DirectoryService, changes: dict[str, Any], now: datetime
) -> tuple[m.DirectoryCapacity, ...]:
    if "capacity_available" not in changes and "capacity_maximum" not in changes:
        return svc.capacities
    beds = [c for c in svc.capacities if c.unit.id == BED_UNIT.id]
    rest = [c for c in svc.capacities if c.unit.id != BED_UNIT.id]
    old = beds[0] if beds else None
    available = changes.get("capacity_available", old.available if old else None)
    maximum = changes.get("capacity_maximum", old.maximum if old else None)
    if available is None:
        return tuple(rest)
    cap = m.DirectoryCapacity(
        id=old.id if old else _child_id(svc.id, "capacity/bed"),
        unit=BED_UNIT,
        available=float(available),
        updated=now,
        maximum=None if maximum is None else float(maximum),
        description=old.description if old else None,
    )
    return (cap, *rest)


def edited(svc: m.DirectoryService, changes: dict[str, Any], now: datetime) -> m.DirectoryService:
    """``svc`` with ``changes`` (a ``ServiceUpdate`` dump without ``version``) applied."""
    gesi = svc.gesi
    for name, convert in _GESI_FIELDS.items():
        if name in changes:
            gesi = replace(gesi, **{name: convert(changes[name])})
    text = {k: changes[k] for k in _TEXT_FIELDS if k in changes and changes[k] is not None}
    extra = dict(svc.extra_fields)
    if "interpretation_any_language" in changes:
        extra.pop(ANY_LANGUAGE_FIELD, None)
        if changes["interpretation_any_language"]:
            extra[ANY_LANGUAGE_FIELD] = True
    areas = changes.get("areas")
    return replace(
        svc,
        **text,
        gesi=gesi,
        languages=_languages(svc, changes),
        service_areas=svc.service_areas if areas is None else _areas(svc, areas),
        capacities=_capacities(svc, changes, now),
        extra_fields=tuple(extra.items()),
        last_modified=now.isoformat(),
    )
