"""Canonical CTDC vocabulary: bands, minors, countries, the denominator rule (pure functions)."""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from titian.analytics.ctdc.canonical import (
    Band,
    FlagGroup,
    HtcdsGender,
    band_is_minor,
    canonical_schema,
    country_from_alpha2,
    country_from_alpha3,
    flag_columns,
    group_shares,
    parse_band,
    vocabulary,
)

K_ANON_ALIASES = {"Y1": ("RS", "SRB"), "TP": ("TL", "TLS"), "ZR": ("CD", "COD")}


@pytest.mark.parametrize(
    ("raw", "band"),
    [
        ("0--8", Band(0, 8)),
        ("09--17", Band(9, 17)),
        ("9--17", Band(9, 17)),
        ("9\u201417", Band(9, 17)),
        ("9\u201317", Band(9, 17)),
        ("9-17", Band(9, 17)),
        (" 18--20 ", Band(18, 20)),
        ("48+", Band(48, None)),
        ("0--12 (0-1 yr)", Band(0, 12)),
        ("13--24 (1-2 yrs)", Band(13, 24)),
        ("25--60 (2-5 yrs)", Band(25, 60)),
        ("61+ (5+ yrs)", Band(61, None)),
        ("25+ (2+ yrs)", Band(25, None)),
        ("17--9", None),
        ("adult", None),
        ("", None),
        ("9--", None),
    ],
)
def test_parse_band_normalises_dashes_padding_and_gloss(raw: str, band: Band | None) -> None:
    assert parse_band(raw) == band


@given(st.integers(0, 120), st.integers(0, 120), st.sampled_from(["--", "\u2014", "\u2013", "-"]))
def test_parse_band_ignores_zero_padding_and_dash_style(low: int, span: int, dash: str) -> None:
    high = low + span
    assert (
        parse_band(f"{low:02d}{dash}{high:03d}") == parse_band(f"{low}-{high}") == Band(low, high)
    )


@pytest.mark.parametrize(
    ("band", "minor"),
    [
        (Band(0, 8), True),
        (Band(9, 17), True),
        (Band(18, 20), False),
        (Band(21, 23), False),
        (Band(24, 26), False),
        (Band(27, 29), False),
        (Band(30, 38), False),
        (Band(39, 47), False),
        (Band(48, None), False),
    ],
)
def test_every_age_band_maps_to_minor_or_adult(band: Band, minor: bool) -> None:
    assert band_is_minor(band) is minor
    assert band in vocabulary().age_bands


@pytest.mark.parametrize(
    ("band", "label"), [(Band(9, 17), "9-17"), (Band(48, None), "48+"), (Band(0, 12), "0-12")]
)
def test_band_label(band: Band, label: str) -> None:
    assert band.label == label


@pytest.mark.parametrize(
    ("code", "alpha2", "asean"),
    [("PHL", "PH", True), ("tls", "TL", True), ("VNM", "VN", True), ("USA", "US", False)],
)
def test_alpha3_validates_against_iso_3166(code: str, alpha2: str, asean: bool) -> None:
    country = country_from_alpha3(code)
    assert country is not None
    assert (country.alpha2, country.asean) == (alpha2, asean)


@pytest.mark.parametrize("code", ["XXX", "XKX", "ANT", "PH", ""])
def test_alpha3_rejects_unassigned_codes(code: str) -> None:
    assert country_from_alpha3(code) is None


@pytest.mark.parametrize(
    ("code", "alpha3", "asean"),
    [
        ("PH", "PHL", True),
        ("kh", "KHM", True),
        ("Y1", "SRB", False),
        ("TP", "TLS", True),
        ("ZR", "COD", False),
        ("US", "USA", False),
    ],
)
def test_alpha2_with_ctdc_lookup_codes(code: str, alpha3: str, asean: bool) -> None:
    country = country_from_alpha2(code, K_ANON_ALIASES)
    assert country is not None
    assert (country.alpha3, country.asean) == (alpha3, asean)


@pytest.mark.parametrize("code", ["QQ", "Y1", "00"])
def test_alpha2_without_aliases_rejects_lookup_codes(code: str) -> None:
    assert country_from_alpha2(code, {}) is None


