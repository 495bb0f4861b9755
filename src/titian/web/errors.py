"""Errors as pages: the same hierarchy as the API, rendered for people."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from titian.errors import TitianError
from titian.i18n import N_
from titian.web.deps import LoginRequired
from titian.web.templating import render

#: Page titles by status, translated by ``error.html``.
TITLES = {
    401: N_("Please sign in"),
    403: N_("Not allowed"),
    404: N_("Page not found"),
    405: N_("Not allowed"),
    409: N_("Someone else changed this"),
    422: N_("Please check what you entered"),
    429: N_("Too many attempts"),
}


def error_page(
    request: Request, status: int, message: str, details: dict[str, object] | None = None
) -> HTMLResponse:
    """The error page. ``message`` is an ``N_()`` message, translated by ``error.html``; a
    domain error's own message (``TitianError.message``) is English and shows as it is unless
    the catalogue happens to hold it."""
    title = TITLES.get(status, N_("Something went wrong"))
    return render(
        request,
        "error.html",
        {"status": status, "title": title, "message": message, "details": details or {}},
        status_code=status,
    )


def titian_error_page(request: Request, exc: TitianError) -> HTMLResponse:
    return error_page(request, exc.status_code, exc.message, exc.details)


def login_redirect(request: Request, exc: LoginRequired) -> Response:
    target = f"/login?next={quote(exc.next_path)}"
    if request.headers.get("hx-request") == "true":
        return Response(status_code=200, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)
