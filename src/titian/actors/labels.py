"""Terms of the actor register (``titian.actors.vocab``).

The plain English label of every value, marked for translation with the vocabulary's name as
its context (``titian.i18n.terms``, docs/translations.md). Add a label here when you add a
member: registering a vocabulary with a member missing fails at import."""

from __future__ import annotations

from titian.actors import vocab as v
from titian.i18n.terms import pN_, register

register(
    "actors.Gender",
    v.Gender,
    {
        v.Gender.WOMAN: pN_("actors.Gender", "woman"),
        v.Gender.MAN: pN_("actors.Gender", "man"),
        v.Gender.NON_BINARY: pN_("actors.Gender", "non-binary"),
        v.Gender.UNDISCLOSED: pN_("actors.Gender", "undisclosed"),
    },
)
