"""The message catalogues: extract the strings of the sources into ``messages.pot``, carry them into
every ``<loc>/LC_MESSAGES/messages.po``, compile those to ``messages.mo``, and check them.

Every step writes a file only when its messages changed, so running ``make messages`` twice in a
row changes nothing (no date-only diffs). Locations are file names without line numbers, so
moving a string inside a template does not touch the catalogues either."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po, write_po

from titian.i18n.locales import (
    DOMAIN,
    DRAFT_NOTICE,
    LOCALE_DIR,
    SUPPORTED,
    display_name,
    is_draft,
)

PROJECT = "Titian"
BUGS = "the Titian maintainers (docs/translations.md)"
COMMENT_TAGS = ("Translators:",)
#: Babel's keywords (``_``, ``gettext``, ``ngettext``, ``pgettext``, ``N_``…),
#: ``nN_(singular, plural)``, the plural twin of ``N_`` (``titian.i18n``), and
#: ``pN_(context, message)``, a vocabulary term with its vocabulary as ``msgctxt``
#: (``titian.i18n.terms``).
KEYWORDS = {**DEFAULT_KEYWORDS, "nN_": (1, 2), "pN_": ((1, "c"), 2)}
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"

# Header lines stay under 76 characters: write_po wraps longer ones.
POT_HEADER = """\
# Titian: the interface strings, extracted by `make messages`.
# Do not edit: change the source and run `make messages`
# (docs/translations.md).
# Distributed under the same license as Titian (AGPL-3.0-or-later).
#"""

PO_HEADER = """\
# Titian: the interface in {name} ({locale}).
# {notice}.
# {origin}
# Plain, literal wording: victims of trafficking and the people who
# support them read these texts. Keep placeholders (%(name)s, {{name}}),
# identifiers, URLs and HTML unchanged.
# Distributed under the same license as Titian (AGPL-3.0-or-later).
#"""
DRAFT_ORIGIN = "A machine-assisted first draft, not yet checked by a native speaker."
REVIEWED_ORIGIN = "Checked by native speakers (docs/translations.md)."

#: ``%(name)s``, ``%s``, ``%d`` and ``{name}`` / ``{0}`` / ``{}``. ``%%`` (a literal percent sign)
#: is removed before matching; a bare ``%`` followed by a space ("25% of") is text, not a format.
PLACEHOLDER = re.compile(
    r"%\([^)]+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|%[-#0+]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"
    r"|\{[A-Za-z0-9_]*(?:[!:][^{}]*)?\}"
)
HTML_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
URL = re.compile(r"https?://[^\s\"'<>)]+")


def _version() -> str:
    try:
        return metadata.version("titian")
    except metadata.PackageNotFoundError:
        return "0"


def source_root() -> Path:
    """The checkout holding ``babel.cfg`` (``src/titian/i18n`` is three levels below it)."""
    return LOCALE_DIR.parents[3]


def po_path(locale: str) -> Path:
    return LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalogue_locales() -> list[str]:
    """The locales that have a ``.po``, in the order of ``SUPPORTED``."""
    return [loc for loc in SUPPORTED if po_path(loc).is_file()]


