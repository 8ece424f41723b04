"""The open data files of every build: each one is what it says (JSON valid against its schema,
CSV one row per service and language, iCalendar parsed by the icalendar package, DCAT-AP naming
every file with its true size), and the "Open data" page in every language lists exactly them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from html import unescape

import pytest
from icalendar import Calendar
from jsonschema import Draft202012Validator, FormatChecker
from rdflib import Graph, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from civicat.exports import opendata
from civicat.render import render_site
from civicat.render.strings import Strings

from ..conftest import BUILD_DAY, LANGS

BASE = "https://service.landkreis-hainbach.de/"


@pytest.fixture(scope="module")
def site(demo_build):
    return demo_build[0]


@pytest.fixture(scope="module")
def catalogue(demo_build):
    return demo_build[1]


def read(site, name: str) -> bytes:
    return (site / "open-data" / name).read_bytes()


def test_the_catalogue_json_is_valid_against_its_schema(site, catalogue):
    document = json.loads(read(site, "catalogue.json"))
    schema = json.loads(read(site, "catalogue.schema.json"))
    errors = list(Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(document))
    assert errors == [], [f"{e.json_path}: {e.message}" for e in errors[:5]]
    assert set(document["services"]) == set(catalogue.services)
    assert document["services"]["personalausweis"]["costs"][0]["amount"] == 46.0
    broken = {**document, "services": {"x": {"title": "no summary, no offices"}}}
    assert list(Draft202012Validator(schema).iter_errors(broken))  # the schema can say no


def test_services_csv_has_one_row_per_service_and_language(site, catalogue):
    rows = list(csv.DictReader(io.StringIO(read(site, "services.csv").decode("utf-8"))))
    assert len(rows) == len(catalogue.services) * len(LANGS)
    by_key = {(r["id"], r["language"]): r for r in rows}
    assert by_key[("personalausweis", "en")]["title"] == "Apply for an ID card"
    assert by_key[("personalausweis", "de")]["url"] == BASE + "de/leistungen/personalausweis/"
    # text_language says which language the title really is in (the default one where a translation is missing)
    assert all(r["text_language"] in (r["language"], catalogue.site.default_language) for r in rows)
    assert by_key[("personalausweis", "ar")]["text_language"] == "ar"


def test_offices_csv_has_addresses_coordinates_and_opening_hours(site, catalogue):
    rows = list(csv.DictReader(io.StringIO(read(site, "offices.csv").decode("utf-8"))))
    assert len(rows) == len(catalogue.offices) * len(LANGS)
    office = next(r for r in rows if r["id"] == "buergerbuero-hainbach" and r["language"] == "de")
    assert (office["street"], office["postal_code"], office["lat"], office["lon"]) == (
        "Markt 1", "99880", "50.9283", "10.7389")
    assert office["opening_hours"].startswith("Mo,We,Fr 08:00-12:00")
    assert office["calendar"] == BASE + "open-data/calendar/buergerbuero-hainbach.ics"


def test_each_office_calendar_is_icalendar_with_closures_and_holidays(site, catalogue):
    for oid in catalogue.offices:
        calendar = Calendar.from_ical(read(site, f"calendar/{oid}.ics"))
        assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
        for event in calendar.walk("VEVENT"):
            for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
                assert required in event, f"{oid}: an event without {required}"
    events = {e.decoded("DTSTART"): (e.decoded("DTEND"), str(e["SUMMARY"]))
              for e in Calendar.from_ical(read(site, "calendar/buergerbuero-hainbach.ics")).walk("VEVENT")}
    # built on 1 March 2027: the next twelve months
    assert events[dt.date(2027, 9, 20)][1] == "Geschlossen: Weltkindertag"  # Thuringia's own holiday
    assert events[dt.date(2027, 5, 1)][1] == "Geschlossen: Erster Mai"
    assert min(events) >= BUILD_DAY and max(events) < BUILD_DAY + dt.timedelta(days=366)
    registry = {e.decoded("DTSTART"): str(e["SUMMARY"])
                for e in Calendar.from_ical(read(site, "calendar/standesamt-hainbach.ics")).walk("VEVENT")}
    assert all(day >= BUILD_DAY for day in registry)


def test_a_special_opening_becomes_an_event_that_says_the_times(catalogue):
    office = next(o for o in catalogue.offices.values() if any(c.hours for c in o.closures))
    oid = next(k for k, v in catalogue.offices.items() if v is office)
    closure = next(c for c in office.closures if c.hours)
    calendar = Calendar.from_ical(opendata.calendar(catalogue, oid, closure.start - dt.timedelta(days=10)))
    event = next(e for e in calendar.walk("VEVENT") if e.decoded("DTSTART") == closure.start)
    assert "09:00–11:00" in str(event["SUMMARY"]) and str(event["SUMMARY"]).startswith("Nur ")


def test_the_dcat_ap_description_names_every_file_with_its_size_and_licence(site):
    g = Graph().parse(data=read(site, "dcat-ap.ttl").decode("utf-8"), format="turtle")
    [dataset] = g.subjects(RDF.type, DCAT.Dataset)
    described = {}
    for dist in g.objects(dataset, DCAT.distribution):
        url = str(g.value(dist, DCAT.downloadURL))
        described[url] = int(g.value(dist, DCAT.byteSize))
        assert g.value(dist, DCTERMS.license) == URIRef("https://www.govdata.de/dl-de/by-2-0")
        assert g.value(dist, DCAT.mediaType) is not None and g.value(dist, DCTERMS["format"]) is not None
    on_disk = {BASE + str(p.relative_to(site)): p.stat().st_size for p in (site / "open-data").rglob("*")
               if p.is_file() and p.name != "dcat-ap.ttl"}
    assert described == on_disk
    assert (None, RDF.type, DCAT.Catalog) in g


@pytest.mark.parametrize("lang", LANGS)
def test_the_open_data_page_lists_every_file_with_its_size_and_the_licence(site, lang):
    page = (site / lang / "offene-daten" / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'<a href="\.\./\.\./(open-data/[^"]+)" type="[^"]+" download>', page))
    on_disk = {str(p.relative_to(site)) for p in (site / "open-data").rglob("*") if p.is_file()}
    assert set(links) == on_disk
    assert 'href="https://www.govdata.de/dl-de/by-2-0"' in page
    catalogue_row = re.search(r'open-data/services\.csv".*?</tr>', page, re.S).group(0)
    size = (site / "open-data" / "services.csv").stat().st_size
    shown = f"{size / 1000:.1f}".replace(".", Strings(lang).get("decimal"))
    assert shown in unescape(catalogue_row)
    assert 'href="../offene-daten/"' in page  # the footer link, on every page


def test_every_page_links_the_open_data_page_in_its_footer(site):
    home = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="offene-daten/">Open data</a>', home)


def test_without_a_licence_the_page_says_there_is_none(catalogue):
    licence = catalogue.site.open_data_licence
    try:
        catalogue.site.open_data_licence = None
        page = next(p for p in render_site(catalogue, "en", today=BUILD_DAY).pages if p.path == "offene-daten/")
    finally:
        catalogue.site.open_data_licence = licence
    assert "No licence has been stated for these files yet" in page.body
    assert "govdata" not in page.body


def test_the_same_catalogue_and_day_give_the_same_bytes(catalogue):
    first = {f.path: f.content for f in opendata.files(catalogue, BUILD_DAY)}
    again = {f.path: f.content for f in opendata.files(catalogue, BUILD_DAY)}
    assert first == again
