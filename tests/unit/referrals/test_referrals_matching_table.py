"""Profiles -> expected matches, exclusion reasons and gaps, over the fixture directory
(referrals_builders.py), one row or more for every gap group of issue 4: women, men, girls, boys,
non-binary people, each WG-SS domain, language, foreign nationals, stateless, undocumented and
LGBTQI people, plus unstated gender and uncertain age."""

from __future__ import annotations

from typing import Any

import pytest

from titian.referrals.matching import match
from titian.referrals.vocab import CitizenshipStatus as C
from titian.referrals.vocab import ExclusionReason as X
from titian.referrals.vocab import GapGroup as Gr
from titian.referrals.vocab import GapKind, Gender
from titian.referrals.vocab import WgDomain as D

from .referrals_builders import DIRECTORY, need

W, M, NB = Gender.WOMAN, Gender.MAN, Gender.NON_BINARY
GEN, ADULTS, KIDS = X.GENDER_NOT_ACCEPTED, X.ADULTS_NOT_ACCEPTED, X.CHILDREN_NOT_ACCEPTED
CAP, OUT, LANG = X.NO_CAPACITY, X.OUTSIDE_AREA, X.NO_COMMON_LANGUAGE

# Exclusions that every row shares unless it overrides them: E is full, F is in Chiang Mai.
ALWAYS: dict[str, set[X]] = {"E": {CAP}, "F": {OUT}}

