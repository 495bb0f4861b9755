"""Terms of analytics: the sources of the figures (``titian.i18n.terms``, docs/translations.md)."""

from __future__ import annotations

from titian.analytics.catalogue import Source
from titian.i18n.terms import pN_, register

register(
    "analytics.Source",
    Source,
    {
        Source.CTDC: pN_("analytics.Source", "CTDC (imported data)"),
        Source.TITIAN: pN_("analytics.Source", "Titian case data"),
    },
)
