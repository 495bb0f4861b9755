"""Terms: the words a page shows for the values of a vocabulary, in the reader's language.

A vocabulary is a ``StrEnum`` whose values are Titian's stable system names (``non_binary``,
``forced_labour``). People never read those names: each domain registers one plain English label
per member (``non-binary``, ``forced labour``), marked with ``pN_(vocabulary, label)`` so that
``make messages`` extracts it with the vocabulary's name as its message context (``msgctxt``).
The same English word in two vocabularies can so be translated differently: ``other`` as a sector
and ``other`` as a means of control, ``women`` as a service's eligibility and as a network group.

The tables live with their domain (``titian/<domain>/labels.py``, listed in :data:`MODULES`); this
module only holds the registry and the lookup. A page shows a term with the ``term`` filter
(``titian.web.templating``): ``{{ case.status | term }}`` for an enum member,
``{{ value | term("cases.CustodyStatus") }}`` for a stored string. An unknown value is shown as it
is, never an error on a page (docs/translations.md, "Terms")."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from typing import Protocol, TypeVar

#: The modules that register terms; :func:`vocabularies` imports them all before answering, so
#: every caller (a page, a test, the CLI) sees the whole table.
MODULES: tuple[str, ...] = (
    "titian.services.labels",
    "titian.cases.labels",
    "titian.referrals.labels",
    "titian.network.labels",
    "titian.actors.labels",
    "titian.dialogues.labels",
    "titian.auth.labels",
    "titian.screening.labels",
    "titian.privacy.labels",
    "titian.analytics.labels",
)


def pN_(context: str, message: str) -> str:  # noqa: N802 - like N_, known to the extractor
    """Mark ``message`` for ``make messages`` with ``context`` as its ``msgctxt`` (the
    vocabulary's name), without translating it here: the page translates it with
    ``pgettext(context, message)`` in the reader's language."""
    del context
    return message


class Term(str):
    """An English label that knows its vocabulary, so that ``_()`` on a page translates it in
    that context (``choices()`` labels, panel terms). It compares and prints as the English
    label."""

    context: str

    def __new__(cls, text: str, context: str) -> Term:
        term = super().__new__(cls, text)
        term.context = context
        return term


@dataclass(frozen=True)
class Vocabulary:
    """One registered vocabulary: its name (the message context) and the English label of each
    value."""

    name: str
    enum: type[StrEnum]
    labels: Mapping[str, str]

    def term(self, value: str) -> Term | None:
        english = self.labels.get(str(value))
        return Term(english, self.name) if english is not None else None


class MissingTerm(ValueError):
    """A vocabulary was registered without a label for every member; names the members."""


E = TypeVar("E", bound=StrEnum)

_BY_NAME: dict[str, Vocabulary] = {}
_BY_ENUM: dict[type[StrEnum], Vocabulary] = {}
_loaded = False


def register(name: str, enum: type[E], labels: Mapping[E, str]) -> Vocabulary:
    """Register the English labels of ``enum`` under ``name``, the ``msgctxt`` that every
    ``pN_`` of ``labels`` must carry (``tests/unit/test_terms.py`` checks it). Every member needs a
    label: a missing one is an error at import, not a raw value on a page."""
    missing = [m.value for m in enum if m not in labels]
    foreign = [str(k) for k in labels if k not in set(enum)]
    if missing or foreign:
        raise MissingTerm(f"{name}: no label for {missing}; not members: {foreign}")
    known = _BY_NAME.get(name)
    if known is not None and known.enum is not enum:
        raise ValueError(f"{name}: already registered for {known.enum.__qualname__}")
    vocabulary = Vocabulary(name, enum, {m.value: labels[m] for m in enum})
    _BY_NAME[name] = vocabulary
    _BY_ENUM[enum] = vocabulary
    return vocabulary


def _load() -> None:
    global _loaded
    if not _loaded:
        for module in MODULES:
            import_module(module)
        _loaded = True


def vocabularies() -> list[Vocabulary]:
    """Every registered vocabulary, in the order registered."""
    _load()
    return list(_BY_NAME.values())


def vocabulary(which: str | type[StrEnum]) -> Vocabulary:
    """The vocabulary registered under a name or for an enum; ``KeyError`` when there is none."""
    _load()
    return _BY_NAME[which] if isinstance(which, str) else _BY_ENUM[which]


def find(value: object, which: str | type[StrEnum] | None = None) -> Term | None:
    """The English term of ``value`` (an enum member, or a string of the vocabulary ``which``),
    or None when the value or the vocabulary is unknown."""
    _load()
    if which is None:
        found = _BY_ENUM.get(type(value)) if isinstance(value, StrEnum) else None
    else:
        found = _BY_NAME.get(which) if isinstance(which, str) else _BY_ENUM.get(which)
    if found is None or value is None:
        return None
    return found.term(str(value))


def choices(enum: type[StrEnum]) -> tuple[tuple[str, str], ...]:
    """Form options of a registered vocabulary: ``(value, term)``, the term translated by the
    page's ``_()``. An enum without terms is a ``KeyError``, so a form cannot fall back to raw
    system names."""
    table = vocabulary(enum)
    return tuple((m.value, Term(table.labels[m.value], table.name)) for m in enum)


class Catalogue(Protocol):
    """Babel's ``Translations`` or ``NullTranslations`` (typed as returning ``object``)."""

    def gettext(self, message: str) -> object: ...

    def pgettext(self, context: str, message: str) -> object: ...


def translate(catalogue: Catalogue, value: object, which: str | type[StrEnum] | None = None) -> str:
    """The term of ``value`` in the catalogue's language; the English label when the catalogue
    lacks it; the value itself when it has no term (``""`` for None)."""
    if value is None:
        return ""
    if isinstance(value, Term) and which is None:
        return str(catalogue.pgettext(value.context, str(value)))
    found = find(value, which)
    if found is None:
        return str(value)
    return str(catalogue.pgettext(found.context, str(found)))


def translate_text(catalogue: Catalogue, text: object, which: str) -> str:
    """A text the domain stored in English (a match's reasons): its translation when it is exactly
    one of the labels of the vocabulary ``which``, else the text as stored (a reason with a
    detail added, such as an area code, stays English)."""
    if text is None:
        return ""
    _load()
    found = _BY_NAME.get(which)
    if found is None or str(text) not in set(found.labels.values()):
        return str(text)
    return str(catalogue.pgettext(found.name, str(text)))


def gettext_for(catalogue: Catalogue) -> GettextWithTerms:
    """The page's ``_()``: ``gettext``, except that a :class:`Term` is translated in its
    vocabulary's context."""
    return GettextWithTerms(catalogue)


@dataclass(frozen=True)
class GettextWithTerms:
    catalogue: Catalogue

    def __call__(self, message: str) -> str:
        if isinstance(message, Term):
            return str(self.catalogue.pgettext(message.context, str(message)))
        return str(self.catalogue.gettext(message))
