"""The renderer: every page type in every language, fallbacks, safety, open-now data, JSON-LD."""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from civicat.render import write_pages

from .site_support import TODAY, page_of

KINDS = {"home", "service", "office", "offices", "hours", "contact", "az", "topic", "topics", "life", "lifes",
         "audience", "audiences", "forms", "form", "page", "open_data"}


def test_every_page_type_is_rendered_in_every_language(rendered):
    for lang, site in rendered.items():
        assert {p.kind for p in site.pages} == KINDS, lang


def test_pages_use_the_german_addresses_in_every_language(rendered):
    paths = {p.path for p in rendered["ar"].pages}
    assert {"", "leistungen/", "leistungen/personalausweis/", "dienststellen/rathaus/", "oeffnungszeiten/", "kontakt/",
            "themen/ausweise/", "lebenslagen/umzug/", "zielgruppen/familien/", "formulare/kontakt/",
            "impressum/", "datenschutz/", "barrierefreiheit/", "leichte-sprache/",
            "gebaerdensprache/"} <= paths
    assert paths == {p.path for p in rendered["de"].pages}


def test_only_index_pages_are_in_the_navigation(rendered):
    in_nav = sorted((p.nav_order, p.path) for p in rendered["de"].pages if p.nav_order is not None)
    assert [path for _, path in in_nav] == ["", "leistungen/", "themen/", "lebenslagen/", "zielgruppen/",
                                            "dienststellen/", "oeffnungszeiten/", "formulare/", "kontakt/"]


def test_a_service_page_shows_every_field_in_its_section(rendered):
    body = page_of(rendered, "de", "leistungen/personalausweis/").body
    for words in ["Das Wichtigste auf einen Blick", "Online-Formular ausfüllen", "Online-Antrag", "Online oder persönlich", "Worum geht es?",
                  "Voraussetzungen", "Was Sie brauchen", "nur in manchen Fällen", "Kosten", "37,00 €", "22,80 €",
                  "So funktioniert es", "So lange dauert es", "3 bis 4 Wochen", "Fristen", "Rechtsgrundlage",
                  "§ 9 Personalausweisgesetz", "Wenn Sie mit der Entscheidung nicht einverstanden sind", "Gut zu wissen",
                  "In Leichter Sprache", "Zuständige Stelle", "Rathaus Teststadt", "+49 3621 100-0",
                  "Auch erhältlich bei", "Kfz-Zulassungsstelle", "Verwandte Leistungen", "Wohnsitz anmelden",
                  "Auch gesucht als: Perso, Ausweis, Personalausweis", "Stufe 2 von 4", "99010004001000",
                  'href="../../formulare/kontakt/"', "cc-hours", "data-cc-open"]:
        assert words in body, words


def test_the_key_facts_come_first_where_it_is_open_now_what_it_costs_how_long_and_how_to_start(rendered):
    body = str(page_of(rendered, "de", "leistungen/personalausweis/").body)
    glance = body[body.index("Das Wichtigste auf einen Blick"):body.index("Worum geht es?")]
    for words in ['<a href="../../dienststellen/rathaus/">Rathaus Teststadt</a>', "data-cc-open", "Öffnungszeiten",
                  "Online oder persönlich", "ab 22,80 €", 'href="#kosten"', "3 bis 4 Wochen",
                  'class="cc-button" href="../../formulare/kontakt/"']:
        assert words in glance, words
    assert body.count("So lange dauert es") == 1  # the processing time is told once, at the top


def test_the_last_reviewed_date_is_the_editors_date_in_the_pages_language(rendered):
    assert page_of(rendered, "de", "leistungen/personalausweis/").updated_html == \
        'Zuletzt geprüft: <time datetime="2026-03-01">1. März 2026</time>'
    assert "2026-03-01" in page_of(rendered, "ar", "leistungen/personalausweis/").updated_html


def test_a_free_service_says_so_and_a_cost_range_reads_from_to(rendered):
    assert "Diese Leistung ist kostenlos." in page_of(rendered, "de", "leistungen/wohnsitz-anmelden/").body
    assert "60,00 € bis 1.200,50 €" in page_of(rendered, "de", "leistungen/hundesteuer/").body
    assert "€60.00 to €1,200.50" in page_of(rendered, "en", "leistungen/hundesteuer/").body


