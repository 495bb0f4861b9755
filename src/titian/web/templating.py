"""The template environment and the one ``render`` every page uses."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from jinja2 import pass_context
from jinja2.runtime import Context

from titian.auth import policies
from titian.auth.policies import Permission, Principal
from titian.i18n import locales, terms
from titian.i18n.formatting import formats
from titian.i18n.locales import negotiate, translations
from titian.settings import Settings

templates = Jinja2Templates(
    directory=str(Path(__file__).parent / "templates"),
)
templates.env.globals["has"] = policies.has
templates.env.globals["Permission"] = Permission
templates.env.globals["language_choices"] = locales.language_choices
templates.env.globals["text_direction"] = locales.text_direction
templates.env.globals["is_draft"] = locales.is_draft


@pass_context
def term(context: Context, value: object, vocabulary: str | None = None) -> str:
    """A vocabulary value as a word in the page's language: ``{{ case.status | term }}`` for an
    enum member, ``{{ value | term("cases.CustodyStatus") }}`` or ``term(value,
    "cases.CustodyStatus")`` for a stored string. Falls back to the English label, and to the
    value itself when it has no term: never an error on a page (``titian.i18n.terms``)."""
    locale = context.get("locale") or "en"
    return terms.translate(translations(str(locale)), value, vocabulary)


@pass_context
def term_text(context: Context, text: object, vocabulary: str) -> str:
    """A stored English text that is a label of ``vocabulary`` (a match's reasons), translated;
    any other text as stored."""
    locale = context.get("locale") or "en"
    return terms.translate_text(translations(str(locale)), text, vocabulary)


templates.env.filters["term"] = term
templates.env.filters["term_text"] = term_text
templates.env.globals["term"] = term

#: The language chosen with the switcher (web/routes/language.py), for pages before sign-in.
LANGUAGE_COOKIE = "titian_locale"


@dataclass
class PageContext:
    """What every page knows: who is looking, their CSRF token and locale."""

    principal: Principal | None
    csrf_token: str
    locale: str
    extra: dict[str, Any] = field(default_factory=dict)


def page_context(request: Request) -> PageContext:
    ctx = getattr(request.state, "page", None)
    if isinstance(ctx, PageContext):
        return ctx
    settings: Settings = request.app.state.settings
    locale = negotiate(
        request.cookies.get(LANGUAGE_COOKIE),
        request.headers.get("accept-language", ""),
        settings.default_locale,
    )
    return PageContext(None, request.cookies.get("titian_csrf", ""), locale)


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    page = page_context(request)
    catalogue = translations(page.locale)
    values = {
        "principal": page.principal,
        "csrf_token": page.csrf_token,
        "locale": page.locale,
        "quick_exit_url": settings.quick_exit_url,
        "nav": [
            i
            for i in request.app.state.nav
            if page.principal
            and (i.permission is None or policies.has(page.principal, i.permission))
        ],
        "htmx": request.headers.get("hx-request") == "true",
        "_": terms.gettext_for(catalogue),
        "ngettext": catalogue.ngettext,
        "fmt": formats(page.locale),
        **(context or {}),
    }
    return templates.TemplateResponse(request, name, values, status_code=status_code)
