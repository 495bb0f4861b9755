"""Country settings (read-only through the API; they are versioned files)."""

from __future__ import annotations

from fastapi import APIRouter

from titian.api.deps import Actor
from titian.countries.registry import CountrySettingsError, all_countries, get_country
from titian.countries.schemas import CountrySettings
from titian.errors import NotFound

router = APIRouter(prefix="/countries", tags=["countries"])


@router.get("", response_model=list[CountrySettings])
def list_countries(actor: Actor) -> list[CountrySettings]:
    """The ASEAN member states and Timor-Leste with their settings."""
    return list(all_countries().values())


@router.get("/{code}", response_model=CountrySettings)
def show_country(code: str, actor: Actor) -> CountrySettings:
    try:
        return get_country(code)
    except CountrySettingsError as exc:
        raise NotFound(str(exc)) from exc
