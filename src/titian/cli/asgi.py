"""The ASGI application for servers: ``uvicorn titian.cli.asgi:app``."""

from titian.app import create_app
from titian.cli.context import settings

app = create_app(settings())