def test_text_missing_in_a_language_is_shown_in_german_marked_and_announced(rendered):
    page = page_of(rendered, "en", "leistungen/hundesteuer/")
    assert page.title == "Hundesteuer anmelden" and page.title_lang == "de"
    assert "Parts of this page are not yet available in English; they are shown in German." in page.fallback
    assert "This text is not yet available in English; shown in German." in page.body
    assert '<div class="cc-text" lang="de"><p>Jeder Hund muss angemeldet werden.' in page.body
    arabic = page_of(rendered, "ar", "leistungen/hundesteuer/")
    assert 'lang="de" dir="ltr"' in arabic.body


def test_a_page_in_the_visitors_language_has_no_fallback_notice(rendered):
    page = page_of(rendered, "en", "leistungen/wohnsitz-anmelden/")
    assert page.fallback == "" and page.title_lang is None and 'lang="de"' not in page.body


def test_ui_string_titles_are_never_marked_as_german(rendered):
    page = page_of(rendered, "en", "oeffnungszeiten/")
    assert page.title == "Opening hours" and page.title_lang is None


def test_markdown_pages_take_the_language_version_and_drop_raw_html_and_script_links(rendered):
    assert page_of(rendered, "en", "impressum/").title == "Imprint"
    assert page_of(rendered, "de", "impressum/").title == "Impressum"
    privacy = page_of(rendered, "de", "datenschutz/").body
    assert "<script>" not in privacy and "&lt;script&gt;" in privacy
    assert "javascript:" not in privacy


def test_the_accessibility_statement_links_the_feedback_form(rendered):
    assert 'href="../formulare/barriere-melden/">Barriere melden' in page_of(rendered, "de", "barrierefreiheit/").body


def test_the_office_page_lists_holidays_by_name_and_closures_in_the_next_60_days(rendered):
    body = page_of(rendered, "de", "dienststellen/rathaus/").body
    assert "Weihnachtsschließung" in body and "Neujahr" in body
    assert "Freitag, <time datetime=\"2027-01-01\">1. Januar 2027</time>" in body
    assert "https://www.openstreetmap.org/?mlat=50.92710&amp;mlon=10.74120#map=18/50.92710/10.74120" in body
    for words in ["Stufenloser Zugang", "Induktive Höranlage", "Rampe am Eingang.", "Bürgerbüro", "Bus 1 bis Marktplatz.",
                  "Teststadt, Nebendorf", "Personalausweis beantragen", "Termin vereinbaren"]:
        assert words in body, words


def test_the_weekly_hours_table_names_every_day_with_its_times(rendered):
    body = page_of(rendered, "en", "dienststellen/rathaus/").body
    assert ('<th scope="row" role="rowheader">Thursday</th><td role="cell"><span class="cc-range" dir="ltr">08:00–12:00</span>, '
            '<span class="cc-range" dir="ltr">14:00–18:00</span></td>') in body
    assert '<th scope="row" role="rowheader">Sunday</th><td role="cell">closed</td>' in body


def test_the_open_now_data_are_the_offices_hours_in_epoch_minutes_with_closures_and_holidays(rendered):
    """The town hall's week from Sunday 20 December 2026: Monday to Wednesday as usual, closed for
    Christmas from the 24th to the 31st, New Year's Day a holiday, open again Monday 4 January."""
    asset = next(a for a in rendered["de"].assets if a.path == "hours/rathaus.json")
    data = json.loads(asset.content)
    berlin = ZoneInfo("Europe/Berlin")

    def minutes(day: str, clock: str) -> int:
        return int(dt.datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=berlin).timestamp()) // 60

    assert data["tz"] == "Europe/Berlin"
    assert data["open"][:5] == [
        [minutes("2026-12-21", "08:00"), minutes("2026-12-21", "12:00")],
        [minutes("2026-12-22", "08:00"), minutes("2026-12-22", "12:00")],
        [minutes("2026-12-22", "13:00"), minutes("2026-12-22", "16:00")],
        [minutes("2026-12-23", "08:00"), minutes("2026-12-23", "12:00")],
        [minutes("2027-01-04", "08:00"), minutes("2027-01-04", "12:00")],
    ]
    start = dt.datetime.combine(TODAY, dt.time(), tzinfo=ZoneInfo("Europe/Berlin"))
    assert data["from"] == int(start.timestamp()) // 60
    end = dt.datetime.combine(TODAY + dt.timedelta(days=120), dt.time(), tzinfo=ZoneInfo("Europe/Berlin"))
    assert data["until"] == int(end.timestamp()) // 60


