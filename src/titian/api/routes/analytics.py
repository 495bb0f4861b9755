"""Analytics: disclosure-controlled GESI indicators, the catalogue and the CTDC import log."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query
from pydantic import ValidationError

from titian.analytics import repository, service
from titian.analytics.catalogue import Source, load_catalogue
from titian.analytics.schemas import (
    CtdcImportRead,
    IndicatorQuery,
    IndicatorSetRead,
    RoundingChoice,
)
from titian.api.deps import Actor
from titian.auth.policies import Permission
from titian.errors import FieldError, Invalid
from titian.gateway.db import DB

router = APIRouter(prefix="/analytics", tags=["analytics"])


@router.get("/catalogue")
def catalogue(actor: Actor, source: Source = Source.TITIAN) -> dict[str, Any]:
    """The indicators of a source: ids, titles, dimensions and denominators."""
    service.require(actor, Permission.ANALYTICS)
    cat = load_catalogue(source)
    return {
        "source": cat.source.value,
        "version": cat.version,
        "citation": cat.citation,
        "indicators": [
            {
                "id": i.id,
                "title": i.title,
                "dimensions": [{"name": d.name, "codes": d.codes} for d in i.dimensions],
                "slice": i.slice,
                "share_along": i.share_along,
                "denominator": i.denominator,
            }
            for i in cat.indicators
        ],
    }


@router.get("/indicators", response_model=IndicatorSetRead)
def indicators(
    actor: Actor,
    db: DB,
    source: Source = Source.TITIAN,
    country: str | None = None,
    rounding: RoundingChoice = RoundingChoice.NONE,
    indicator: list[str] | None = Query(default=None),
) -> IndicatorSetRead:
    """Every indicator of the source, after small-cell and secondary suppression (same figures
    as the pages and the command line)."""
    try:
        query = IndicatorQuery(
            source=source, country=country, rounding=rounding, indicators=indicator
        )
    except ValidationError as exc:
        errors = [FieldError(".".join(map(str, e["loc"])), e["msg"]) for e in exc.errors()]
        raise Invalid("invalid query", errors) from exc
    return service.indicator_set(db, actor, query)


@router.get("/imports", response_model=list[CtdcImportRead])
def imports(actor: Actor, db: DB) -> list[CtdcImportRead]:
    """The CTDC files imported (file name, hash, generation, rows, when, who)."""
    service.require(actor, Permission.ANALYTICS)
    return [CtdcImportRead.model_validate(r) for r in repository.list_imports(db)]
