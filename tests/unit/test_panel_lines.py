"""Dashboard panel lines are whole sentences translated at render time: the placeholders are
filled after translation (never fragments joined around a value), numbers and dates follow the
reader's locale, a plural picks its form by the count, and stored text stays as it is."""

from __future__ import annotations

import datetime as dt

import pytest
from babel.support import NullTranslations

from titian.i18n import N_, nN_
from titian.i18n.formatting import formats
from titian.i18n.locales import translations
from titian.web.panels import Line, Panel

pytestmark = pytest.mark.pure

ENGLISH = NullTranslations()
THAI = translations("th")


def test_a_line_is_translated_then_filled() -> None:
    line = Line(N_("Awaiting your approval: %(title)s"), "/releases/1", {"title": "Q3 counts"})
    assert line.render(ENGLISH.gettext, ENGLISH.ngettext) == "Awaiting your approval: Q3 counts"
    assert line.render(THAI.gettext, THAI.ngettext) == "รอการอนุมัติของคุณ: Q3 counts"


def test_a_value_that_looks_like_a_placeholder_is_not_expanded() -> None:
    line = Line(N_("Awaiting your approval: %(title)s"), "", {"title": "%(title)s 100 %"})
    assert (
        line.render(ENGLISH.gettext, ENGLISH.ngettext) == "Awaiting your approval: %(title)s 100 %"
    )


def test_the_plural_form_follows_the_count() -> None:
    one, many = nN_("%(count)s unread notification", "%(count)s unread notifications")
    render = [
        Line(one, "", {"count": n}, plural=many).render(ENGLISH.gettext, ENGLISH.ngettext)
        for n in (1, 3)
    ]
    assert render == ["1 unread notification", "3 unread notifications"]
    thai = Line(one, "", {"count": 3}, plural=many).render(THAI.gettext, THAI.ngettext)
    assert thai == "การแจ้งเตือนที่ยังไม่ได้อ่าน 3 รายการ"


def test_numbers_and_dates_follow_the_locale_when_formats_are_given() -> None:
    text = N_("Due %(date)s: %(commitment)s (%(dialogue)s)")
    values = {"date": dt.date(2026, 3, 14), "commitment": "Publish", "dialogue": "Round 2"}
    line = Line(text, "", values)
    assert line.render(ENGLISH.gettext, ENGLISH.ngettext).startswith("Due 2026-03-14: Publish")
    thai = line.render(THAI.gettext, THAI.ngettext, formats("th"))
    assert thai == "ครบกำหนด 14 มี.ค. 2026: Publish (Round 2)"
    big = Line(N_("All %(count)s services of your agency"), "", {"count": 1234})
    assert big.render(ENGLISH.gettext, ENGLISH.ngettext, formats("id")) == (
        "All 1.234 services of your agency"
    )


def test_terms_are_translated_and_literal_text_is_not() -> None:
    need = Line(N_("%(case)s: %(need)s"), "", {"case": "TH-1"}, terms={"need": "Not allowed"})
    assert need.render(THAI.gettext, THAI.ngettext) == "TH-1: ไม่อนุญาต"
    stored = Line("Not allowed", "/cases/1", literal=True)  # e.g. a stored alert message
    assert stored.render(THAI.gettext, THAI.ngettext) == "Not allowed"


def test_a_panel_takes_simple_pairs_as_lines() -> None:
    panel = Panel(N_("Audit"), [(N_("Audit log and chain verification"), "/audit")])
    assert panel.rows() == [Line("Audit log and chain verification", "/audit")]
    assert panel.rows()[0].render(THAI.gettext, THAI.ngettext) == "บันทึกการตรวจสอบและการยืนยันห่วงโซ่"