def test_vocabulary_gender_maps_ctdc_onto_htcds_system_names() -> None:
    gender = vocabulary().gender
    assert gender["Female"] is gender["Woman"] is HtcdsGender.FEMININE
    assert gender["Male"] is gender["Man"] is HtcdsGender.MASCULINE
    assert gender["Transgender/NonConforming"] is HtcdsGender.NON_CONFORMING
    assert vocabulary().missing_gender is HtcdsGender.NON_SPECIFIED_UNKNOWN


def test_schema_has_every_flag_as_nullable_boolean() -> None:
    schema = canonical_schema()
    for flag in vocabulary().flags:
        assert schema[flag.name] == pl.Boolean()
    assert flag_columns(FlagGroup.RECRUITER_RELATION) == (
        "recruiter_intimate_partner",
        "recruiter_friend",
        "recruiter_family",
        "recruiter_other",
    )


def test_not_specified_flags_never_enter_a_denominator() -> None:
    for name in ("control_not_specified", "labour_not_specified", "recruiter_unknown"):
        assert vocabulary().flag(name).group is None


def _flags(rows: list[tuple[bool | None, ...]], names: tuple[str, ...]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=dict.fromkeys(names, pl.Boolean), orient="row")


def test_group_shares_follow_the_ctdc_denominator_rule() -> None:
    names = flag_columns(FlagGroup.RECRUITER_RELATION)
    frame = _flags(
        [
            (True, None, None, None),
            (True, True, None, None),
            (None, None, True, None),
            (None, None, None, None),  # no flag: left out of the denominator
            (None, None, None, None),
        ],
        names,
    )
    shares = group_shares(frame, FlagGroup.RECRUITER_RELATION, columns=names)
    assert shares.denominator == 3
    assert shares.counts == {
        "recruiter_intimate_partner": 2,
        "recruiter_friend": 1,
        "recruiter_family": 1,
        "recruiter_other": 0,
    }
    assert shares.shares["recruiter_intimate_partner"] == pytest.approx(2 / 3)
    assert sum(v or 0 for v in shares.shares.values()) > 1  # multi-flag records: over 100 %


def test_group_shares_without_generation_skip_entirely_missing_columns() -> None:
    names = flag_columns(FlagGroup.RECRUITER_RELATION)
    frame = _flags([(True, None, None, None), (None, None, True, None)], names)
    frame = frame.with_columns(pl.lit(None, dtype=pl.Boolean).alias("recruiter_other"))
    shares = group_shares(frame, FlagGroup.RECRUITER_RELATION)
    assert "recruiter_other" not in shares.counts
    assert shares.denominator == 2


def test_group_shares_empty_group_has_no_share() -> None:
    frame = _flags([(None, None, None, None)], flag_columns(FlagGroup.RECRUITER_RELATION))
    shares = group_shares(frame, FlagGroup.RECRUITER_RELATION)
    assert shares.denominator == 0
    assert shares.shares == {}


def test_explicit_zero_flags_do_not_enter_the_denominator() -> None:
    names = flag_columns(FlagGroup.RECRUITER_RELATION)
    frame = _flags([(False, False, False, False), (True, False, False, False)], names)
    shares = group_shares(frame, FlagGroup.RECRUITER_RELATION)
    assert shares.denominator == 1
    assert shares.counts["recruiter_intimate_partner"] == 1


def test_group_shares_use_the_flags_the_generation_provides() -> None:
    names = flag_columns(FlagGroup.LABOUR_SECTOR)
    row = dict.fromkeys(names, None) | {"labour_agriculture": True}
    frame = pl.DataFrame([row], schema=dict.fromkeys(names, pl.Boolean)).with_columns(
        pl.lit("synthetic_2021").alias("source_generation")
    )
    shares = group_shares(frame, FlagGroup.LABOUR_SECTOR)
    assert shares.counts == {
        "labour_agriculture": 1,
        "labour_construction": 0,
        "labour_domestic_work": 0,
        "labour_hospitality": 0,
        "labour_other": 0,
    }
    v2024 = frame.with_columns(pl.lit("synthetic_2024").alias("source_generation"))
    assert "labour_other" not in group_shares(v2024, FlagGroup.LABOUR_SECTOR).counts
