"""Locale negotiation, text direction, language names, catalogue loading and CLDR formatting."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from titian.i18n import locales
from titian.i18n.formatting import formats
from titian.i18n.locales import (
    SUPPORTED,
    display_name,
    negotiate,
    normalise,
    parse_accept_language,
    text_direction,
)

pytestmark = pytest.mark.pure

NORMALISE = [
    ("th", "th"),
    ("th-TH", "th"),
    ("th_TH.UTF-8", "th"),
    ("TH", "th"),
    ("id-ID", "id"),
    ("in", "id"),  # the withdrawn ISO 639 code for Indonesian
    ("vi-VN", "vi"),
    ("km-KH", "km"),
    ("my-MM", "my"),
    ("lo-LA", "lo"),
    ("ms-BN", "ms"),
    ("ms-Arab-BN", "ms"),  # Jawi falls back to Malay; Titian ships it in Latin script
    ("fil-PH", "fil"),
    ("tl", "fil"),
    ("zh", "zh_Hans"),
    ("zh-CN", "zh_Hans"),
    ("zh-SG", "zh_Hans"),
    ("zh-Hans-SG", "zh_Hans"),
    ("zh-TW", None),  # traditional characters: not shipped
    ("zh-Hant", None),
    ("ta-SG", "ta"),
    ("pt-TL", "pt"),
    ("en-GB", "en"),
    ("de-DE", None),
    ("x-klingon", None),
    ("", None),
    ("*", None),
    ("not a tag", None),
]


@pytest.mark.parametrize(("tag", "expected"), NORMALISE, ids=[n[0] or "empty" for n in NORMALISE])
def test_normalise(tag: str, expected: str | None) -> None:
    assert normalise(tag) == expected


ACCEPT = [
    ("", []),
    ("th", ["th"]),
    ("th-TH,th;q=0.9,en-US;q=0.8,en;q=0.7", ["th-TH", "th", "en-US", "en"]),
    ("en;q=0.5, vi", ["vi", "en"]),  # weight, not order, decides
    ("id;q=0.8, ms;q=0.8, en;q=0.1", ["id", "ms", "en"]),  # equal weights keep their order
    ("km;q=0, lo", ["lo"]),  # q=0 means "not this one"
    ("*;q=0.5, my", ["my"]),
    ("th;q=abc, en", ["en"]),  # a malformed weight counts as 0
    (" , ,th ,", ["th"]),
]


@pytest.mark.parametrize(("header", "expected"), ACCEPT, ids=[a[0] or "empty" for a in ACCEPT])
def test_parse_accept_language(header: str, expected: list[str]) -> None:
    assert parse_accept_language(header) == expected


OFFERED = ("en", "id", "th", "vi", "km")
NEGOTIATE = [
    # explicit choice(s), Accept-Language, default, expected
    (None, "", "en", "en"),
    (None, "th-TH,th;q=0.9,en;q=0.8", "en", "th"),
    (None, "de-DE, vi;q=0.5", "en", "vi"),  # unsupported first choice: the next one
    (None, "ms-MY, en;q=0.5", "en", "en"),  # supported but no catalogue: not offered
    (None, "ms-MY", "id", "id"),  # then the deployment's default
    (None, "fr", "ms", "en"),  # a default without a catalogue falls back to English
    (None, "km;q=0, vi;q=0.2", "en", "vi"),
    ("th", "vi", "en", "th"),  # the user's setting wins over the browser
    ("km-KH", "th", "en", "km"),
    ("ms", "vi", "en", "vi"),  # a setting that is not offered is skipped
    ("", "id", "en", "id"),
    ("nonsense", "", "th", "th"),
    (["vi", "th"], "id", "en", "vi"),  # this browser's choice, then the account's
    ([None, "th"], "id", "en", "th"),  # no choice in this browser: the account's
    (["ms", "th"], "id", "en", "th"),  # a choice that is not offered is skipped
    ([None, None], "km, id", "en", "km"),
    ([], "", "vi", "vi"),
]


@pytest.mark.parametrize(
    ("user", "header", "default", "expected"),
    NEGOTIATE,
    ids=[f"{n[0]}|{n[1]}|{n[2]}" for n in NEGOTIATE],
)
def test_negotiate(
    user: str | list[str | None] | None, header: str, default: str, expected: str
) -> None:
    assert negotiate(user, header, default, offered=OFFERED) == expected


def test_negotiate_offers_the_locales_with_a_catalogue_by_default() -> None:
    assert negotiate(None, "th") == "th"
    assert negotiate(None, "ta-SG") == ("ta" if "ta" in locales.available_locales() else "en")


def test_every_shipped_locale_is_written_left_to_right() -> None:
    assert {text_direction(loc) for loc in SUPPORTED} == {"ltr"}
    assert text_direction("ar") == "rtl"  # the rule is CLDR's, not a constant
    assert text_direction("not-a-locale") == "ltr"


AUTONYMS = [
    ("th", "ไทย"),
    ("vi", "Tiếng Việt"),
    ("id", "Indonesia"),
    ("km", "ខ្មែរ"),
    ("en", "English"),
]


@pytest.mark.parametrize(("locale", "name"), AUTONYMS, ids=[a[0] for a in AUTONYMS])
def test_a_language_is_named_in_itself(locale: str, name: str) -> None:
    assert display_name(locale) == name


def test_the_switcher_offers_english_first_then_the_catalogues() -> None:
    choices = locales.language_choices()
    assert choices[0] == ("en", "English")
    assert {"th", "id", "vi"} <= {code for code, _name in choices}


def _catalogue(tmp_path: Path, text: str, *, po: bool, mo: str | None) -> None:
    folder = tmp_path / "th" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    if mo is not None:
        compiled = Catalog(locale="th")
        compiled.add("Sign in", mo)
        with (folder / "messages.mo").open("wb") as handle:
            write_mo(handle, compiled)
    if po:
        source = Catalog(locale="th")
        source.add("Sign in", text)
        with (folder / "messages.po").open("wb") as handle:
            write_po(handle, source)


LOADING = [
    # .po present, .mo content, expected: the .mo when it is current, else the .po, else English
    (False, None, "Sign in"),
    (True, None, "from the po"),
    (False, "from the mo", "from the mo"),
]


@pytest.mark.parametrize(("po", "mo", "expected"), LOADING, ids=["none", "po-only", "mo-only"])
def test_translations_load_the_mo_else_the_po_else_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, po: bool, mo: str | None, expected: str
) -> None:
    _catalogue(tmp_path, "from the po", po=po, mo=mo)
    monkeypatch.setattr(locales, "LOCALE_DIR", tmp_path)
    assert locales.translations.__wrapped__("th").gettext("Sign in") == expected


def test_a_mo_older_than_its_po_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    _catalogue(tmp_path, "fresh", po=True, mo="stale")
    folder = tmp_path / "th" / "LC_MESSAGES"
    os.utime(folder / "messages.mo", (1_000_000, 1_000_000))
    monkeypatch.setattr(locales, "LOCALE_DIR", tmp_path)
    assert locales.translations.__wrapped__("th").gettext("Sign in") == "fresh"


def test_the_shipped_thai_catalogue_translates() -> None:
    assert locales.translations("th").gettext("Sign in") == "เข้าสู่ระบบ"
    assert locales.translations("en").gettext("Sign in") == "Sign in"


NUMBERS = [
    ("en", 1234567.5, None, "1,234,567.5"),
    ("th", 1234567.5, None, "1,234,567.5"),
    ("id", 1234567.5, None, "1.234.567,5"),
    ("vi", 1234567.5, None, "1.234.567,5"),
    ("id", Decimal("3.14159"), 2, "3,14"),
    ("th", 42, 0, "42"),
    ("en", None, None, ""),
]


@pytest.mark.parametrize(
    ("locale", "value", "digits", "expected"), NUMBERS, ids=[f"{n[0]}-{n[1]}" for n in NUMBERS]
)
def test_numbers_follow_cldr(
    locale: str, value: float | None, digits: int | None, expected: str
) -> None:
    assert formats(locale).number(value, digits) == expected


DATES = [
    ("en", "Mar 14, 2026"),
    ("th", "14 มี.ค. 2026"),
    ("id", "14 Mar 2026"),
    ("vi", "14 thg 3, 2026"),
]


@pytest.mark.parametrize(("locale", "expected"), DATES, ids=[d[0] for d in DATES])
def test_dates_follow_cldr(locale: str, expected: str) -> None:
    assert formats(locale).date(dt.date(2026, 3, 14)) == expected


def test_percent_and_datetime_and_empty_values() -> None:
    assert formats("id").percent(0.256) == "26%"
    assert formats("en").percent(0.256, digits=1) == "25.6%"
    moment = dt.datetime(2026, 3, 14, 9, 5)  # naive = UTC, as Titian stores it
    assert formats("th").datetime(moment, "short") == "14/3/26 09:05 น."
    assert formats("th").date(None) == "" and formats("th").datetime(None) == ""
