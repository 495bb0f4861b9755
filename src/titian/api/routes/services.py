"""The service directory: search, detail, a provider's edit, matching a need over the directory,
and HSDS import/export for administrators (issue 4, items 2, 3 and 7)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, status

from titian.api.deps import Actor
from titian.gateway.db import DB
from titian.services import service, service_import, service_lifecycle, service_matching
from titian.services.hsds import hsds_source_from_json, to_hsds_json
from titian.services.schemas import (
    ImportReport,
    ServiceCreate,
    ServicePage,
    ServiceRead,
    ServiceRetire,
    ServiceSearch,
    ServiceUpdate,
)

router = APIRouter(prefix="/services", tags=["services"])


@router.get("", response_model=ServicePage)
def search_services(
    actor: Actor, db: DB, filters: Annotated[ServiceSearch, Query()]
) -> ServicePage:
    """The directory, filtered by country, area, type, language, accessibility and who is
    accepted (every signed-in user)."""
    return service.search(db, actor, filters)


@router.post("", response_model=ServiceRead, status_code=status.HTTP_201_CREATED)
def create_service(body: ServiceCreate, actor: Actor, db: DB) -> ServiceRead:
    """A service provider adds a service of its own agency, with its GESI profile; an
    administrator of the operator may name the agency. Another agency is 404; every refused
    field is named (422)."""
    row = service_lifecycle.create_service(db, actor, body)
    return service.read(db, row, actor)


@router.post("/match")
def match_need(actor: Actor, db: DB, profile: Annotated[dict[str, Any], Body()]) -> dict[str, Any]:
    """Match one need profile (docs/schemas/need-profile.schema.json) over the directory:
    eligible services ranked, excluded ones with every reason, and the gap when none fits.
    Nothing is stored."""
    need = service_matching.need_from_json(profile)
    return service_matching.result_json(need, service_matching.match_need(db, need))


@router.post("/import", response_model=ImportReport)
def import_hsds(
    actor: Actor,
    db: DB,
    document: Annotated[Any, Body()],
    name: str = "upload.json",
    kind: str | None = None,
) -> ImportReport:
    """Import one HSDS JSON document (any shape of the HSDS 3.0 examples). A bad document is
    refused whole (422) with every error by file, row and field; nothing is written."""
    service_import.require_import(actor)
    source = hsds_source_from_json(document, name, kind)
    return service_import.import_sources(db, actor, [source])


@router.get("/export")
def export_hsds(actor: Actor, db: DB) -> list[dict[str, Any]]:
    """The whole directory as HSDS 3.0 services with everything nested (administrators)."""
    return to_hsds_json(service_import.load_directory(db, actor))


@router.get("/{service_id}", response_model=ServiceRead)
def get_service(service_id: uuid.UUID, actor: Actor, db: DB) -> ServiceRead:
    """One service in full (every signed-in user)."""
    return service.get_service(db, actor, service_id)


@router.patch("/{service_id}", response_model=ServiceRead)
def update_service(service_id: uuid.UUID, body: ServiceUpdate, actor: Actor, db: DB) -> ServiceRead:
    """A service provider edits its own agency's service; another agency's service is 404, a
    stale ``version`` 409 with what changed."""
    row = service.update_service(db, actor, service_id, body)
    return service.read(db, row, actor)


@router.post("/{service_id}/retire", response_model=ServiceRead)
def retire_service(service_id: uuid.UUID, body: ServiceRetire, actor: Actor, db: DB) -> ServiceRead:
    """Retire a service of your own agency (HSDS status ``inactive``): it stays readable, so
    referrals keep pointing at it, and leaves searches and matching. Not a deletion."""
    row = service_lifecycle.retire_service(db, actor, service_id, body)
    return service.read(db, row, actor)
