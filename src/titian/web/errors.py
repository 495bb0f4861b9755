"""Errors as pages: the same hierarchy as the API, rendered for people."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from titian.errors import TitianError
from titian.web.deps import LoginRequired
from titian.web.templating import render

TITLES = {
    401: "Please sign in",
    403: "Not allowed",
    404: "Page not found",
    405: "Not allowed",
    409: "Someone else changed this",
    422: "Please check what you entered",
    429: "Too many attempts",
}


def error_page(
    request: Request, status: int, message: str, details: dict[str, object] | None = None
) -> HTMLResponse:
    title = TITLES.get(status, "Something went wrong")
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
