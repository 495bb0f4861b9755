# ruff: noqa: E501 (tables of cases, one per line)
"""Rows and dataclasses: the JSON codec round-trips every directory object, where a service is,
and how a declared GESI profile becomes matching eligibility (no database needed)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pytest

from tests.unit.services.hsds_factories import create_directory
from titian.referrals.vocab import ALL_GENDER_GROUPS
from titian.services import hsds_model as m
from titian.services.service_codec import from_plain, to_plain
from titian.services.service_matching import eligibility
from titian.services.service_rows import place_of
from titian.web.routes.gaps import colour


def test_codec_round_trips_the_factory_directory() -> None:
    d = create_directory()
    for obj in (*d.organizations, *d.services, *d.locations):
        assert from_plain(type(obj), to_plain(obj)) == obj


def _svc(*extents: str) -> m.DirectoryService:
    areas = tuple(
        m.DirectoryServiceArea(f"a{i}", None, None, e, "text") for i, e in enumerate(extents)
    )
    return m.DirectoryService("s", "S", "active", service_areas=areas)


@pytest.mark.parametrize(
    ("extents", "fallback", "country", "areas"),
    [
        (("TH-10", "TH-50"), [], "TH", ("TH-10", "TH-50")),
        (("TH", "TH-10"), [], "TH", ()),
        ((), ["KH"], "KH", ()),
        (("not a code",), ["LA", "TH"], "LA", ()),
        ((), [None], None, ()),
        (("TH-10", "LA-VT"), [], "TH", ("TH-10",)),
    ],
)
def test_place_of(
    extents: tuple[str, ...],
    fallback: list[str | None],
    country: str | None,
    areas: tuple[str, ...],
) -> None:
    place = place_of(_svc(*extents), fallback)
    assert (place.country, place.areas) == (country, areas)
    assert place.country_wide == (country is not None and not areas)


def _row(**kw: Any) -> Any:
    base = {"genders_accepted": [], "citizenship_accepted": [], "accepts_unaccompanied_children": False,
            "minimum_age": None, "maximum_age": None}  # fmt: skip
    return SimpleNamespace(**{**base, **kw})


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (_row(), {"non_citizens": True, "stateless": True, "undocumented": True, "unaccompanied_children": True}),
        (_row(citizenship_accepted=["citizens", "non_citizens"]), {"non_citizens": True, "stateless": False, "undocumented": False, "unaccompanied_children": False}),
        (_row(citizenship_accepted=["citizens", "non_citizens", "stateless", "undocumented"], accepts_unaccompanied_children=True), {"stateless": True, "unaccompanied_children": True}),
        (_row(accepts_unaccompanied_children=True), {"non_citizens": True, "unaccompanied_children": True}),
    ],
)  # fmt: skip
def test_declared_profile_to_eligibility(row: Any, expected: dict[str, bool]) -> None:
    e = eligibility(row)
    for name, value in expected.items():
        assert getattr(e, name) is value, name
    assert e.genders == ALL_GENDER_GROUPS


def test_declared_genders_restrict() -> None:
    assert {g.value for g in eligibility(_row(genders_accepted=["men"])).genders} == {"men"}


@pytest.mark.parametrize(
    ("share", "expected"),
    [(0.0, "#e9f6ee"), (0.1, "#fff6e0"), (0.25, "#fff6e0"), (0.3, "#fde0b0"), (0.8, "#e88a7d"), (1.0, "#e88a7d")],
)  # fmt: skip
def test_heat_map_colour_levels(share: float, expected: str) -> None:
    assert colour(share) == expected
