"""The country GESI report page: a section without data says so, never a table of zeros; its
texts follow the page's language."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.analytics.support import with_snapshot
from tests.support.fixtures import ApiAs, WebAs, World
from titian.analytics.catalogue import label
from titian.analytics.indicators import companion_path
from titian.analytics.texts import LABELS
from titian.i18n.locales import translations
from titian.privacy.sdc_release import MASK
from titian.privacy.suppression import NOTE_THRESHOLD


def _section(page: str, indicator: str) -> str:
    return page.split(f'id="{indicator}"', 1)[1].split("</section>", 1)[0]


def test_dialogue_sections_say_no_data_without_the_companion(
    world: World, web_as: WebAs, client: TestClient
) -> None:
    snapshot = with_snapshot(world)
    web_as.login(world["analyst"])
    full = client.get("/analytics/report/all?source=titian")
    assert full.status_code == 200
    seats = _section(full.text, "titian_dialogue_seats_role_gender")
    assert "<table>" in seats and "No data in this dataset." not in seats
    companion = companion_path(snapshot)
    assert companion is not None
    companion.unlink()  # a snapshot written before the companion existed
    older = client.get("/analytics/report/all?source=titian").text
    for indicator in ("titian_dialogue_seats_role_gender", "titian_dialogue_groups_represented"):
        section = _section(older, indicator)
        assert "No data in this dataset." in section and "<table>" not in section
    assert "No data in this dataset." not in _section(older, "titian_gender_age")


def _table(section: str) -> str:
    return section.split("<table>", 1)[1].split("</table>", 1)[0]


def test_the_report_reads_in_the_pages_language_and_the_api_stays_english(
    world: World, web_as: WebAs, api_as: ApiAs, client: TestClient
) -> None:
    """Titles, denominators, category labels, unit words, notes and chart texts follow the
    page's language (cookie ``titian_locale``); the English report is as the catalogue writes
    it, and the JSON API stays English whatever the cookie says (docs/translations.md)."""
    with_snapshot(world)
    web_as.login(world["analyst"])
    th = translations("th")
    title = "People by gender and age band"
    woman, note = label("woman"), NOTE_THRESHOLD % {"last": 10, "mask": MASK}
    thai = {
        "title": th.gettext(title),
        "woman": th.pgettext(LABELS, woman),
        "note": th.gettext(NOTE_THRESHOLD) % {"last": 10, "mask": MASK},
        "unit": th.gettext("Dialogues"),
        "share": th.gettext("Share"),
    }
    assert title not in thai.values() and woman not in thai.values()

    english = client.get("/analytics/report/TH?source=titian").text
    section = _section(english, "titian_gender_age")
    assert f">{title}</h2>" in section and f'<th scope="row">{woman}</th>' in section
    assert note in section and "People (published count)" in section
    groups = "titian_dialogue_groups_represented"  # one table per group, over 'represented'
    assert '<th scope="col">Dialogues</th>' in _table(_section(english, groups))
    assert "GESI report: Thailand" in english
    assert not any(text in english for text in thai.values())

    client.cookies.set("titian_locale", "th")
    page = client.get("/analytics/report/TH?source=titian")
    assert page.status_code == 200 and '<html lang="th"' in page.text
    section = _section(page.text, "titian_gender_age")
    assert f">{thai['title']}</h2>" in section
    assert f'<th scope="row">{thai["woman"]}</th>' in section
    assert thai["note"] in section and note not in page.text
    assert title not in page.text and f">{woman}<" not in page.text
    assert f'<th scope="col">{thai["unit"]}</th>' in _table(_section(page.text, groups))
    headline = _section(page.text, "titian_women_share_by_form")
    assert thai["share"] in headline.split("<figure", 1)[1]  # the chart's axis title
    assert ": ไทย</h1>" in page.text  # CLDR's name of Thailand in Thai
    dashboard = client.get("/analytics?country=TH&source=titian").text
    assert th.gettext("Share of women and girls among people in each form of exploitation") in (
        dashboard
    )

    body = client.get(
        "/api/v1/analytics/indicators",
        params={"country": "TH", "indicator": "titian_gender_age"},
        headers={**api_as.headers(world["analyst"]), "Accept-Language": "th"},
    ).json()
    assert body["indicators"][0]["title"] == title
    assert body["indicators"][0]["tables"][0]["notes"][0] == note
