"""Opening hours as editors write them: read what OSM reads, question what no office means, and
never answer with the parser's own words (the broken corpus holds the exact messages)."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest

from civicat import hours

from .test_hours import SITE, office

TZ = ZoneInfo("Europe/Berlin")
PARSER_TERM = re.compile(r"\b[a-z]+_[a-z_]+\b|\bEOI\b")
"""What the parser calls the parts of its grammar (weekday_range, timespan_plus, EOI)."""

MISTAKES = [
    "Mo,Mi,Fr 08:00-12:00", "Sa 9-12", "Mo-Fr 08:00 bis 12:00", "Di 08:00-12:00", "Mo-Fr 08.00-12.00",
    "Mo–Fr 08:00–12:00", "Mo-Fr 08:00-12:00 Uhr", "Montag 08:00-12:00", "Mo-Fr 08:00-12:00; So geschlossen",
    "Mo-Fr 08:00-12:00 und 13:00-15:00", "08:00-12:00 Mo-Fr", "Mo-Fr 08:00-12:00,", "Mo-Fr 08:00-12:00 off off",
    'Mo-Fr 08:00-12:00 open "x', "Mo-Fr 08:00-12:00; xyz", "Mo-Fx 08:00-12:00", "Mo-Fr 08:00-", "Mo-Fr 25:00-26:00",
    "Mo-Fr 08:00-12:00 ; ; PH off", "Jan 32 off", "week 60 off", "Mo[7] 08:00-12:00", "sunrise-sunset off off",
    "Mo-Fr 08:00-12:00/", "Mo-Fr 08:00-12:00 PH", "24/8",
]


@pytest.mark.parametrize("expr", MISTAKES)
def test_no_parser_term_reaches_an_editor(expr):
    (problem,) = hours.lint(expr, "DE-TH")
    assert not PARSER_TERM.search(problem.message + problem.fix), problem
    assert problem.severity == "error" and problem.fix


@pytest.mark.parametrize("expr, corrected", [
    ("Mo,Mi,Fr 08:00-12:00", "Mo,We,Fr 08:00-12:00"),
    ("Sa 9-12", "Sa 09:00-12:00"),
    ("Mo-Fr 08:00 bis 12:00", "Mo-Fr 08:00-12:00"),
    ("Mo-Fr 08:00-12:00; So geschlossen", "Mo-Fr 08:00-12:00; Su off"),
    ("Montag 8.00-12.00 Uhr", "Mo 08:00-12:00"),
])
def test_the_usual_mistakes_get_the_corrected_expression_which_reads(expr, corrected):
    (problem,) = hours.lint(expr, "DE-TH")
    assert problem.fix == f'did you mean "{corrected}"?'
    assert hours.lint(corrected, "DE-TH") == []


def test_sundays_and_holidays_in_one_rule_are_read_as_osm_reads_them():
    assert hours.lint("Mo-Sa 08:00-12:00; Su,PH off", "DE-TH") == []
    amt = office("Mo-Su 08:00-12:00; Su,PH off")
    assert not hours.state_at(amt.schedule(SITE), dt.datetime(2027, 3, 7, 9, tzinfo=TZ))  # a Sunday
    assert not hours.state_at(amt.schedule(SITE), dt.datetime(2027, 3, 26, 9, tzinfo=TZ))  # Good Friday
    assert hours.state_at(amt.schedule(SITE), dt.datetime(2027, 3, 25, 9, tzinfo=TZ))  # the Thursday before
    assert hours.weekly_table("Mo-Su 08:00-12:00; Su,PH off")[6] == []


@pytest.mark.parametrize("expr", ["Mo-Fr 08:00-25:00", "Mo-Fr 12:00-08:00", "Fr-Sa 22:00-02:00"])
def test_hours_over_midnight_are_errors_unless_the_office_is_open_at_night(expr):
    assert [p.severity for p in hours.lint(expr, "DE-TH")] == ["error"]
    assert hours.lint(expr, "DE-TH", night=True) == []


def test_long_days_and_short_breaks_are_warnings():
    assert [p.severity for p in hours.lint("Mo-Fr 06:00-21:00", "DE-TH")] == ["warning"]
    assert hours.lint("Mo-Fr 07:00-21:00", "DE-TH") == []  # 14 hours: long, but an office may mean it
    assert hours.lint("Mo-Fr 06:00-21:00", "DE-TH", night=True) == []
    (short,) = hours.lint("Mo-Fr 08:00-12:00,12:14-16:00", "DE-TH")
    assert short.severity == "warning" and "14 minutes" in short.message
    assert hours.lint("Mo-Fr 08:00-12:00,12:15-16:00", "DE-TH") == []


def test_a_closure_with_hours_opens_the_office_only_then_and_is_listed_with_them():
    amt = office("Mo-Fr 08:00-12:00; PH off", [
        {"start": "2026-12-24", "end": "2026-12-27", "reason": "Weihnachten"},
        {"start": "2026-12-28", "end": "2026-12-29", "hours": "09:00-11:00", "reason": {"de": "Nur Sterbefälle", "en": "Deaths only"}},
    ])
    schedule = amt.schedule(SITE, "en")
    assert hours.state_at(schedule, dt.datetime(2026, 12, 28, 10, tzinfo=TZ))
    assert not hours.state_at(schedule, dt.datetime(2026, 12, 28, 11, 30, tzinfo=TZ))
    assert not hours.state_at(schedule, dt.datetime(2026, 12, 24, 10, tzinfo=TZ))
    days = {special.day: special for special in hours.closed_days(schedule, dt.date(2026, 12, 24), 6, "en", "de")}
    assert days[dt.date(2026, 12, 28)].times == (("09:00", "11:00"),)
    assert days[dt.date(2026, 12, 28)].reason == "Deaths only"
    assert days[dt.date(2026, 12, 24)].times == () and days[dt.date(2026, 12, 24)].reason == "Weihnachten"
    assert days[dt.date(2026, 12, 24)].lang == "de"  # the reason has no English text: the page marks it


@pytest.mark.parametrize("lang, name, shown_in", [
    ("de", "Neujahr", "de"), ("en", "New Year's Day", "en"),
    ("ar", "Neujahr", "de"), ("bg", "Neujahr", "de"), ("sl", "Neujahr", "de"),
])
def test_holiday_names_in_the_page_language_or_in_the_default_language_marked_as_such(lang, name, shown_in):
    assert hours.public_holidays("DE-TH", 2027, lang, "de")[dt.date(2027, 1, 1)] == name
    assert hours.holiday_language("DE-TH", lang, "de") == shown_in
