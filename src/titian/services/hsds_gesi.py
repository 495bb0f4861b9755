"""Read and write the Titian GESI profile as HSDS ``attribute`` objects (docs/hsds-profile.md).

A GESI fact is an attribute whose ``taxonomy_term`` is a term of the ``titian-gesi`` taxonomy,
linked to the service (or, for ``language-mode``, to one of its languages). HSDS 3.0 removed the
eligibility object; eligibility is attributes with ``link_type = eligibility`` plus
``minimum_age``/``maximum_age`` (data-standards.md (c)).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from titian.services.hsds_errors import HsdsError
from titian.services.hsds_model import DirectoryAttribute, GesiProfile
from titian.services.hsds_records import Record, RecordSet
from titian.services.hsds_taxonomy import TAXONOMY_NAME, GesiTerm, gesi_taxonomy, term_code
from titian.services.vocab import (
    UNACCOMPANIED_CHILDREN,
    AccessibilityFeature,
    CitizenshipAccepted,
    CostType,
    GenderAccepted,
    GesiFacet,
    ServiceType,
)

SERVICE_FACETS = frozenset(GesiFacet) - {GesiFacet.LANGUAGE_MODE}


@dataclass(frozen=True)
class LinkedTerms:
    """The attributes linked to one object: Titian terms (with their attribute) and the rest."""

    gesi: tuple[tuple[GesiTerm, Record], ...]
    other: tuple[DirectoryAttribute, ...]


def split_attributes(
    records: RecordSet,
    attributes: list[Record],
    allowed: frozenset[GesiFacet],
    errors: list[HsdsError],
) -> LinkedTerms:
    """Sort an object's attributes into Titian terms and others; a Titian term of a facet not
    ``allowed`` on that object, an unknown Titian code or a missing term is an error."""
    gesi: list[tuple[GesiTerm, Record]] = []
    other: list[DirectoryAttribute] = []
    for attr in attributes:
        term_id = attr.text("taxonomy_term_id")
        term_rec = records.find("taxonomy_term", term_id)
        if _is_titian(term_rec, term_id):
            found = _titian_term(attr, term_rec, term_id, errors)
            if found is not None and found.facet not in allowed:
                owner = attr.get("link_entity") or "this object"
                msg = f"Titian term {found.code!r} cannot be linked to {owner}"
                errors.append(attr.origin.error("taxonomy_term_id", msg))
            elif found is not None:
                gesi.append((found, attr))
        elif term_rec is None or term_id is None:
            msg = f"taxonomy term {term_id} is not in the import"
            errors.append(attr.origin.error("taxonomy_term_id", msg))
        else:
            other.append(
                DirectoryAttribute(attr.id, term_id, attr.text("link_type"), attr.text("value"))
            )
    return LinkedTerms(tuple(gesi), tuple(other))


def _is_titian(term: Record | None, term_id: str | None) -> bool:
    tax = gesi_taxonomy()
    if term is not None:
        return bool(term.get("taxonomy") == TAXONOMY_NAME or term.get("taxonomy_id") == tax.id)
    return term_id is not None and tax.by_id(term_id) is not None


def _titian_term(
    attr: Record, term: Record | None, term_id: str | None, errors: list[HsdsError]
) -> GesiTerm | None:
    tax = gesi_taxonomy()
    code = term.text("code") if term is not None else None
    found = tax.by_code(code) if code else (tax.by_id(term_id) if term_id else None)
    if found is None and (term is None or term.get("taxonomy") != TAXONOMY_NAME):
        # With taxonomy "titian-gesi" the profile schema has already reported the code.
        msg = f"{code or term_id!r} is not a term of the {TAXONOMY_NAME} taxonomy"
        errors.append(attr.origin.error("taxonomy_term_id", msg))
    return found


def gesi_profile(
    service: Record, terms: tuple[tuple[GesiTerm, Record], ...], errors: list[HsdsError]
) -> GesiProfile:
    """The GESI profile of a service from its Titian attributes and HSDS age fields."""
    values: dict[GesiFacet, set[str]] = {facet: set() for facet in GesiFacet}
    for term, _attr in terms:
        values[term.facet].add(term.value)
    costs = sorted(values[GesiFacet.COST])
    if len(costs) > 1:
        msg = f"more than one cost term: {', '.join(costs)}"
        errors.append(service.origin.error("attributes", msg))
    accepts = values[GesiFacet.ACCEPTS]
    return GesiProfile(
        genders_accepted=frozenset(GenderAccepted(v) for v in values[GesiFacet.GENDER_ACCEPTED]),
        citizenship_accepted=frozenset(
            CitizenshipAccepted(v) for v in accepts if v != UNACCOMPANIED_CHILDREN
        ),
        accepts_unaccompanied_children=UNACCOMPANIED_CHILDREN in accepts,
        minimum_age=_age(service.get("minimum_age")),
        maximum_age=_age(service.get("maximum_age")),
        accessibility=frozenset(AccessibilityFeature(v) for v in values[GesiFacet.ACCESSIBILITY]),
        lgbtqi_affirming=bool(values[GesiFacet.INCLUSION]),
        service_types=frozenset(ServiceType(v) for v in values[GesiFacet.SERVICE_TYPE]),
        cost=CostType(costs[0]) if costs else None,
    )


def _age(value: Any) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    return None


def profile_codes(profile: GesiProfile) -> list[str]:
    """The Titian term codes that express ``profile``, in a stable order."""
    pairs: list[tuple[GesiFacet, str]] = []
    pairs += [(GesiFacet.SERVICE_TYPE, v.value) for v in sorted(profile.service_types)]
    pairs += [(GesiFacet.GENDER_ACCEPTED, v.value) for v in sorted(profile.genders_accepted)]
    pairs += [(GesiFacet.ACCEPTS, v.value) for v in sorted(profile.citizenship_accepted)]
    if profile.accepts_unaccompanied_children:
        pairs.append((GesiFacet.ACCEPTS, UNACCOMPANIED_CHILDREN))
    pairs += [(GesiFacet.ACCESSIBILITY, v.value) for v in sorted(profile.accessibility)]
    if profile.lgbtqi_affirming:
        pairs.append((GesiFacet.INCLUSION, "lgbtqi_affirming"))
    if profile.cost is not None:
        pairs.append((GesiFacet.COST, profile.cost.value))
    return [term_code(facet, value) for facet, value in pairs]


def attribute_json(owner_id: str, owner_table: str, code: str) -> dict[str, Any]:
    """One Titian attribute in HSDS JSON form, with its term nested. Its id is UUIDv5 of owner
    and code, so an export is stable."""
    tax = gesi_taxonomy()
    term = tax.by_code(code)
    if term is None:
        raise KeyError(f"no Titian term {code!r}")
    return {
        "id": str(uuid.uuid5(uuid.UUID(tax.id), f"{owner_id}/{code}")),
        "link_id": owner_id,
        "link_type": term.link_type,
        "link_entity": owner_table,
        "taxonomy_term_id": term.id,
        "taxonomy_term": term_json(term),
    }


def term_json(term: GesiTerm) -> dict[str, Any]:
    tax = gesi_taxonomy()
    return {
        "id": term.id,
        "code": term.code,
        "name": term.name,
        "description": term.description,
        "taxonomy": tax.name,
        "taxonomy_id": tax.id,
    }


def taxonomy_json() -> dict[str, Any]:
    tax = gesi_taxonomy()
    return {
        "id": tax.id,
        "name": tax.name,
        "description": tax.description,
        "uri": tax.uri,
        "version": tax.version,
    }
