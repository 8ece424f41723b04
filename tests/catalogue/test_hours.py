"""Opening hours: the build's evaluation with state holidays, closures and daylight-saving changes."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from civicat import hours
from civicat.catalogue.model import Office, Site

TZ = ZoneInfo("Europe/Berlin")
SITE = Site.model_validate({
    "name": "Test", "region": "DE-TH", "base_url": "https://example.de/",
    "contact": {"email": "a@example.de"},
    "address": {"street": "Markt 1", "postal_code": "99880", "locality": "Hainbach"},
})


def office(expr: str, closures=()) -> Office:
    return Office.model_validate({
        "name": "Amt", "opening_hours": expr, "closures": list(closures),
        "address": {"street": "Markt 1", "postal_code": "99880", "locality": "Hainbach"},
    })


def test_the_weekly_table_keeps_split_shifts_and_the_long_thursday():
    table = hours.weekly_table("Mo-We,Fr 08:00-12:00; Th 08:00-12:00,14:00-18:00; PH off")
    assert table[0] == [("08:00", "12:00")]
    assert table[3] == [("08:00", "12:00"), ("14:00", "18:00")]
    assert table[5] == [] and table[6] == []


def test_thuringian_holidays_close_the_office_though_the_library_knows_only_national_ones():
    amt = office("Mo-Fr 08:00-12:00; PH off")
    reformation_day = dt.datetime(2027, 10, 29, 9, tzinfo=TZ)  # a Friday before 31 Oct 2027 (Sunday)
    assert hours.state_at(amt.schedule(SITE), reformation_day)
    weltkindertag = dt.datetime(2028, 9, 20, 9, tzinfo=TZ)  # Wednesday, a holiday in Thuringia only
    assert not hours.state_at(amt.schedule(SITE), weltkindertag)
    assert hours.state_at(amt.schedule(SITE), weltkindertag + dt.timedelta(days=1))


def test_closures_win_over_regular_hours_and_are_listed_with_their_reason():
    amt = office("Mo-Fr 08:00-12:00; PH off", [{"start": "2026-12-28", "end": "2026-12-30", "reason": {"de": "Weihnachtsschließung", "en": "Christmas closure"}}])
    assert not hours.state_at(amt.schedule(SITE), dt.datetime(2026, 12, 29, 9, tzinfo=TZ))
    assert hours.state_at(amt.schedule(SITE), dt.datetime(2027, 1, 4, 9, tzinfo=TZ))
    closed = hours.closed_days(amt.schedule(SITE, "en"), dt.date(2026, 12, 20), 20, "en")
    assert [(special.day, special.reason) for special in closed] == [
        (dt.date(2026, 12, 25), "Christmas Day"),
        (dt.date(2026, 12, 28), "Christmas closure"),
        (dt.date(2026, 12, 29), "Christmas closure"),
        (dt.date(2026, 12, 30), "Christmas closure"),
        (dt.date(2027, 1, 1), "New Year's Day"),
    ]


def test_intervals_are_in_local_time_across_the_night_the_clocks_go_back():
    amt = office("Mo-Su 00:00-03:00")
    # 25 Oct 2026: clocks go back from 03:00 CEST to 02:00 CET, so the night is an hour longer.
    intervals = hours.open_intervals(amt.schedule(SITE), dt.date(2026, 10, 25), 1)
    (start, end), = intervals
    assert start.isoformat() == "2026-10-25T00:00:00+02:00"
    assert end.isoformat() == "2026-10-25T03:00:00+01:00"
    assert end.timestamp() - start.timestamp() == 4 * 3600  # wall-clock subtraction would say 3 h


def test_intervals_skip_public_holidays():
    amt = office("Mo-Fr 08:00-12:00; PH off")
    days = {start.date() for start, _ in hours.open_intervals(amt.schedule(SITE), dt.date(2026, 12, 21), 14)}
    assert dt.date(2026, 12, 24) in days  # Christmas Eve is no public holiday
    assert dt.date(2026, 12, 25) not in days and dt.date(2027, 1, 1) not in days


def test_a_day_open_only_in_some_weeks_shows_its_hours_and_is_marked_irregular():
    expr = "Mo-Fr 08:00-12:00; Sa[1] 09:00-12:00; PH off"
    assert hours.weekly_table(expr, dt.date(2026, 11, 23))[5] == [("09:00", "12:00")]
    assert hours.irregular_weekdays(expr, dt.date(2026, 11, 23)) == {5}
    assert hours.irregular_weekdays("Mo-Fr 08:00-12:00; PH off") == set()