# id, profile fields, eligible ids in rank order, excluded id -> reasons (E and F added from
# ALWAYS when not given), expected gap as (kind, groups) or None.
CASES: list[tuple[str, dict[str, Any], list[str], dict[str, set[X]], Any]] = [
    (
        "women",
        {"gender": W},
        ["A", "D"],
        {"B": {GEN}, "C": {GEN, ADULTS}},
        None,
    ),
    (
        "men",
        {"gender": M},
        ["B", "D"],
        {"A": {GEN}, "C": {GEN, ADULTS}},
        None,
    ),
    (
        "girls_unaccompanied",
        {"gender": W, "age": 15, "unaccompanied": True},
        ["A", "C"],
        {"B": {GEN}, "D": {KIDS}},
        None,
    ),
    (
        "boys_unaccompanied",
        {"gender": M, "age": 15, "unaccompanied": True},
        ["B", "C"],
        {"A": {GEN}, "D": {KIDS}},
        None,
    ),
    (
        "non_binary_adult",
        {"gender": NB},
        ["D"],
        {"A": {GEN}, "B": {GEN}, "C": {ADULTS}},
        None,
    ),
    (
        "gender_not_stated_age_uncertain",
        {"age": None, "age_uncertain": True},
        ["B", "A", "C"],  # gender caveats; children's home ranks below the tie of A and B
        {"D": {KIDS}},
        None,
    ),
    (
        "gender_different_term",
        {"gender": Gender.DIFFERENT_TERM},
        ["B", "A", "D"],
        {"C": {ADULTS}},
        None,
    ),
    (
        "seeing",
        {"gender": W, "wg_domains": {D.SEEING}},
        ["D"],
        {
            "A": {X.NO_ACCESSIBLE_FORMATS},
            "B": {GEN, X.NO_ACCESSIBLE_FORMATS},
            "C": {GEN, ADULTS, X.NO_ACCESSIBLE_FORMATS},
            "E": {CAP, X.NO_ACCESSIBLE_FORMATS},
            "F": {OUT, X.NO_ACCESSIBLE_FORMATS},
        },
        None,
    ),
    (
        "hearing_man_no_sign_language",
        {"gender": M, "wg_domains": {D.HEARING}},
        [],
        {
            "A": {GEN, X.NO_SIGN_LANGUAGE},
            "B": {X.NO_SIGN_LANGUAGE},
            "C": {GEN, ADULTS},
            "D": {X.NO_SIGN_LANGUAGE},
            "E": {CAP, X.NO_SIGN_LANGUAGE},
            "F": {OUT, X.NO_SIGN_LANGUAGE},
        },
        (GapKind.NO_ELIGIBLE_SERVICE, {Gr.MEN, Gr.HEARING, Gr.LANGUAGE}),
    ),
    (
        "hearing_declines_sign_language",
        {"gender": M, "wg_domains": {D.HEARING}, "accommodations_declined": {"sign_language"}},
        ["B", "D"],
        {"A": {GEN}, "C": {GEN, ADULTS}},
        None,
    ),
    (
        "mobility",
        {"gender": W, "wg_domains": {D.MOBILITY}},
        ["A"],
        {
            "B": {GEN, X.NO_STEP_FREE_ACCESS},
            "C": {GEN, ADULTS, X.NO_STEP_FREE_ACCESS},
            "D": {X.NO_STEP_FREE_ACCESS},
            "E": {CAP, X.NO_STEP_FREE_ACCESS},
            "F": {OUT, X.NO_STEP_FREE_ACCESS},
        },
        None,
    ),
    (
        "cognition",
        {"gender": W, "wg_domains": {D.COGNITION}},
        ["D"],
        {
            "A": {X.NO_EASY_READ},
            "B": {GEN, X.NO_EASY_READ},
            "C": {GEN, ADULTS, X.NO_EASY_READ},
            "E": {CAP, X.NO_EASY_READ},
            "F": {OUT, X.NO_EASY_READ},
        },
        None,
    ),
    (
        "self_care",
        {"gender": W, "wg_domains": {D.SELF_CARE}},
        ["D"],
        {
            "A": {X.NO_PERSONAL_ASSISTANCE},
            "B": {GEN, X.NO_PERSONAL_ASSISTANCE},
            "C": {GEN, ADULTS, X.NO_PERSONAL_ASSISTANCE},
            "E": {CAP, X.NO_PERSONAL_ASSISTANCE},
            "F": {OUT, X.NO_PERSONAL_ASSISTANCE},
        },
        None,
    ),
    (
        "communication",
        {"gender": W, "wg_domains": {D.COMMUNICATION}},
        [],
        {
            "A": {X.NO_COMMUNICATION_SUPPORT},
            "B": {GEN, X.NO_COMMUNICATION_SUPPORT},
            "C": {GEN, ADULTS, X.NO_COMMUNICATION_SUPPORT},
            "D": {X.NO_COMMUNICATION_SUPPORT},
            "E": {CAP, X.NO_COMMUNICATION_SUPPORT},
            "F": {OUT, X.NO_COMMUNICATION_SUPPORT},
        },
        (GapKind.NO_ELIGIBLE_SERVICE, {Gr.WOMEN, Gr.COMMUNICATION, Gr.LANGUAGE}),
    ),
    (
        "language_sgaw_karen_no_service",
        {"gender": W, "languages_preferred": ("ksw",)},
        [],
        {
            "A": {LANG},
            "B": {GEN, LANG},
            "C": {GEN, ADULTS},
            "D": {LANG},
            "E": {CAP, LANG},
            "F": {OUT, LANG},
        },
        (GapKind.NO_ELIGIBLE_SERVICE, {Gr.WOMEN, Gr.LANGUAGE}),
    ),
    (
        "language_karen_understands_thai",
        {"gender": W, "languages_preferred": ("kar",), "languages_understood": ("th",)},
        ["A", "D"],
        {"B": {GEN}, "C": {GEN, ADULTS}},
        None,
    ),
    (
        "language_karen_girl_macrolanguage",
        {"gender": W, "age": 16, "languages_preferred": ("kar",)},
        ["C"],
        {"A": {LANG}, "B": {GEN, LANG}, "D": {KIDS, LANG}, "E": {CAP, LANG}, "F": {OUT, LANG}},
        None,
    ),
    (
        "language_isan_is_not_thai",
        {"gender": W, "languages_preferred": ("tts",)},
        [],
        {
            "A": {LANG},
            "B": {GEN, LANG},
            "C": {GEN, ADULTS, LANG},
            "D": {LANG},
            "E": {CAP, LANG},
            "F": {OUT, LANG},
        },
        (GapKind.NO_ELIGIBLE_SERVICE, {Gr.WOMEN, Gr.LANGUAGE}),
    ),
    (
        "foreign_national_woman",
        {"gender": W, "citizenship": C.FOREIGN_NATIONAL},
        ["A"],
        {"B": {GEN}, "C": {GEN, ADULTS}, "D": {X.CITIZENS_ONLY}},
        None,
    ),
    (
        "foreign_national_man_khmer",
        {"gender": M, "citizenship": C.FOREIGN_NATIONAL, "languages_preferred": ("km",)},
        [],
        {
            "A": {GEN, LANG},
            "B": {LANG},
            "C": {GEN, ADULTS, LANG},
            "D": {X.CITIZENS_ONLY, LANG},
            "E": {CAP, LANG},
            "F": {OUT, LANG},
        },
        (GapKind.NO_ELIGIBLE_SERVICE, {Gr.MEN, Gr.FOREIGN_NATIONALS, Gr.LANGUAGE}),
    ),
    (
        "stateless_man_burmese",
        {"gender": M, "citizenship": C.STATELESS, "languages_preferred": ("my",)},
        [],
        {
            "A": {GEN, LANG},
            "B": {X.STATELESS_NOT_ACCEPTED},
            "C": {GEN, ADULTS, LANG},
            "D": {X.CITIZENS_ONLY, LANG},
            "E": {CAP, LANG},
            "F": {OUT, LANG},
        },
        (GapKind.NO_ELIGIBLE_SERVICE, {Gr.MEN, Gr.STATELESS, Gr.LANGUAGE}),
    ),
    (
        "undocumented_woman",
        {"gender": W, "citizenship": C.UNDOCUMENTED},
        ["D"],  # citizens only: eligible with a caveat, since papers are what is missing
        {"A": {X.UNDOCUMENTED_NOT_ACCEPTED}, "B": {GEN}, "C": {GEN, ADULTS}},
        None,
    ),
    (
        "lgbtqi_woman_affirming_first",
        {"gender": W, "sogiesc_consented": True, "lgbtqi": True},
        ["D", "A"],
        {"B": {GEN}, "C": {GEN, ADULTS}},
        None,
    ),
    (
        "lgbtqi_man_affirming_first",
        {"gender": M, "sogiesc_consented": True, "lgbtqi": True},
        ["D", "B"],
        {"A": {GEN}, "C": {GEN, ADULTS}},
        None,
    ),
    (
        "lgbtqi_foreign_woman_no_affirming_service",
        {"gender": W, "citizenship": C.FOREIGN_NATIONAL, "sogiesc_consented": True, "lgbtqi": True},
        ["A"],  # still listed, and a gap is recorded
        {"B": {GEN}, "C": {GEN, ADULTS}, "D": {X.CITIZENS_ONLY}},
        (
            GapKind.NO_AFFIRMING_SERVICE,
            {Gr.WOMEN, Gr.FOREIGN_NATIONALS, Gr.LANGUAGE, Gr.LGBTQI},
        ),
    ),
]


