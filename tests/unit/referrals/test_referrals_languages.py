"""Language normalisation and match levels (languages.md, "Matching advice")."""

from __future__ import annotations

import pytest

from titian.referrals.languages import (
    LanguageLevel,
    LanguageTagError,
    best_language_match,
    macrolanguage_of,
    normalize_tag,
    parse_language_rules,
    primary_language,
    same_macrolanguage,
)

L = LanguageLevel


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("zsm", "ms"),  # explicit map after langcodes, which keeps zsm
        ("mya", "my"),
        ("bur", "my"),  # ISO 639-2 bibliographic codes found in HTCDS
        ("may", "ms"),
        ("chi", "zh"),
        ("ind", "id"),
        ("khm", "km"),
        ("tha", "th"),
        ("tam", "ta"),
        ("en_US", "en-US"),
        ("EN-gb", "en-GB"),
        ("ms-Arab-BN", "ms-Arab-BN"),
        ("zh-Hant", "zh-Hant"),
        ("cmn", "cmn"),  # an individual language stays itself: Mandarin is not "any Chinese"
        ("tl", "fil"),
        ("ksw", "ksw"),
        (" th ", "th"),
    ],
)
def test_normalize_tag(tag: str, expected: str) -> None:
    assert normalize_tag(tag) == expected


@pytest.mark.parametrize("tag", ["", "   ", "xx-bogus", "123", "en--US"])
def test_invalid_tags_are_refused_with_the_field(tag: str) -> None:
    with pytest.raises(LanguageTagError, match=r"^person\.language: "):
        normalize_tag(tag, "person.language")


@pytest.mark.parametrize(
    ("tag", "primary"), [("ms-Arab-BN", "ms"), ("zsm", "ms"), ("zh-Hant-TW", "zh"), ("th", "th")]
)
def test_primary_language(tag: str, primary: str) -> None:
    assert primary_language(tag) == primary


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("hmn", "mww", True),
        ("hnj", "hmn", True),
        ("kar", "ksw", True),
        ("kar", "pww", True),
        ("zh", "yue", True),
        ("zh", "cmn", True),
        ("mww", "hnj", False),  # two individual languages under one code do not match
        ("ksw", "pwo", False),
        ("cmn", "yue", False),
        ("ms", "id", False),  # no automatic closeness: Malay is not Indonesian
        ("th", "tts", False),  # nor Thai Isan
        ("th", "lo", False),
        ("hmn", "hmn", False),  # the same language is the exact level, not this one
    ],
)
def test_same_macrolanguage(a: str, b: str, same: bool) -> None:
    assert same_macrolanguage(a, b) is same


def test_macrolanguage_of() -> None:
    assert macrolanguage_of("pwo") == "kar"
    assert macrolanguage_of("th") is None


@pytest.mark.parametrize(
    ("preferred", "understood", "spoken", "interpreted", "any_", "expected"),
    [
        (["th"], [], {"th"}, set(), False, (L.EXACT, "th", "th")),
        (["shn", "my"], [], {"my", "shn"}, set(), False, (L.EXACT, "shn", "shn")),
        (["mww"], [], {"hmn"}, set(), False, (L.MACROLANGUAGE, "mww", "hmn")),
        (["kar"], [], {"pwo", "ksw"}, set(), False, (L.MACROLANGUAGE, "kar", "ksw")),
        (["kar"], ["th"], {"th", "ksw"}, set(), False, (L.MACROLANGUAGE, "kar", "ksw")),
        (["tts"], ["th"], {"th"}, set(), False, (L.CONFIRMED_UNDERSTOOD, "th", "th")),
        (["tts"], [], {"th"}, set(), False, None),
        (["id"], [], {"ms"}, set(), False, None),
        (["rhg"], [], {"my"}, {"rhg"}, False, (L.INTERPRETER, "rhg", "rhg")),
        (["rhg"], ["my"], {"th"}, {"my"}, False, (L.INTERPRETER, "my", "my")),
        (["rhg"], [], {"th"}, set(), True, (L.INTERPRETER, "rhg", "rhg")),
        (["rhg"], [], set(), set(), False, None),
        ([], [], {"th"}, set(), True, None),
        (["th"], [], {"th"}, {"th"}, True, (L.EXACT, "th", "th")),
    ],
)
def test_best_language_match(
    preferred: list[str],
    understood: list[str],
    spoken: set[str],
    interpreted: set[str],
    any_: bool,
    expected: tuple[L, str, str] | None,
) -> None:
    found = best_language_match(
        preferred, understood, frozenset(spoken), frozenset(interpreted), any_
    )
    got = None if found is None else (found.level, found.person_language, found.service_language)
    assert got == expected


def test_language_rules_refuse_a_language_under_two_macrolanguages() -> None:
    with pytest.raises(LanguageTagError, match="listed twice"):
        parse_language_rules({"explicit_map": {}, "macrolanguages": {"a": ["x"], "b": ["x"]}})


def test_language_rules_name_a_missing_key() -> None:
    with pytest.raises(LanguageTagError, match="macrolanguages"):
        parse_language_rules({"explicit_map": {}})
