"""Access rows of the language switcher: every person chooses their own interface language."""

from __future__ import annotations

from tests.access.matrix import Row

WEB: list[Row] = [
    Row(
        "POST",
        "/language",
        lambda w: "/language",
        403,
        None,
        None,
        303,
        form=lambda w: {"locale": "th", "next": "/"},
        why="one's own language: no role, no agency; anonymous = without the sign-in CSRF cookie "
        "(the sign-in page's switcher is tested in tests/web/test_i18n_pages.py)",
    ),
]
