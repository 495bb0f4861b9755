"""Which locale to speak: the user's choice, else the browser's Accept-Language, else the default.

Titian ships ``en`` as the fallback and the official-language locales of ASEAN
(languages.md, Matching advice 7). A locale is *offered* to people only when it has a catalogue
(``locale/<loc>/LC_MESSAGES/messages.po``): a page in English text must not claim ``lang="ms"``,
or a screen reader would read English with Malay rules."""

from __future__ import annotations

import io
from collections.abc import Collection, Sequence
from functools import cache
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
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

#: Where the catalogues live: ``<loc>/LC_MESSAGES/messages.po`` (and the compiled ``.mo``).
LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"

#: Catalogues a native speaker has reviewed. Every other catalogue is a draft: its header and
#: every page in it say so (docs/translations.md). Add a locale here only after the review.
REVIEWED: frozenset[str] = frozenset()

DRAFT_NOTICE = "Draft translation — under review by native speakers"


def normalise(tag: str) -> str | None:
    """A BCP-47 tag or POSIX locale → the supported locale it falls back to, if any.

    ``zh``, ``zh-CN`` and ``zh-SG`` are written in simplified characters (CLDR likely subtags), so
    they fall back to ``zh_Hans``; ``zh-TW`` is ``zh_Hant``, which Titian does not ship."""
    try:
        locale = Locale.parse(tag.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    script = locale.script
    if not script and locale.language == "zh":
        script = str(get_global("likely_subtags").get("zh", "zh_Hans")).split("_")[1]
    candidates = [f"{locale.language}_{script}" if script else "", locale.language]
    return next((c for c in candidates if c in SUPPORTED), None)


def parse_accept_language(header: str) -> list[str]:
    """The tags of an Accept-Language header, most wanted first (RFC 9110 §12.5.4): ``q=0``
    means "not this one"; equal weights keep the order the browser sent."""
    weighted: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        tag = tag.strip()
        if not tag or tag == "*":
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            weighted.append((-quality, index, tag))
    return [tag for _q, _i, tag in sorted(weighted)]


def negotiate(
    chosen: str | Sequence[str | None] | None,
    accept_language: str,
    default: str = "en",
    offered: Collection[str] | None = None,
) -> str:
    """Pick the locale: the person's explicit choices first (in the order given), then the
    Accept-Language order, then the default. Only ``offered`` locales (default: those with a
    catalogue) are ever chosen; a choice that is not offered is skipped."""
    choices = available_locales() if offered is None else offered

    def pick(tag: str | None) -> str | None:
        found = normalise(tag) if tag else None
        return found if found in choices else None

    wanted = [chosen] if chosen is None or isinstance(chosen, str) else list(chosen)
    for tag in [*wanted, *parse_accept_language(accept_language)]:
        if found := pick(tag):
            return found
    return pick(default) or "en"


def _catalogue_dir(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES"


@cache
def available_locales() -> tuple[str, ...]:
    """``en`` and every supported locale that has a catalogue, in the order of ``SUPPORTED``."""
    return tuple(
        loc
        for loc in SUPPORTED
        if loc == "en"
        or (_catalogue_dir(loc) / f"{DOMAIN}.po").is_file()
        or (_catalogue_dir(loc) / f"{DOMAIN}.mo").is_file()
    )


def offered(value: str) -> str | None:
    """The shipped locale that ``value`` names (``th-TH`` -> ``th``), or None when Titian does not
    offer it: the one rule for every door that accepts a language (switcher, users API)."""
    chosen = normalise(value) if value else None
    return chosen if chosen is not None and chosen in available_locales() else None


@cache
def translations(locale: str) -> NullTranslations:
    """The catalogue of ``locale``: the compiled ``.mo`` when it is at least as new as its
    ``.po``, else the ``.po`` compiled in memory (a fresh clone or a wheel built without
    ``titian i18n compile``), else the English strings themselves."""
    directory = _catalogue_dir(locale)
    mo, po = directory / f"{DOMAIN}.mo", directory / f"{DOMAIN}.po"
    if mo.is_file() and (not po.is_file() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    if po.is_file():
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=locale, domain=DOMAIN)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return Translations(buffer, domain=DOMAIN)
    return NullTranslations()


def is_draft(locale: str) -> bool:
    """A translated locale whose catalogue has not been reviewed by native speakers yet."""
    return locale != "en" and locale not in REVIEWED


def html_lang(locale: str) -> str:
    """The BCP-47 tag for ``<html lang>``: ``zh_Hans`` → ``zh-Hans``."""
    return locale.replace("_", "-")


@cache
def text_direction(locale: str) -> str:
    """``ltr`` or ``rtl`` for ``<html dir>``, from CLDR's character order."""
    try:
        order = Locale.parse(locale).character_order
    except (UnknownLocaleError, ValueError):
        return "ltr"
    return "rtl" if order == "right-to-left" else "ltr"


@cache
def display_name(locale: str) -> str:
    """The language's own name for itself (``ไทย``, ``Tiếng Việt``), so that a person who cannot
    read the current page can still find their language in the switcher."""
    try:
        parsed = Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        return locale
    name = parsed.get_display_name(parsed) or locale
    return name[:1].upper() + name[1:]


def language_choices() -> list[tuple[str, str]]:
    """``(locale, own name)`` for every offered locale: the language switcher's options."""
    return [(loc, display_name(loc)) for loc in available_locales()]
