"""Explanation lines: plain language, every fired indicator with its weight, gaps, status."""

from __future__ import annotations

import pytest

from titian.screening.indicators import NOT_A_DETERMINATION, score

from .factory import create_answers


def _line(lines: tuple[str, ...], prefix: str) -> str:
    return next(x for x in lines if x.startswith(prefix))


def test_each_fired_indicator_is_named_in_its_dimension() -> None:
    result = score(
        create_answers(
            "d1.nature_job_location_employer",
            "d1.wages",
            "d4.excessive_hours",
            "d4.no_education",
            "d6.economic",
            age=30,
        )
    )
    lines = result.explanation
    assert _line(lines, "D1 ") == (
        "D1 Deceptive recruitment: positive; fired: Deceived about the nature of the job, the "
        "location or the employer (strong); Deceived about wages or earnings (medium) "
        "(2 of 10 answered, 8 unknown)."
    )
    assert "Excessive working days or hours (strong); No access to education (weak)" in _line(
        lines, "D4 "
    )
    assert _line(lines, "D6 ").startswith("D6 Abuse of vulnerability at destination: not positive")
    assert _line(lines, "Outcome: ").startswith("Outcome: deception and exploitation: ")
    assert lines[-1].endswith(NOT_A_DETERMINATION)


def test_list_version_and_status_are_stated() -> None:
    lines = score(create_answers()).explanation
    assert lines[1] == (
        "List A_L (Adults, labour exploitation), ilo_ec_labour version 2009.1-draft: weights "
        "still to verify against the source."
    )


def test_supplementary_list_names_its_base() -> None:
    answers = create_answers(kind="other", other_form="organ_removal")
    lines = score(answers).explanation
    assert lines[1].startswith("List A_OR (Adults, removal of organs")
    assert lines[2].startswith("Recruitment and means questions from A_L ")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"age": 30}, "Screened with the adult lists"),
        ({"age": 12}, "Screened with the child lists: the person is under 18."),
        ({"age": 30, "age_uncertain": True}, "presumption of minority"),
        ({"age": None}, "no age is recorded"),
    ],
)
def test_age_line(fields: dict[str, object], expected: str) -> None:
    assert expected in score(create_answers(**fields)).explanation[0]


def test_child_without_act_is_told_to_record_it() -> None:
    lines = score(create_answers("d4.excessive_hours", "d4.hazardous", age=14)).explanation
    assert any(x.startswith("No act (recruitment, transport") for x in lines)


def test_unknown_is_not_no() -> None:
    lines = score(create_answers("d4.hazardous")).explanation
    assert "66 indicators are unknown (not asked or not answered); unknown is not 'no'." in lines
    assert _line(lines, "Outcome: ").startswith("Outcome: not indicated on the information")


def test_irregular_status_is_explained() -> None:
    lines = score(create_answers(migration_status="irregular_migrant")).explanation
    expected = (
        "Relationship with authorities or legal status (medium, from irregular migration status)"
    )
    assert expected in _line(lines, "D6 ")


def test_indicator_not_on_the_list_is_reported() -> None:
    lines = score(create_answers("d4.social_protection", age=10)).explanation
    assert "Not on this list, so not counted: d4.social_protection." in lines


def test_empty_dimension_on_incomplete_list() -> None:
    lines = score(create_answers(kind="sexual")).explanation
    assert "D1 Deceptive recruitment: no indicators on this list yet (unknown)." in lines
