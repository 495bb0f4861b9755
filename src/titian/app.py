"""``create_app(settings)``: the one FastAPI application with its two HTTP doors (API and web)."""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from titian import __version__
from titian.api import errors as api_errors
from titian.api.router import build_api_router
from titian.db.engine import make_engine, make_sessionmaker
from titian.db.registry import load_models
from titian.errors import Conflict, TitianError
from titian.gateway.headers import security_headers
from titian.i18n import N_
from titian.settings import Settings
from titian.web import errors as web_errors
from titian.web.deps import CsrfFailed, LoginRequired
from titian.web.router import build_web_router, nav_items

log = logging.getLogger("titian")


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def create_app(settings: Settings | None = None, engine: Engine | None = None) -> FastAPI:
    """Build the application. Tests pass their own engine (bound to a test database)."""
    settings = settings or Settings()
    load_models()
    app = FastAPI(
        title="Titian API",
        version=__version__,
        description=(Path(__file__).parent / "api" / "description.md").read_text("utf-8"),
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine or make_engine(settings.database_url)
    app.state.sessionmaker = make_sessionmaker(app.state.engine)
    app.middleware("http")(security_headers)
    app.mount("/static", StaticFiles(packages=[("titian.web", "static")]), name="static")
    app.include_router(build_api_router())
    app.include_router(build_web_router())
    app.state.nav = nav_items()
    app.add_api_route("/healthz", _health, include_in_schema=False)
    _install_error_handlers(app)
    return app


def _health() -> dict[str, str]:
    return {"status": "ok", "version": __version__}


def _install_error_handlers(app: FastAPI) -> None:
    async def on_titian_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, TitianError)
        if _is_api(request):
            return api_errors.titian_error_json(exc)
        return web_errors.titian_error_page(request, exc)

    async def on_stale(request: Request, exc: Exception) -> Response:
        return await on_titian_error(
            request,
            Conflict(
                "this record was changed by someone else at the same moment; reload and try again"
            ),
        )

    async def on_validation(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        if _is_api(request):
            return api_errors.validation_error_json(exc)
        return web_errors.error_page(request, 422, N_("The form was not filled in as expected."))

    async def on_http(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if _is_api(request):
            return api_errors.http_error_json(exc.status_code, str(exc.detail))
        message = (
            N_("There is no page at this address.") if exc.status_code == 404 else str(exc.detail)
        )
        return web_errors.error_page(request, exc.status_code, message)

    async def on_login_required(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, LoginRequired)
        return web_errors.login_redirect(request, exc)

    async def on_csrf(request: Request, exc: Exception) -> Response:
        return web_errors.error_page(
            request,
            403,
            N_("This form has expired or did not come from Titian. Reload the page and try again."),
        )

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        if _is_api(request):
            return JSONResponse(
                {"error": "server_error", "message": "unexpected error"}, status_code=500
            )
        return web_errors.error_page(request, 500, N_("Something went wrong on our side."))

    app.add_exception_handler(TitianError, on_titian_error)
    app.add_exception_handler(StaleDataError, on_stale)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(LoginRequired, on_login_required)
    app.add_exception_handler(CsrfFailed, on_csrf)
    app.add_exception_handler(Exception, on_unexpected)
