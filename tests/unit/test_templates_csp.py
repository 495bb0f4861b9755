"""The Content-Security-Policy allows styles and scripts from Titian's own files only
(`style-src 'self'`, `script-src 'self'`): an inline `style="…"` attribute, a `<style>` block, an
inline `<script>` or an `on…=` handler in a template would be silently blocked by the browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import titian.web

pytestmark = pytest.mark.pure

ROOT = Path(titian.web.__file__).parent / "templates"
# Never served over HTTP: rendered into Chromium's page for the PDF, where no CSP applies.
PRINT_ONLY = {"analytics/report_print.html"}
TEMPLATES = sorted(
    p for p in ROOT.rglob("*.html") if p.relative_to(ROOT).as_posix() not in PRINT_ONLY
)
FORBIDDEN = {
    "inline style attribute": re.compile(r"\sstyle\s*=", re.I),
    "style block": re.compile(r"<style[\s>]", re.I),
    # a JSON data island (type="application/json") is data, not script: the CSP allows it
    "inline script": re.compile(
        r"<script(?![^>]*\s(?:src=|type=\"application/json\"))[^>]*>", re.I
    ),
    "inline event handler": re.compile(r"\son[a-z]+\s*=\s*[\"']", re.I),
}


def test_there_are_templates() -> None:
    assert len(TEMPLATES) > 20


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.parent.name + "/" + p.name)
def test_a_template_has_nothing_inline_the_csp_would_block(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    found = [
        f"{what} on line {text.count(chr(10), 0, m.start()) + 1}"
        for what, pattern in FORBIDDEN.items()
        for m in pattern.finditer(text)
    ]
    assert not found, f"{path.name}: {', '.join(found)}"
