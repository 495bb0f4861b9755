"""Translations (Babel/gettext) and locale negotiation."""

from __future__ import annotations

from collections.abc import Callable


def N_(message: str) -> str:  # noqa: N802 - the gettext convention, known to the extractor
    """Mark a string for ``make messages`` without translating it here: the page that shows it
    translates it with ``_()`` in the reader's language (docs/developing.md)."""
    return message


def nN_(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802 - like N_
    """Mark a singular/plural pair for ``make messages``; the page chooses the form later with
    ``ngettext(singular, plural, n)`` (e.g. ``titian.web.panels.Line``)."""
    return singular, plural


class Message(str):
    """An English sentence filled from an ``N_`` template with named placeholders, which a page
    can still show in its own language: it prints as the English text (the JSON API, the CLI
    and the logs stay English), and :meth:`translated` translates the template, then fills it.

    ``Message(N_("%(count)s cell(s) suppressed."), count=3)`` is ``"3 cell(s) suppressed."``."""

    template: str
    values: dict[str, object]

    def __new__(cls, template: str, **values: object) -> Message:
        message = super().__new__(cls, template % values if values else template)
        message.template = template
        message.values = values
        return message

    def translated(self, gettext: Callable[[str], object]) -> str:
        """The template in ``gettext``'s language, filled with the same values."""
        text = str(gettext(self.template))
        return text % self.values if self.values else text
