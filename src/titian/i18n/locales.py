"""Which locale to speak: the user's choice, else the browser's Accept-Language, else the default.

Titian ships ``en`` as the fallback and the official-language locales of ASEAN
(languages.md, Matching advice 7)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from babel import Locale, UnknownLocaleError
from babel.support import NullTranslations, Translations

SUPPORTED: tuple[str, ...] = (
    "en",
    "id",
    "km",
    "lo",
    "ms",
    "my",
    "fil",
    "th",
    "vi",
    "zh_Hans",
    "ta",
    "tet",
    "pt",
)


def normalise(tag: str) -> str | None:
    """A BCP-47 tag or POSIX locale → the supported locale it falls back to, if any."""
    try:
        locale = Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    candidates = [f"{locale.language}_{locale.script}" if locale.script else "", locale.language]
    return next((c for c in candidates if c in SUPPORTED), None)


def negotiate(user_locale: str | None, accept_language: str, default: str = "en") -> str:
    """Pick the locale: the user's setting wins, then the Accept-Language order."""
    if user_locale and (chosen := normalise(user_locale)):
        return chosen
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip()
        if tag and tag != "*" and (chosen := normalise(tag)):
            return chosen
    return normalise(default) or "en"


@cache
def translations(locale: str) -> NullTranslations:
    """Compiled catalogues from ``titian/i18n/locale``; English strings when none exists."""
    directory = resources.files("titian.i18n") / "locale"
    return Translations.load(str(directory), [locale], domain="messages")
