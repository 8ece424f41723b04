"""The open-now badge agrees with the build's own opening-hours evaluation (civicat.hours.state_at)
at sampled times: opening hours, lunch break, a public holiday and the night the clocks change."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from civicat import hours

BERLIN = ZoneInfo("Europe/Berlin")
SAMPLES = [
    dt.datetime(2027, 3, 2, 10, 0, tzinfo=BERLIN),   # Tuesday morning
    dt.datetime(2027, 3, 2, 12, 30, tzinfo=BERLIN),  # Tuesday lunch break
    dt.datetime(2027, 3, 6, 11, 0, tzinfo=BERLIN),   # Saturday
    dt.datetime(2027, 3, 26, 9, 0, tzinfo=BERLIN),   # Good Friday, a public holiday in Thuringia
    dt.datetime(2027, 3, 28, 1, 30, tzinfo=BERLIN),  # the night clocks go forward (02:00 → 03:00)
    dt.datetime(2027, 3, 28, 3, 30, tzinfo=BERLIN),  # the same night, after the change
    dt.datetime(2027, 3, 30, 8, 30, tzinfo=BERLIN),  # the first opening in summer time
]
OPEN = {"de": "Jetzt geöffnet", "en": "Open now", "ar": "مفتوح الآن"}


def expected(office, site, when: dt.datetime, lang: str) -> tuple[bool, str]:
    """State and the time the badge must name, from the build's own evaluation."""
    is_open = hours.state_at(office.schedule(site), when)
    spans = hours.open_intervals(office.schedule(site), dt.date(2027, 3, 1), 120)
    if is_open:
        end = next(b for a, b in spans if a <= when < b)
        return True, end.astimezone(BERLIN).strftime("%H:%M")
    start = next(a for a, b in spans if a > when)
    return False, start.astimezone(BERLIN).strftime("%H:%M")


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
@pytest.mark.parametrize("when", SAMPLES, ids=lambda w: w.isoformat())
def test_open_now_agrees_with_the_build(server, context, demo, page_paths, lang, when):
    _, catalogue = demo
    oid = page_paths["office"].split("/")[1]
    office = catalogue.offices[oid]
    tab = context.new_page()
    tab.clock.set_fixed_time(when.isoformat())
    tab.goto(f"{server.url}/{lang}/{page_paths['office']}")
    badge = tab.locator(".cc-open").first
    badge.wait_for(state="visible")
    text = badge.inner_text()
    is_open, time = expected(office, catalogue.site, when, lang)
    assert text.startswith(OPEN[lang]) == is_open, text
    assert time in text, text
    tab.close()


def test_open_now_names_the_day_of_the_next_opening_in_the_municipalitys_time_zone(server, browser, page_paths):
    """A visitor in New York on Saturday evening sees Berlin's Monday (or next open day), not theirs."""
    ctx = browser.new_context(timezone_id="America/New_York", locale="en-US")
    tab = ctx.new_page()
    tab.clock.set_fixed_time("2027-03-06T23:30:00+01:00")
    tab.goto(f"{server.url}/en/{page_paths['office']}")
    badge = tab.locator(".cc-open").first
    badge.wait_for(state="visible")
    assert badge.inner_text() == "Closed · opens Monday 08:00"
    ctx.close()


@pytest.mark.parametrize("lang, after_christmas, after_a_weekend", [
    ("de", "öffnet am 4. Januar um 08:00", "öffnet Montag um 08:00"),
    ("en", "opens on 4 January 08:00", "opens Monday 08:00"),
    ("ar", "يفتح في 4 يناير الساعة 08:00", "يفتح الاثنين الساعة 08:00"),
])
def test_after_the_christmas_closure_the_badge_names_the_date_not_the_next_monday(server, context, demo, lang,
                                                                                  after_christmas, after_a_weekend):
    """On 23 December the district office opens again on 4 January: "Monday" would be the 28th.
    The data is what the build writes for the office from 20 December."""
    _, catalogue = demo
    office = catalogue.offices["landratsamt"]
    spans = hours.open_intervals(office.schedule(catalogue.site), dt.date(2026, 12, 20), 30)

    def minute(moment: dt.datetime) -> int:
        return int(moment.timestamp() // 60)

    data = {"v": 1, "tz": "Europe/Berlin", "from": minute(dt.datetime(2026, 12, 20, tzinfo=BERLIN)),
            "until": minute(dt.datetime(2027, 1, 19, tzinfo=BERLIN)), "open": [[minute(a), minute(b)] for a, b in spans]}
    tab = context.new_page()
    tab.goto(f"{server.url}/{lang}/dienststellen/landratsamt/")
    words = tab.locator("[data-cc-open]").first.get_attribute("data-cc-words")
    said = [tab.evaluate("([data, words, now]) => civicat.openNow.describe(data, JSON.parse(words), now).text",
                         [data, words, minute(moment)])
            for moment in (dt.datetime(2026, 12, 23, 17, 0, tzinfo=BERLIN), dt.datetime(2027, 1, 8, 17, 0, tzinfo=BERLIN))]
    tab.close()
    assert said == [after_christmas, after_a_weekend]
