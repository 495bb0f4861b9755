"""Web pages: Jinja2 with HTMX, accessible, with a quick exit on every page."""
