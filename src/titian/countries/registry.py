"""Load and validate the country settings files shipped in ``countries/data``.

The ASEAN member states and Timor-Leste (languages.md, "Member states and official languages").
Subdivisions come from ISO 3166-2 through pycountry, so no area list is hand-kept here.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import pycountry
import yaml
from pydantic import ValidationError

from titian.countries.schemas import CountrySettings

ASEAN_CODES: tuple[str, ...] = ("BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN", "TL")


class CountrySettingsError(ValueError):
    """A settings file is missing or does not validate; the message names file and field."""


def _load_file(code: str) -> CountrySettings:
    name = f"{code}.yaml"
    path = resources.files("titian.countries") / "data" / name
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise CountrySettingsError(f"countries/data/{name}: no settings file") from exc
    try:
        settings = CountrySettings.model_validate(raw)
    except ValidationError as exc:
        fields = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        raise CountrySettingsError(f"countries/data/{name}: {fields}") from exc
    if settings.code != code:
        raise CountrySettingsError(f"countries/data/{name}: code is {settings.code}, not {code}")
    return settings


@cache
def all_countries() -> dict[str, CountrySettings]:
    """Every country with a settings file, keyed by ISO 3166-1 alpha-2 code."""
    return {code: _load_file(code) for code in ASEAN_CODES}


def get_country(code: str) -> CountrySettings:
    """The settings of one country; unknown codes raise :class:`CountrySettingsError`."""
    countries = all_countries()
    key = code.upper()
    if key not in countries:
        raise CountrySettingsError(f"country {code!r} is not configured")
    return countries[key]


def subdivisions(code: str) -> list[tuple[str, str]]:
    """ISO 3166-2 top-level subdivisions of a country as (code, name), sorted by name."""
    subs = pycountry.subdivisions.get(country_code=code.upper()) or []  # type: ignore[no-untyped-call]
    top = [s for s in subs if getattr(s, "parent_code", None) is None]
    return sorted(((s.code, s.name) for s in top), key=lambda pair: pair[1])
