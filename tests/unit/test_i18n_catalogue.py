"""The translation catalogues stay true to the sources: ``messages.pot`` holds every string the
templates and Python mark with ``_()``, every ``.po`` carries exactly those strings, compiles,
keeps every placeholder, HTML tag and URL, and says it is a draft until it is reviewed.

When a test here fails after you changed a template, run ``make messages`` (docs/translations.md).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.support import Translations
from jinja2 import TemplateSyntaxError

from titian.i18n import catalogue
from titian.i18n.locales import DRAFT_NOTICE, SUPPORTED, available_locales, is_draft

pytestmark = pytest.mark.pure

LOCALES = catalogue.catalogue_locales()
RUN_MAKE_MESSAGES = "run `make messages` (docs/translations.md)"


def _ids(catalog: Catalog) -> set[tuple[object, str | None]]:
    return {(m.id, m.context) for m in catalog if m.id}


def test_there_are_catalogues_for_the_first_locales() -> None:
    assert {"th", "id", "vi"} <= set(LOCALES)
    assert all(loc in SUPPORTED for loc in LOCALES)


def test_the_template_is_up_to_date_with_the_sources() -> None:
    extracted = catalogue.extract()
    saved = catalogue.read(catalogue.TEMPLATE)
    missing = sorted(map(str, _ids(extracted) - _ids(saved)))
    stale = sorted(map(str, _ids(saved) - _ids(extracted)))
    assert not missing, f"strings missing from messages.pot ({RUN_MAKE_MESSAGES}): {missing[:20]}"
    assert not stale, f"strings no longer in the sources ({RUN_MAKE_MESSAGES}): {stale[:20]}"
    assert catalogue.same_messages(saved, extracted), f"locations changed: {RUN_MAKE_MESSAGES}"


def test_the_extraction_finds_the_strings_of_base_html() -> None:
    ids = {m.id for m in catalogue.extract() if m.id}
    assert {"Sign in", "Quick exit", DRAFT_NOTICE, "Change language"} <= ids
    assert len(ids) > 300


def test_the_extraction_reads_python_and_templates_as_babel_cfg_says(tmp_path: Path) -> None:
    shutil.copy(catalogue.source_root() / "babel.cfg", tmp_path / "babel.cfg")
    package = tmp_path / "src" / "titian"
    (package / "web" / "templates" / "area").mkdir(parents=True)
    (package / "area.py").write_text(
        'from titian.i18n import N_\nTITLE = N_("Shelters")\nOTHER = _("Hotlines")\n'
        'NOT_MARKED = "Internal"\n',
        encoding="utf-8",
    )
    (package / "web" / "templates" / "area" / "page.html").write_text(
        '{# Translators: the heading of the shelter list #}\n<h1>{{ _("Shelters") }}</h1>\n'
        '{{ ngettext("%(num)d bed", "%(num)d beds", n) | format(num=n) }}\n',
        encoding="utf-8",
    )
    found = {m.id: m for m in catalogue.extract(tmp_path) if m.id}
    assert set(found) == {"Shelters", "Hotlines", ("%(num)d bed", "%(num)d beds")}
    assert sorted(path for path, _line in found["Shelters"].locations) == [
        "src/titian/area.py",
        "src/titian/web/templates/area/page.html",
    ]
    assert found["Shelters"].auto_comments == ["the heading of the shelter list"]
    assert found[("%(num)d bed", "%(num)d beds")].python_format


def test_a_template_that_does_not_parse_fails_the_extraction(tmp_path: Path) -> None:
    shutil.copy(catalogue.source_root() / "babel.cfg", tmp_path / "babel.cfg")
    templates = tmp_path / "src" / "titian" / "web" / "templates"
    templates.mkdir(parents=True)
    (templates / "broken.html").write_text('{{ _("Open") }{% if %}', encoding="utf-8")
    with pytest.raises(TemplateSyntaxError):
        catalogue.extract(tmp_path)


@pytest.mark.parametrize("locale", LOCALES)
def test_a_catalogue_has_exactly_the_strings_of_the_template(locale: str) -> None:
    template = catalogue.read(catalogue.TEMPLATE)
    po = catalogue.read(catalogue.po_path(locale), locale)
    assert _ids(po) == _ids(template), RUN_MAKE_MESSAGES
    assert catalogue.updated(locale, template) == catalogue.po_path(locale).read_bytes(), (
        RUN_MAKE_MESSAGES
    )


@pytest.mark.parametrize("locale", LOCALES)
def test_a_catalogue_compiles_and_translates(locale: str) -> None:
    compiled = Translations(io.BytesIO(catalogue.compile_mo(locale)))
    translated = compiled.gettext(DRAFT_NOTICE)
    assert translated and translated != DRAFT_NOTICE
    assert compiled.gettext("Sign in") != "Sign in"


@pytest.mark.parametrize("locale", LOCALES)
def test_a_catalogue_keeps_placeholders_html_and_urls(locale: str) -> None:
    problems = catalogue.check(locale)
    assert not problems, "\n".join(map(str, problems))


@pytest.mark.parametrize("locale", LOCALES)
def test_plural_forms_come_from_cldr(locale: str) -> None:
    po = catalogue.read(catalogue.po_path(locale), locale)
    assert po.plural_forms == Catalog(locale=locale).plural_forms


@pytest.mark.parametrize("locale", LOCALES)
def test_an_unreviewed_catalogue_says_it_is_a_draft(locale: str) -> None:
    header = catalogue.read(catalogue.po_path(locale), locale).header_comment
    if is_draft(locale):
        assert DRAFT_NOTICE in header
        assert catalogue.DRAFT_ORIGIN in header


def _extracted_from(relative: str) -> set[object]:
    """The msgids ``messages.pot`` extracted from one source file (marked there, not merely
    equal to a string some template happens to hold)."""
    saved = catalogue.read(catalogue.TEMPLATE)
    return {m.id for m in saved if m.id and any(loc == relative for loc, _ in m.locations)}


def _relative(module: object) -> str:
    path = Path(str(getattr(module, "__file__", "")))
    return path.relative_to(catalogue.source_root()).as_posix()


def test_every_nav_label_of_every_routes_module_is_marked_and_extracted() -> None:
    """A menu label must be ``N_("…")`` in its routes module: ``_nav.html`` shows it with
    ``_(item.label)``, and a label that ``make messages`` never saw stays English in every
    language."""
    from titian.web import router

    found = 0
    missing = []
    for module in router._modules():
        labels = [label for label, _href, _permission in getattr(module, "NAV", [])]
        found += len(labels)
        marked = _extracted_from(_relative(module)) if labels else set()
        missing += [f"{_relative(module)}: {label!r}" for label in labels if label not in marked]
    assert found >= 15, "the web routes modules were not discovered"
    assert not missing, f"NAV labels not marked with N_() or not extracted: {missing}"


def test_the_error_page_titles_are_marked_and_extracted() -> None:
    from titian.web import errors

    marked = _extracted_from(_relative(errors))
    assert set(errors.TITLES.values()) | {"Something went wrong"} <= marked


def test_every_catalogue_is_offered() -> None:
    assert set(LOCALES) | {"en"} == set(available_locales())


def _message(source: str | tuple[str, str], *translations: str) -> Message:
    string: str | tuple[str, ...] = translations if isinstance(source, tuple) else translations[0]
    return Message(source, string)


KEPT = [
    ("%(count)s cases", "%(count)s กรณี"),
    ("Step {n} of {total}", "ขั้นตอน {n} จาก {total}"),
    ("Order {b} before {a}", "{a} setelah {b}"),
    ("100%% sure: %s", "chắc chắn 100%%: %s"),
    ("See <a href='/gaps'>gaps</a>", "ดู <a href='/gaps'>ช่องว่าง</a>"),
    ("Read https://www.ilo.org/forced-labour first", "Baca https://www.ilo.org/forced-labour dulu"),
    ("No placeholder", ""),
    ("95 % error of each count", "galat 95 % dari setiap hitungan"),  # "% e" is text, not a format
]
BROKEN = [
    ("%(count)s cases", "กรณี", "placeholders"),
    ("%(count)s cases", "%(jumlah)s kasus", "placeholders"),
    ("%(count)d cases", "%(count)s kasus", "placeholders"),
    ("Step {n} of {total}", "ขั้นตอน {n}", "placeholders"),
    ("Step {n}", "Bước {m}", "placeholders"),
    ("See <a href='/gaps'>gaps</a>", "ดู ช่องว่าง", "HTML"),
    ("<strong>Stop</strong>", "<b>หยุด</b>", "HTML"),
    ("Read https://www.ilo.org/forced-labour", "Baca https://www.ilo.org/kerja-paksa", "URLs"),
]


@pytest.mark.parametrize(("source", "translation"), KEPT, ids=[k[0] for k in KEPT])
def test_a_faithful_translation_passes(source: str, translation: str) -> None:
    assert catalogue.check_message("xx", _message(source, translation)) == []


@pytest.mark.parametrize(
    ("source", "translation", "what"), BROKEN, ids=[f"{b[0]}->{b[1]}" for b in BROKEN]
)
def test_a_translation_that_loses_a_token_is_refused(
    source: str, translation: str, what: str
) -> None:
    problems = catalogue.check_message("xx", _message(source, translation))
    assert len(problems) == 1 and problems[0].reason.startswith(what)


def test_every_plural_form_keeps_the_placeholders() -> None:
    ok = _message(("%(num)d case", "%(num)d cases"), "%(num)d kasus")
    lost = _message(("%(num)d case", "%(num)d cases"), "%(num)d case", "cases")
    assert catalogue.check_message("xx", ok) == []
    assert [p.reason.split()[0] for p in catalogue.check_message("xx", lost)] == ["placeholders"]


def _write_th(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, po: Catalog) -> None:
    monkeypatch.setattr(catalogue, "LOCALE_DIR", tmp_path)
    catalogue.po_path("th").parent.mkdir(parents=True)
    catalogue.po_path("th").write_bytes(catalogue.render_po(po))


def test_more_plural_forms_than_cldr_has_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = Catalog(locale="th", header_comment=f"# {DRAFT_NOTICE}.\n# {catalogue.DRAFT_ORIGIN}\n#")
    _write_th(tmp_path, monkeypatch, po)
    with catalogue.po_path("th").open("a", encoding="utf-8") as handle:  # as if edited by hand
        handle.write(
            '\nmsgid "%(num)d case"\nmsgid_plural "%(num)d cases"\n'
            'msgstr[0] "%(num)d กรณี"\nmsgstr[1] "%(num)d กรณี"\n'  # Thai has one form
        )
    reasons = [p.reason for p in catalogue.check("th")]
    assert len(reasons) == 1 and reasons[0].startswith("not a valid catalogue"), reasons
    with pytest.raises(ValueError, match="not a valid catalogue"):
        catalogue.compile_all(["th"])
    assert not catalogue.po_path("th").with_suffix(".mo").exists()


def test_a_draft_without_the_notice_in_its_header_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    po = Catalog(locale="th", header_comment="# Titian in Thai\n#")
    po.add("Sign in", "เข้าสู่ระบบ")
    _write_th(tmp_path, monkeypatch, po)
    assert [p.reason for p in catalogue.check("th")] == [
        "the header does not say it is a draft translation"
    ]


def test_the_command_line_check_passes_on_the_shipped_catalogues() -> None:
    from typer.testing import CliRunner

    from titian.cli.i18n import app

    result = CliRunner().invoke(app, ["check"])
    assert result.exit_code == 0, result.output
    assert f"{len(LOCALES)} catalogues: no problem found" in result.output
