"""Translations (Babel/gettext) and locale negotiation."""

from __future__ import annotations


def N_(message: str) -> str:  # noqa: N802 - the gettext convention, known to the extractor
    """Mark a string for ``make messages`` without translating it here: the page that shows it
    translates it with ``_()`` in the reader's language (docs/developing.md)."""
    return message


def nN_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - like N_
    """Mark a singular/plural pair for ``make messages``; the page chooses the form later with
    ``ngettext(singular, plural, n)`` (e.g. ``titian.web.panels.Line``)."""
    return singular, plural
