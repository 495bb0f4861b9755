"""The GESI report's texts in the reader's language, and their extraction for ``make messages``.

The indicator catalogue (``catalogue/*.yaml``) holds English texts that a report shows: each
indicator's title, denominator and unit, the catalogue's citation, and the labels of the code
lists and dimensions (``codes.yaml``). :func:`extract_catalogue` is a Babel extraction method,
named in ``babel.cfg``, so these texts reach ``messages.pot`` like any ``N_()`` string: titles,
denominators, units and citations as plain messages, labels with the context :data:`LABELS`
(a short word such as "Women" or "Group" can then be translated as a category, apart from the
same word elsewhere). :class:`Texts` translates them when a report is built for a page;
country names come from CLDR (Babel's territory names), not from the catalogue.

The JSON API and the command line stay in English: they never build a report, and every text
they print is the catalogue's English (the default :data:`ENGLISH` of a report built without a
language is the same; docs/translations.md, "The GESI report").
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import pycountry
import yaml
from babel import Locale, UnknownLocaleError

from titian.analytics.catalogue import label
from titian.i18n import Message
from titian.i18n.locales import translations
from titian.i18n.terms import Catalogue
from titian.privacy.sdc_release import TOTAL_LABEL

#: The message context of a category or dimension label (``codes.yaml``).
LABELS = "analytics.label"
#: The fields of an indicator (``catalogue/<source>.yaml``) that a report shows.
INDICATOR_FIELDS = ("title", "denominator", "unit")

Extracted = tuple[int, str | None, str | tuple[str, str], list[str]]


def _line_of(text: str, needle: str) -> int:
    """The first line holding ``needle`` (1 when not found: a folded YAML text)."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    return 1


def _labelled(value: str) -> bool:
    """A label worth translating: one with a letter (``0-8``, ``48+`` read the same everywhere)."""
    return any(ch.isalpha() for ch in value)


def _label_message(lineno: int, text: str, code: str) -> Extracted:
    return (lineno, "pgettext", (LABELS, text), [f"the GESI report's label of the code {code!r}"])


def extract_catalogue(
    fileobj: IO[bytes], keywords: object, comment_tags: object, options: dict[str, Any]
) -> Iterator[Extracted]:
    """Babel extraction method for the analytics catalogue YAML files (``babel.cfg``).

    ``codes.yaml``: every label, and the label of every code of a list that has none (the
    readable form :func:`titian.analytics.catalogue.label` gives it). An indicator file: each
    indicator's title, denominator and unit, the label of each of its dimensions, and the
    citation."""
    del keywords, comment_tags, options
    text = fileobj.read().decode("utf-8")
    raw = yaml.safe_load(text) or {}
    if "lists" in raw:
        labels = {str(k): str(v) for k, v in (raw.get("labels") or {}).items()}
        for code, value in labels.items():
            yield _label_message(_line_of(text, f"{code}:"), value, code)
        for codes in raw["lists"].values():
            for code in map(str, codes):
                if code not in labels and _labelled(label(code)):
                    yield _label_message(_line_of(text, code), label(code), code)
        return
    if raw.get("citation"):
        citation = str(raw["citation"]).strip()
        yield _line_of(text, "citation:"), None, citation, ["the source of the figures"]
    for item in raw.get("indicators") or []:
        where = _line_of(text, f"id: {item['id']}")
        for name in INDICATOR_FIELDS:
            if item.get(name):
                comment = f"the {name} of the GESI indicator {item['id']}"
                yield where, None, str(item[name]).strip(), [comment]
        for dimension in item.get("dimensions") or []:
            name = str(dimension["name"])
            yield _label_message(where, label(name), name)


def _country_alpha2(code: str) -> str | None:
    if not (len(code) in (2, 3) and code.isupper()):
        return None
    if len(code) == 2:
        found = pycountry.countries.get(alpha_2=code)
    else:
        found = pycountry.countries.get(alpha_3=code)
    return None if found is None else str(found.alpha_2)


@dataclass(frozen=True)
class Texts:
    """A report's texts in one language: messages from the catalogue of ``locale``, country
    names from CLDR. ``Texts()`` is English: every text as the catalogue YAML writes it."""

    locale: str = "en"
    catalogue: Catalogue | None = field(default=None, compare=False)

    @classmethod
    def for_locale(cls, locale: str) -> Texts:
        return cls(locale, None if locale == "en" else translations(locale))

    def text(self, message: str) -> str:
        """A catalogue text (title, denominator, unit, citation) or an ``N_`` string."""
        if isinstance(message, Message):
            return message.translated(self.gettext)
        return self.gettext(message) if message else ""

    def gettext(self, message: str) -> str:
        return message if self.catalogue is None else str(self.catalogue.gettext(message))

    def label(self, code: str) -> str:
        """The label of a category or dimension code: a country by its CLDR name, ``Total``
        and the code lists' labels from the catalogue."""
        english = label(code)
        if self.catalogue is None or not english:
            return english
        if code == TOTAL_LABEL:
            return self.gettext(TOTAL_LABEL)
        alpha2 = _country_alpha2(code)
        if alpha2 is not None and english != code:
            return self.country(alpha2) or english
        return str(self.catalogue.pgettext(LABELS, english))

    def country(self, alpha2: str) -> str | None:
        """The CLDR name of a country in this language (None when CLDR has none)."""
        try:
            names = Locale.parse(self.locale).territories
        except (UnknownLocaleError, ValueError):
            return None
        found = names.get(alpha2.upper())
        return None if found is None else str(found)

    def fill(self, message: str, **values: object) -> str:
        """An ``N_`` sentence with named placeholders, translated and then filled."""
        return self.gettext(message) % values


ENGLISH = Texts()