def test_service_and_office_pages_carry_schema_org_json_ld(rendered):
    service = page_of(rendered, "de", "leistungen/personalausweis/")
    types = [item["@type"] for item in service.jsonld]
    assert types == ["GovernmentService", "BreadcrumbList"]
    gs = service.jsonld[0]
    assert gs["identifier"]["value"] == "99010004001000"
    assert any(c.get("serviceLocation", {}).get("@type") == "GovernmentOffice" for c in gs["availableChannel"])
    office = page_of(rendered, "de", "dienststellen/rathaus/").jsonld[0]
    assert office["@type"] == "GovernmentOffice"
    assert office["openingHoursSpecification"][0] == {"@type": "OpeningHoursSpecification", "dayOfWeek": "https://schema.org/Monday",
                                                      "opens": "08:00", "closes": "12:00"}
    special = office["specialOpeningHoursSpecification"]
    assert {"validFrom": "2027-01-01", "validThrough": "2027-01-01", "opens": "00:00", "closes": "00:00"}.items() <= special[-1].items()
    crumbs = page_of(rendered, "de", "dienststellen/rathaus/").jsonld[1]["itemListElement"]
    assert [c["name"] for c in crumbs] == ["Startseite", "Dienststellen", "Rathaus Teststadt"]
    json.dumps(service.jsonld)


def test_search_keywords_include_the_german_colloquial_words_in_every_language(rendered):
    assert page_of(rendered, "en", "leistungen/personalausweis/").keywords[:3] == ["Perso", "Ausweis", "identity card"]
    assert "Personalausweis" in page_of(rendered, "en", "leistungen/personalausweis/").keywords
    assert "Ummeldung" in page_of(rendered, "ar", "leistungen/wohnsitz-anmelden/").keywords


def test_a_to_z_groups_services_by_their_first_letter_in_the_pages_language(rendered):
    body = page_of(rendered, "en", "leistungen/").body
    assert body.index(">A</h2>") < body.index("Apply for an ID card") < body.index(">R</h2>") < body.index("Register your address")
    assert 'href="../zielgruppen/familien/"' in body


def test_write_pages_writes_markdown_files_with_front_matter_and_assets(catalogue, tmp_path):
    write_pages(catalogue, "de", tmp_path, today=TODAY)
    text = (tmp_path / "leistungen" / "personalausweis" / "index.md").read_text(encoding="utf-8")
    front = json.loads(text.split("---\n")[1])
    assert front["title"] == "Personalausweis beantragen"
    assert front["civicat"]["jsonld"][0]["@type"] == "GovernmentService"
    assert "Perso" in front["tags"]
    assert (tmp_path / "hours" / "rathaus.json").exists()
    assert (tmp_path / "assets" / "civicat" / "civicat.js").read_text(encoding="utf-8").startswith("window.civicat=window.civicat||")  # the core first, minified


def test_holiday_names_the_data_has_not_in_the_pages_language_are_german_marked_and_noticed(rendered):
    for lang in ("ar", "bg", "sl"):
        page = page_of(rendered, lang, "dienststellen/rathaus/")
        assert '<span lang="de"' in page.body and ">Neujahr</span>" in page.body, lang
        assert "New Year" not in page.body, lang
        assert 'class="cc-fallback"' in str(page.fallback), lang
    assert "New Year&#39;s Day" in page_of(rendered, "en", "dienststellen/rathaus/").body


def test_the_registry_office_lists_its_two_hours_for_deaths_between_the_holidays():
    from civicat.catalogue import load
    from civicat.render import SiteContext, render_pages

    from ..conftest import REPO

    catalogue = load(REPO / "catalogue")
    (page,) = render_pages(SiteContext(catalogue, "de", today=TODAY), {"dienststellen/standesamt-hainbach/"})
    # The times are isolated (U+2066 … U+2069), so that they keep their order in Arabic text.
    assert ('Montag, <time datetime="2026-12-28">28. Dezember 2026</time></span>: <strong>nur \u206609:00–11:00\u2069 geöffnet</strong>'
            " (nur für die Anzeige von Sterbefällen)") in page.body
    special = [entry for entry in page.jsonld[0]["specialOpeningHoursSpecification"] if entry["validFrom"] == "2026-12-28"]
    assert [(entry["opens"], entry["closes"]) for entry in special] == [("09:00", "11:00")]
