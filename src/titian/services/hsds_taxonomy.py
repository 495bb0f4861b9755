"""The ``titian-gesi`` taxonomy of the Titian HSDS profile, read from
``hsds_schema/titian_gesi_taxonomy.yaml``.

HSDS 3.0 expresses eligibility and other classifications as ``attribute`` objects that link a
``taxonomy_term`` to an object (data-standards.md (c): "attribute rows that link a taxonomy term
with link_type = eligibility"). Ids are UUIDv5 of the term code, so they are the same everywhere.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from titian.services.vocab import GesiFacet, WgDomain

TAXONOMY_NAME = "titian-gesi"
_FILE = "titian_gesi_taxonomy.yaml"


@dataclass(frozen=True)
class GesiTerm:
    """One term: ``code`` is ``facet:value``; ``wg_domain`` is set for accessibility terms."""

    id: str
    code: str
    facet: GesiFacet
    value: str
    name: str
    description: str
    link_type: str
    wg_domain: WgDomain | None = None


@dataclass(frozen=True)
class GesiTaxonomy:
    """The taxonomy record and its terms, indexed by code and by id."""

    id: str
    name: str
    description: str
    uri: str
    version: str
    terms: tuple[GesiTerm, ...]

    def by_code(self, code: str) -> GesiTerm | None:
        return self._by_code.get(code)

    def by_id(self, term_id: str) -> GesiTerm | None:
        return self._by_id.get(term_id)

    @cached_property
    def _by_code(self) -> dict[str, GesiTerm]:
        return {t.code: t for t in self.terms}

    @cached_property
    def _by_id(self) -> dict[str, GesiTerm]:
        return {t.id: t for t in self.terms}

    def term(self, facet: GesiFacet, value: str) -> GesiTerm:
        """The term for ``facet:value``; KeyError names the code when it is not in the file."""
        found = self.by_code(term_code(facet, value))
        if found is None:
            raise KeyError(f"{_FILE}: no term {term_code(facet, value)!r}")
        return found

    def codes(self) -> tuple[str, ...]:
        return tuple(t.code for t in self.terms)


def term_code(facet: GesiFacet, value: str) -> str:
    """The HSDS ``taxonomy_term.code`` of a facet value, e.g. ``service-type:shelter``."""
    return f"{facet.value}:{value}"


def _terms(namespace: uuid.UUID, facets: dict[str, Any]) -> tuple[GesiTerm, ...]:
    out: list[GesiTerm] = []
    for facet_name, facet in facets.items():
        for value, spec in facet["terms"].items():
            code = term_code(GesiFacet(facet_name), value)
            domain = spec.get("wg_domain")
            out.append(
                GesiTerm(
                    id=str(uuid.uuid5(namespace, code)),
                    code=code,
                    facet=GesiFacet(facet_name),
                    value=value,
                    name=str(spec["name"]),
                    description=str(spec["description"]),
                    link_type=str(facet["link_type"]),
                    wg_domain=WgDomain(domain) if domain else None,
                )
            )
    return tuple(out)


@cache
def gesi_taxonomy() -> GesiTaxonomy:
    """Load the shipped taxonomy file once."""
    text = (resources.files("titian.services") / "hsds_schema" / _FILE).read_text("utf-8")
    raw = yaml.safe_load(text)
    namespace = uuid.UUID(raw["namespace_uuid"])
    head = raw["taxonomy"]
    return GesiTaxonomy(
        id=str(uuid.uuid5(namespace, TAXONOMY_NAME)),
        name=str(head["name"]),
        description=str(head["description"]).strip(),
        uri=str(head["uri"]),
        version=str(head["version"]),
        terms=_terms(namespace, raw["facets"]),
    )
