"""Write the directory as HSDS 3.0 JSON (services with everything nested, like ``service_full``)
and as the tabular form (flattened with the same code that reads it, so the two cannot drift).

Titian's GESI profile is written as ``attributes`` of the ``titian-gesi`` taxonomy, capacity as
HSDS 3.1 ``capacities`` (docs/hsds-profile.md).
"""

from __future__ import annotations

import re
from typing import Any

from titian.services import hsds_model as m
from titian.services.hsds_gesi import attribute_json, profile_codes, taxonomy_json
from titian.services.hsds_json import flatten
from titian.services.hsds_records import Origin, RecordSet
from titian.services.hsds_schemas import table_specs
from titian.services.hsds_taxonomy import TAXONOMY_NAME
from titian.services.hsds_validate import language_of
from titian.services.vocab import LanguageMode

_ISO_639 = re.compile(r"^[a-z]{2,3}$")


def _clean(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v is not None and v != []}


def _num(value: float | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def language_json(lang: m.DirectoryLanguage) -> dict[str, Any]:
    """``code`` is the ISO 639 part of the tag; a longer tag goes in ``titian_bcp47_tag``."""
    tag = lang.code
    code = tag if tag is None or _ISO_639.match(tag) else language_of(tag)
    attributes = []
    if lang.mode is LanguageMode.INTERPRETATION:
        attributes.append(attribute_json(lang.id, "language", "language-mode:interpretation"))
    return _clean(
        {
            "id": lang.id,
            "name": lang.name,
            "code": code,
            "titian_bcp47_tag": tag if tag != code else None,
            "note": lang.note,
            "attributes": attributes,
        }
    )


def _phone(p: m.DirectoryPhone) -> dict[str, Any]:
    return _clean(
        {
            "id": p.id,
            "number": p.number,
            "extension": _num(p.extension),
            "type": p.type,
            "description": p.description,
            "languages": [language_json(lang) for lang in p.languages],
        }
    )


def _contact(c: m.DirectoryContact) -> dict[str, Any]:
    return _clean(
        {
            "id": c.id,
            "name": c.name,
            "title": c.title,
            "department": c.department,
            "email": c.email,
            "phones": [_phone(p) for p in c.phones],
        }
    )


def _schedule(s: m.DirectorySchedule) -> dict[str, Any]:
    core = {
        "id": s.id,
        "freq": s.freq,
        "byday": s.byday,
        "opens_at": s.opens_at,
        "closes_at": s.closes_at,
        "valid_from": s.valid_from,
        "valid_to": s.valid_to,
        "description": s.description,
    }
    return _clean({**core, **dict(s.extra_fields)})


def _attribute(a: m.DirectoryAttribute, owner: str, table: str, d: m.Directory) -> dict[str, Any]:
    term = next((t for t in d.taxonomy_terms if t.id == a.taxonomy_term_id), None)
    nested = None
    if term is not None:
        tax = next((x for x in d.taxonomies if x.id == term.taxonomy_id), None)
        detail = _clean(vars(tax).copy()) if tax is not None else None
        nested = _clean({**vars(term), "taxonomy_detail": detail})
    return _clean(
        {
            "id": a.id,
            "link_id": owner,
            "link_type": a.link_type,
            "link_entity": table,
            "value": a.value,
            "taxonomy_term_id": a.taxonomy_term_id,
            "taxonomy_term": nested,
        }
    )


def _attributes(
    items: tuple[m.DirectoryAttribute, ...], owner: str, table: str, d: m.Directory
) -> list[dict[str, Any]]:
    return [_attribute(a, owner, table, d) for a in items]


def location_json(loc: m.DirectoryLocation, d: m.Directory) -> dict[str, Any]:
    core = {
        "id": loc.id,
        "location_type": loc.location_type,
        "name": loc.name,
        "organization_id": loc.organization_id,
        "description": loc.description,
        "latitude": _num(loc.latitude),
        "longitude": _num(loc.longitude),
        "languages": [language_json(lang) for lang in loc.languages],
        "addresses": [_clean(vars(a).copy()) for a in loc.addresses],
        "contacts": [_contact(c) for c in loc.contacts],
        "accessibility": [_clean(vars(a).copy()) for a in loc.accessibility],
        "phones": [_phone(p) for p in loc.phones],
        "schedules": [_schedule(s) for s in loc.schedules],
        "attributes": _attributes(loc.attributes, loc.id, "location", d),
    }
    return _clean({**core, **dict(loc.extra_fields)})


def organization_json(org: m.DirectoryOrganization, d: m.Directory) -> dict[str, Any]:
    core = {
        "id": org.id,
        "name": org.name,
        "alternate_name": org.alternate_name,
        "description": org.description,
        "email": org.email,
        "website": org.website,
        "legal_status": org.legal_status,
        "parent_organization_id": org.parent_organization_id,
        "contacts": [_contact(c) for c in org.contacts],
        "phones": [_phone(p) for p in org.phones],
        "locations": [location_json(x, d) for x in d.locations_of(org.id)],
        "attributes": _attributes(org.attributes, org.id, "organization", d),
    }
    return _clean({**core, **dict(org.extra_fields)})


def _service_at_location(sal: m.DirectoryServiceAtLocation, d: m.Directory) -> dict[str, Any]:
    location = d.location(sal.location_id)
    return _clean(
        {
            "id": sal.id,
            "location_id": sal.location_id,
            "description": sal.description,
            "contacts": [_contact(c) for c in sal.contacts],
            "phones": [_phone(p) for p in sal.phones],
            "schedules": [_schedule(s) for s in sal.schedules],
            "location": location_json(location, d) if location is not None else None,
        }
    )


def _capacity(cap: m.DirectoryCapacity) -> dict[str, Any]:
    return _clean(
        {
            "id": cap.id,
            "unit": _clean(vars(cap.unit).copy()),
            "unit_id": cap.unit.id,
            "available": _num(cap.available),
            "maximum": _num(cap.maximum),
            "description": cap.description,
            "updated": cap.updated.isoformat(),
        }
    )


def _cost(c: m.DirectoryCostOption) -> dict[str, Any]:
    return _clean({**vars(c), "amount": _num(c.amount)})


def service_json(svc: m.DirectoryService, d: m.Directory) -> dict[str, Any]:
    """One service in the HSDS 3.0 ``service`` shape with the Titian profile additions."""
    org = d.organization(svc.organization_id) if svc.organization_id else None
    gesi = [attribute_json(svc.id, "service", code) for code in profile_codes(svc.gesi)]
    scalars = {k: getattr(svc, k) for k in _SERVICE_SCALARS}
    core = {
        **scalars,
        "minimum_age": svc.gesi.minimum_age,
        "maximum_age": svc.gesi.maximum_age,
        "organization": organization_json(org, d) if org is not None else None,
        "phones": [_phone(p) for p in svc.phones],
        "schedules": [_schedule(s) for s in svc.schedules],
        "service_areas": [_clean(vars(a).copy()) for a in svc.service_areas],
        "service_at_locations": [_service_at_location(s, d) for s in svc.locations],
        "languages": [language_json(lang) for lang in svc.languages],
        "contacts": [_contact(c) for c in svc.contacts],
        "capacities": [_capacity(c) for c in svc.capacities],
        "cost_options": [_cost(c) for c in svc.cost_options],
        "attributes": gesi + _attributes(svc.attributes, svc.id, "service", d),
    }
    return _clean({**core, **dict(svc.extra_fields)})


_SERVICE_SCALARS = (
    "id", "name", "alternate_name", "description", "url", "email", "status",
    "interpretation_services", "application_process", "fees_description",
    "eligibility_description", "alert", "last_modified", "organization_id",
)  # fmt: skip


def to_hsds_json(directory: m.Directory) -> list[dict[str, Any]]:
    """The directory's services as a list of HSDS 3.0 service objects, everything nested.
    Organizations without a service and their locations travel in the tabular form only."""
    return [service_json(s, directory) for s in directory.services]


def to_hsds_tables(directory: m.Directory) -> dict[str, list[dict[str, Any]]]:
    """The tabular form, table name -> rows, flattened by the reader's own code."""
    records = RecordSet()
    origin = Origin("export", None)
    for svc in to_hsds_json(directory):
        flatten("service", svc, origin, records, None)
    for org in directory.organizations:
        flatten("organization", organization_json(org, directory), origin, records, None)
    for loc in directory.locations:
        flatten("location", location_json(loc, directory), origin, records, None)
    for term in directory.taxonomy_terms:
        flatten("taxonomy_term", _clean(vars(term).copy()), origin, records, None)
    for tax in directory.taxonomies:
        flatten("taxonomy", _clean(vars(tax).copy()), origin, records, None)
    terms = records.table("taxonomy_term").values()
    if any(t.get("taxonomy") == TAXONOMY_NAME for t in terms):
        flatten("taxonomy", taxonomy_json(), origin, records, None)
    if records.errors:
        raise ValueError("; ".join(str(e) for e in records.errors))
    return {
        name: [dict(r.fields) for r in records.table(name).values()]
        for name in table_specs()
        if records.table(name)
    }


def to_hsds_tabular_json(directory: m.Directory) -> dict[str, list[dict[str, Any]]]:
    """The tabular form as one JSON object keyed by CSV file name (like ``tabular.json``)."""
    specs = table_specs()
    return {specs[name].path: rows for name, rows in to_hsds_tables(directory).items()}
