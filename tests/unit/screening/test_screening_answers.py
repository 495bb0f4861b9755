"""The answers file model, its committed JSON Schema, and the result's JSON form."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from titian.screening.answers import (
    AnswersError,
    ScreeningAnswers,
    answers_from_json,
    answers_json_schema,
)
from titian.screening.indicators import NOT_A_DETERMINATION, score

from .factory import create_answers

ROOT = Path(__file__).resolve().parents[3]
SCHEMA_FILE = ROOT / "docs" / "schemas" / "screening-answers.schema.json"

EXAMPLE = {
    "format_version": 1,
    "age": 16,
    "age_uncertain": False,
    "gender": "Masculine",
    "migration_status": "irregular_migrant",
    "exploitation_kind": "labour",
    "acts": ["recruitment", "transportation"],
    "observed": ["d1.wages", "d4.excessive_hours", "d4.hazardous", "d5.documents"],
    "absent": ["d2.violence_victim"],
}


def test_committed_schema_matches_the_model() -> None:
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == answers_json_schema(), (
        "docs/schemas/screening-answers.schema.json is stale; regenerate it (docs/screening.md)"
    )


def test_example_validates_against_the_committed_schema() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(EXAMPLE, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**EXAMPLE, "gender": "male"}, schema)


def test_answers_from_json_round_trip_and_score() -> None:
    answers = answers_from_json(json.dumps(EXAMPLE), "case.json")
    result = score(answers)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["outcome"] == "presumed_child_victim"
    assert data["is_presumed_victim"] is True
    assert data["htcds_trafficking_status"] == "PossibleVictimOfTrafficking"
    assert data["catalogue"]["list_id"] == "C_L"
    assert data["catalogue"]["status"] == "to_verify"
    assert data["catalogue"]["version"] == "2009.1-draft"
    assert {d["dimension"] for d in data["dimensions"]} == {f"D{n}" for n in range(1, 7)}
    assert data["explanation"][-1].endswith(NOT_A_DETERMINATION)
    assert "gender" not in data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"exploitation_kind": "slavery"}, "exploitation_kind: Input should be"),
        ({"age": -1}, "age: Input should be greater than or equal to 0"),
        ({"gender": "F"}, "gender: Input should be"),
        ({"exploitation_kind": "other"}, "other_form is required"),
        ({"other_form": "organ_removal"}, "other_form is only allowed"),
        ({"absent": ["d1.wages"]}, "both observed and absent: d1.wages"),
        ({"nickname": "x"}, "nickname: Extra inputs are not permitted"),
        ({"format_version": 2}, "format_version: Input should be 1"),
    ],
)
def test_bad_answers_name_the_source_and_field(change: dict[str, Any], message: str) -> None:
    with pytest.raises(AnswersError) as err:
        answers_from_json(json.dumps({**EXAMPLE, **change}), "case.json")
    assert str(err.value).startswith("case.json: ")
    assert message in str(err.value)


def test_answers_file_that_is_not_json() -> None:
    with pytest.raises(AnswersError, match=r"^a\.json: "):
        answers_from_json("{", "a.json")


@pytest.mark.parametrize(
    ("age", "uncertain", "child"),
    [
        (17, False, True),
        (18, False, False),
        (18, True, True),
        (None, False, True),
        (0, False, True),
    ],
)
def test_screened_as_child(age: int | None, uncertain: bool, child: bool) -> None:
    assert create_answers(age=age, age_uncertain=uncertain).screened_as_child is child


def test_answers_are_immutable() -> None:
    answers = create_answers("d1.wages")
    with pytest.raises(ValidationError):
        answers.age = 3  # type: ignore[misc]


def test_default_migration_status_is_unknown_and_gender_optional() -> None:
    answers = ScreeningAnswers.model_validate({"exploitation_kind": "labour"})
    assert (answers.migration_status, answers.gender, answers.age) == ("unknown", None, None)


DOC = ROOT / "docs" / "screening.md"


def test_every_list_is_documented_with_its_status() -> None:
    from titian.screening.catalogue import available_catalogues

    text = DOC.read_text(encoding="utf-8")
    for info in available_catalogues():
        row = next((x for x in text.splitlines() if x.startswith(f"| `{info.list_id}` |")), "")
        assert f"`{info.status}`" in row, info.list_id
        assert f"{info.catalogue}` {info.version}" in row, info.list_id


def test_documented_example_is_the_tested_example() -> None:
    text = DOC.read_text(encoding="utf-8")
    block = text.split("```json\n", 1)[1].split("```", 1)[0]
    assert json.loads(block) == EXAMPLE
