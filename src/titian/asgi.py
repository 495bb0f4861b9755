"""The ASGI application for servers: ``uvicorn titian.asgi:app`` (settings from the environment)."""

from titian.app import create_app
from titian.settings import Settings

app = create_app(Settings())
