"""The GESI report's texts can be translated: every text of the indicator catalogue is in
``messages.pot`` (a new indicator, code or dimension cannot ship untranslatable), the notes of a
released table are marked sentences, and a report built for a language shows them in it while
the English texts stay as they were (docs/translations.md, "The GESI report")."""

from __future__ import annotations

import copy
import io

import pytest

from titian.analytics import texts
from titian.analytics.catalogue import Source, code_lists, label, labels, load_catalogue
from titian.analytics.texts import LABELS, Texts, extract_catalogue
from titian.i18n import N_, Message, catalogue
from titian.privacy.sdc_settings import BASE_5, FLOOR_10, RoundingRule
from titian.privacy.sdc_table import Table
from titian.privacy.suppression import suppress_table

pytestmark = pytest.mark.pure


def _extracted() -> set[tuple[str | None, str]]:
    return {(m.context, m.id) for m in catalogue.read(catalogue.TEMPLATE) if m.id}


def test_every_catalogue_text_is_in_the_template() -> None:
    found = _extracted()
    for source in Source:
        cat = load_catalogue(source)
        assert (None, cat.citation) in found, source
        for ind in cat.indicators:
            for text in (ind.title, ind.denominator, ind.unit):
                assert (None, text) in found, (ind.id, text)
            for name in (*ind.names, *(ind.slice,) * bool(ind.slice)):
                assert (LABELS, label(name)) in found, (ind.id, name)


def test_every_label_of_the_code_lists_is_in_the_template() -> None:
    found = _extracted()
    for code, text in labels().items():
        assert (LABELS, text) in found, code
    for name, codes in code_lists().items():
        for code in codes:
            if any(ch.isalpha() for ch in label(code)):
                assert (LABELS, label(code)) in found, (name, code)
    assert (None, "Total") in found and (None, "People") in found


def test_the_extractor_reads_a_new_indicator() -> None:
    yaml = (
        b"version: '1'\ncitation: A source.\nindicators:\n"
        b"  - id: new_one\n    title: People by shoe size\n    denominator: All people.\n"
        b"    unit: Shoes\n    dimensions: [{name: shoe_size, codes: gender}]\n"
    )
    found = {message for _line, _f, message, _c in extract_catalogue(io.BytesIO(yaml), [], [], {})}
    assert {"A source.", "People by shoe size", "All people.", "Shoes"} <= found
    assert (LABELS, "Shoe size") in found


def _released(rounding: RoundingRule | None = None) -> tuple[str, ...]:
    table = Table(("gender",), (("woman", "man"),), {("woman",): 3, ("man",): 40})
    notes: tuple[str, ...] = suppress_table(table, 11, rounding).notes
    return notes


def test_the_notes_are_english_sentences_that_a_page_translates() -> None:
    notes = _released()
    assert notes[0] == (
        "Counts from 1 to 10 are not published; \u2013 marks a suppressed cell (a small count, "
        "or a cell hidden so that a small count cannot be worked out from totals)."
    )
    assert notes[1] == "2 cell(s) suppressed."
    assert _released(BASE_5)[2] == (
        "Published counts rounded to the nearest multiple of 5; totals are rounded separately "
        "and may not equal the sum of rounded cells."
    )
    assert _released(FLOOR_10)[2].startswith("Published counts rounded down to a multiple of 10;")
    found = _extracted()
    for note in (*_released(BASE_5), *_released(FLOOR_10)):
        assert isinstance(note, Message) and (None, note.template) in found
    masked = notes[1]
    assert isinstance(masked, Message)
    assert masked.translated(lambda s: s.replace("cell(s)", "X")) == "2 X suppressed."


def test_a_message_keeps_its_values_when_translated_and_copied() -> None:
    message = Message(N_("%(count)s cell(s) suppressed."), count=4)
    for again in (copy.copy(message), copy.deepcopy(message)):
        assert again == "4 cell(s) suppressed."
        assert again.translated(lambda s: s.replace("cell(s)", "X")) == "4 X suppressed."


def test_texts_in_thai_and_english() -> None:
    thai, english = Texts.for_locale("th"), texts.ENGLISH
    assert english.label("woman") == "Women and girls" and english.label("THA") == "Thailand"
    assert english.text(load_catalogue(Source.TITIAN).indicators[0].title) == (
        "People by gender and age band"
    )
    assert thai.label("woman") not in ("Women and girls", "")
    assert thai.label("THA") == "ไทย" and thai.label("VN") == "เวียดนาม"  # CLDR
    assert thai.label("Total") != "Total" and thai.label("0-8") == "0-8"
    assert thai.label("") == ""
    assert thai.text("People by gender and age band") != "People by gender and age band"
