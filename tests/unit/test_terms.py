"""Terms: every value of a vocabulary that a page shows has a plain English label, marked for
translation with its vocabulary as context, and the ``term`` filter shows it in the page's
language (docs/translations.md, "Terms").

When a test here fails after you added a member to a vocabulary, add its label to the domain's
``labels.py`` and run ``make messages``."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
from enum import StrEnum
from pathlib import Path

import pytest
from babel.support import NullTranslations, Translations

import titian.web.routes
from titian.cases.vocab import CustodyStatus, ExploitationForm, MeansOfControl, Sector
from titian.i18n import catalogue, terms
from titian.i18n.locales import translations
from titian.network.vocab import Group
from titian.services.vocab import ServiceType

pytestmark = pytest.mark.pure

#: ``replace('_', …)`` and ``map('replace', '_', …)``.
SYSTEM_NAME_AS_WORDS = re.compile(r"""replace(\(|['"],\s*)['"]_['"]""")
TEMPLATES = Path(titian.web.routes.__file__).parents[1] / "templates"


def test_every_member_of_every_registered_vocabulary_has_a_plain_label() -> None:
    found = terms.vocabularies()
    assert len(found) > 60
    for vocabulary in found:
        assert set(vocabulary.labels) == {m.value for m in vocabulary.enum}, vocabulary.name
        for value, label in vocabulary.labels.items():
            assert label.strip() == label and label, (vocabulary.name, value)
            assert "_" not in label, f"{vocabulary.name}.{value}: {label!r} is a system name"


def test_a_vocabulary_without_a_label_for_a_member_is_refused() -> None:
    class Colour(StrEnum):
        RED = "red"
        DARK_BLUE = "dark_blue"

    with pytest.raises(terms.MissingTerm, match="dark_blue"):
        terms.register("test.Colour", Colour, {Colour.RED: "red"})
    assert "test.Colour" not in {v.name for v in terms.vocabularies()}


def test_every_label_is_extracted_with_its_vocabulary_as_context() -> None:
    """``pN_(context, label)`` is a keyword of the extractor, and each label is marked with the
    name it is registered under (a copied line with the wrong context would be translated in the
    wrong vocabulary)."""
    template = catalogue.read(catalogue.TEMPLATE)
    extracted = {(m.context, m.id) for m in template if m.context}
    for vocabulary in terms.vocabularies():
        for label in vocabulary.labels.values():
            assert (vocabulary.name, label) in extracted, (vocabulary.name, label)


def _route_modules() -> list[str]:
    return [f"titian.web.routes.{m.name}" for m in pkgutil.iter_modules(titian.web.routes.__path__)]


def _enums_given_to_pages() -> dict[str, type[StrEnum]]:
    """The enums that the web routes turn into form options (``choices(X)``, ``_choices(X)``) or
    hand to a template to list (``list(X)``)."""
    found: dict[str, type[StrEnum]] = {}
    for name in _route_modules():
        module = importlib.import_module(name)
        tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and len(node.args) == 1):
                continue
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called not in {"choices", "_choices", "list"}:
                continue
            arg = node.args[0]
            target: object = None
            if isinstance(arg, ast.Name):
                target = vars(module).get(arg.id)
            elif isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name):
                target = getattr(vars(module).get(arg.value.id), arg.attr, None)
            if isinstance(target, type) and issubclass(target, StrEnum):
                found[f"{name}: {ast.unparse(node)}"] = target
    return found


def test_every_enum_a_route_shows_is_registered() -> None:
    given = _enums_given_to_pages()
    assert len(given) > 40  # the scan finds the form options of the case and service pages
    registered = {v.enum for v in terms.vocabularies()}
    missing = sorted(where for where, enum in given.items() if enum not in registered)
    assert not missing, f"no terms for: {missing}"


def test_the_form_steps_of_the_case_use_terms() -> None:
    from titian.web.routes import cases_forms

    for step in cases_forms.STEPS:
        for field in step.fields:
            for value, label in field.choices:
                assert value == "" or "_" not in label, (field.name, value, label)
    custody = dict(cases_forms.choices(CustodyStatus))
    assert custody["not_in_custody"] == "not in custody"
    assert isinstance(custody["not_in_custody"], terms.Term)


def test_pages_show_no_system_names_of_vocabularies() -> None:
    """``value | replace('_', ' ')`` (and ``map('replace', '_', ' ')``) is gone from the
    templates; what remains turns a locale tag
    into BCP-47 (``zh_Hans`` → ``zh-Hans``) or names an HSDS table of the import report."""
    allowed = {"base.html", "analytics/report_print.html", "services/import.html"}
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        name = path.relative_to(TEMPLATES).as_posix()
        text = path.read_text(encoding="utf-8")
        if SYSTEM_NAME_AS_WORDS.search(text) and name not in allowed:
            offenders.append(name)
    assert not offenders


def test_labels_are_plain_english() -> None:
    assert terms.find(Sector.DOMESTIC_WORK) == "domestic work"
    assert terms.find("ngo", "auth.AgencyKind") == "NGO"
    assert terms.find(Group.LGBTQI) == "LGBTQI people"
    assert terms.find("non_binary", "cases.Gender") == "non-binary"
    assert terms.find(ServiceType.LEGAL_AID) == "legal aid"


def test_translate_falls_back_to_english_then_to_the_value() -> None:
    english = NullTranslations()
    assert terms.translate(english, ExploitationForm.FORCED_LABOUR) == "forced labour"
    assert terms.translate(english, "police_cell", "cases.CustodyStatus") == "police cell"
    assert terms.translate(english, "no_such_value", "cases.CustodyStatus") == "no_such_value"
    assert terms.translate(english, "police_cell", "no.SuchVocabulary") == "police_cell"
    assert terms.translate(english, None, "cases.CustodyStatus") == ""
    assert terms.translate(english, 42) == "42"


def test_the_same_word_is_translated_per_vocabulary() -> None:
    thai = translations("th")
    assert isinstance(thai, Translations)
    assert terms.translate(thai, ExploitationForm.FORCED_LABOUR) == "การบังคับใช้แรงงาน"
    assert terms.translate(thai, "shelter", "services.ServiceType") == "สถานคุ้มครอง"
    # "other" is one English word in many vocabularies, each with its own msgctxt
    assert thai.pgettext("cases.MeansOfControl", "other") == terms.translate(
        thai, MeansOfControl.OTHER
    )
    dropped = terms.translate(thai, "dropped", "cases.ChargeOutcome")
    assert dropped != terms.translate(thai, "dropped", "dialogues.CommitmentStatus")


def test_the_page_gettext_translates_a_term_in_its_context() -> None:
    thai = translations("th")
    gettext = terms.gettext_for(thai)
    options = dict(terms.choices(CustodyStatus))
    assert gettext(options["police_cell"]) == "ห้องขังของตำรวจ"
    assert gettext("no such message") == "no such message"


def test_a_stored_reason_is_translated_only_when_it_is_exactly_a_label() -> None:
    thai = translations("th")
    label = "serves the whole country"  # referrals.FitReason.COUNTRY_WIDE
    assert terms.translate_text(thai, label, "referrals.FitReason") == thai.pgettext(
        "referrals.FitReason", label
    )
    assert terms.translate_text(thai, label, "referrals.FitReason") != label
    assert terms.translate_text(thai, f"{label} (TH-10)", "referrals.FitReason").endswith("(TH-10)")
    assert terms.translate_text(thai, None, "referrals.FitReason") == ""