def extract(root: Path | None = None) -> Catalog:
    """Every translatable string of the sources, as ``babel.cfg`` in ``root`` maps them."""
    root = root or source_root()
    config = root / "babel.cfg"
    with config.open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle, str(config))  # type: ignore[no-untyped-call]
    catalog = Catalog(
        project=PROJECT,
        version=_version(),
        msgid_bugs_address=BUGS,
        copyright_holder="The Titian contributors",
        header_comment=POT_HEADER,
        charset="utf-8",
        fuzzy=False,
    )
    found = extract_from_dir(
        root,
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, _lineno, message, comments, context in found:
        # No line numbers, so moving a string is not a change; the same string twice in one
        # file merges into one location (Catalog.__setitem__).
        where: Any = [(Path(filename).as_posix(), None)]
        catalog.add(message, None, where, auto_comments=comments, context=context)
    return catalog


def _key(message: Message) -> tuple[object, ...]:
    return (
        message.id,
        message.context,
        message.string or "",
        tuple(sorted(message.locations, key=str)),
        tuple(sorted(message.flags)),
        tuple(message.auto_comments),
    )


def same_messages(a: Catalog, b: Catalog) -> bool:
    """Equal messages, ignoring the header (dates, translator)."""
    return sorted((_key(m) for m in a if m.id), key=str) == sorted(
        (_key(m) for m in b if m.id), key=str
    )


def render_po(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return buffer.getvalue()


def read(path: Path, locale: str | None = None, strict: bool = False) -> Catalog:
    """A ``.po``/``.pot``; ``strict`` raises ``PoFileError`` where Babel would only log."""
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN, abort_invalid=strict)


def write_template(root: Path | None = None) -> bool:
    """Write ``messages.pot`` when the extracted strings differ from it; True when written."""
    catalog = extract(root)
    if TEMPLATE.is_file() and same_messages(read(TEMPLATE), catalog):
        return False
    catalog.creation_date = datetime.now(UTC)
    TEMPLATE.parent.mkdir(parents=True, exist_ok=True)
    TEMPLATE.write_bytes(render_po(catalog))
    return True


def _po_header(locale: str) -> str:
    draft = is_draft(locale)
    return PO_HEADER.format(
        name=display_name(locale),
        locale=locale,
        notice=DRAFT_NOTICE if draft else "Reviewed by native speakers",
        origin=DRAFT_ORIGIN if draft else REVIEWED_ORIGIN,
    )


def init(locale: str) -> Path:
    """Start the catalogue of a supported locale from the template (plural forms from CLDR)."""
    if locale not in SUPPORTED or locale == "en":
        raise ValueError(f"{locale!r} is not a supported locale to translate into")
    path = po_path(locale)
    if path.exists():
        raise FileExistsError(path)
    template = read(TEMPLATE)
    catalog = Catalog(
        locale=locale,
        domain=DOMAIN,
        project=PROJECT,
        version=_version(),
        msgid_bugs_address=BUGS,
        copyright_holder="The Titian contributors",
        header_comment=_po_header(locale),
        revision_date=datetime.now(UTC),
        last_translator="Titian contributors (draft)",
        language_team=display_name(locale),
        charset="utf-8",
        fuzzy=False,
    )
    catalog.update(template, no_fuzzy_matching=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_po(catalog))
    return path


def updated(locale: str, template: Catalog) -> bytes:
    """The ``.po`` of ``locale`` carried to ``template``: new strings empty, removed ones
    dropped, never a fuzzy guess (these texts are safety-relevant), the header notice current."""
    catalog = read(po_path(locale), locale)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.header_comment = _po_header(locale)
    return render_po(catalog)


def update(locales: Iterable[str] | None = None) -> list[str]:
    """Carry ``messages.pot`` into each ``.po``; returns the locales whose file changed."""
    template = read(TEMPLATE)
    written = []
    for locale in locales or catalogue_locales():
        path = po_path(locale)
        after = updated(locale, template)
        if after != path.read_bytes():
            path.write_bytes(after)
            written.append(locale)
    return written


@dataclass(frozen=True)
class Problem:
    locale: str
    msgid: str
    reason: str

    def __str__(self) -> str:
        return f"{self.locale}: {self.msgid!r}: {self.reason}"


def _forms(message: Message) -> list[str]:
    value = message.string
    return [s for s in value if s] if isinstance(value, tuple | list) else [value] if value else []


def _tokens(pattern: re.Pattern[str], text: str) -> list[str]:
    return sorted(pattern.findall(text.replace("%%", "") if pattern is PLACEHOLDER else text))


def check_message(locale: str, message: Message) -> list[Problem]:
    """A translation keeps the placeholders, HTML tags and URLs of its source, exactly."""
    ids = list(message.id) if isinstance(message.id, tuple | list) else [message.id]
    source = ids[-1]  # the plural source names the placeholders every plural form needs
    problems = []
    for form in _forms(message):
        for what, pattern in (("placeholders", PLACEHOLDER), ("HTML", HTML_TAG), ("URLs", URL)):
            if _tokens(pattern, form) != _tokens(pattern, source):
                want, got = _tokens(pattern, source), _tokens(pattern, form)
                problems.append(Problem(locale, ids[0], f"{what} {want} became {got}"))
    return problems


def check(locale: str) -> list[Problem]:
    """Everything wrong with one catalogue: placeholders, plural forms, the draft notice.

    Babel's own ``python_format`` checker is not used: it reads "95 % error" as a ``% e``
    format and refuses a faithful translation; ``PLACEHOLDER`` does not. Missing plural forms
    are not a problem: the compiled catalogue falls back to the English form."""
    try:
        catalog = read(po_path(locale), locale, strict=True)
    except PoFileError as exc:  # e.g. more plural forms than the locale's CLDR rule has
        return [Problem(locale, "", f"not a valid catalogue: {exc}")]
    problems = [p for m in catalog if m.id for p in check_message(locale, m)]
    if is_draft(locale) and DRAFT_NOTICE not in (catalog.header_comment or ""):
        problems.append(Problem(locale, "", "the header does not say it is a draft translation"))
    return problems


def compile_mo(locale: str) -> bytes:
    """The ``.mo`` bytes of one catalogue (fuzzy entries left out, as gettext does)."""
    buffer = io.BytesIO()
    write_mo(buffer, read(po_path(locale), locale))
    return buffer.getvalue()


def compile_all(locales: Iterable[str] | None = None) -> list[Path]:
    """Compile each ``.po`` to its ``.mo``; a catalogue with problems is refused, not compiled."""
    written = []
    for locale in locales or catalogue_locales():
        problems = check(locale)
        if problems:
            raise ValueError("\n".join(str(p) for p in problems))
        target = po_path(locale).with_suffix(".mo")
        data = compile_mo(locale)
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        else:
            target.touch()  # newer than its .po, so translations() reads it
        written.append(target)
    return written