@pytest.mark.parametrize(
    ("fields", "eligible", "excluded", "gap"),
    [pytest.param(f, e, x, g, id=case) for case, f, e, x, g in CASES],
)
def test_profile_table(
    fields: dict[str, Any], eligible: list[str], excluded: dict[str, set[X]], gap: Any
) -> None:
    result = match(need(**fields), DIRECTORY)
    assert [e.service_id for e in result.eligible] == eligible
    got = {x.service_id: {r.code for r in x.reasons} for x in result.excluded}
    assert got == {**ALWAYS, **excluded}
    if gap is None:
        assert result.gap is None
    else:
        assert result.gap is not None
        assert (result.gap.kind, set(result.gap.groups)) == gap
        serving = [v if X.OUTSIDE_AREA not in v else {X.OUTSIDE_AREA} for v in got.values()]
        assert result.gap.blocking_reasons == frozenset().union(*serving)


def test_every_gap_group_has_a_row() -> None:
    """The table covers every gap group, through a gap or a profile that uses it."""
    covered: set[Gr] = set()
    for _case, fields, _e, _x, gap in CASES:
        if gap is not None:
            covered |= gap[1]
        covered |= {Gr(d) for d in fields.get("wg_domains", ())}
        gender = fields.get("gender")
        child = fields.get("age", 30) is None or fields.get("age", 30) < 18
        if gender is W:
            covered.add(Gr.GIRLS if child else Gr.WOMEN)
        if gender is M:
            covered.add(Gr.BOYS if child else Gr.MEN)
        if gender is NB:
            covered.add(Gr.NON_BINARY)
        status = fields.get("citizenship")
        if status in (C.STATELESS, C.UNDOCUMENTED, C.FOREIGN_NATIONAL):
            covered.add(
                {C.STATELESS: Gr.STATELESS, C.UNDOCUMENTED: Gr.UNDOCUMENTED}.get(
                    status, Gr.FOREIGN_NATIONALS
                )
            )
        if fields.get("lgbtqi"):
            covered.add(Gr.LGBTQI)
    assert covered == set(Gr)
