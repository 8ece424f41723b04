"""Opening hours: resolve state holidays, compute open intervals (the lint is in ``lint``).

Knows nothing of the catalogue: an office's hours come in as a ``Schedule`` (the catalogue's
``Office.schedule`` makes one). Editors write OpenStreetMap ``opening_hours``. opening-hours-py
parses and evaluates it, but its ``PH`` knows only nation-wide holidays and ``SH`` never matches,
so we substitute the region's holidays (``holidays`` package, e.g. DE-TH with Reformationstag) as
explicit dates before evaluating. Office closures from the catalogue are appended as rules for
their dates (``off``, or their special hours), which win because a later rule replaces earlier
ones for the days it names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable
from zoneinfo import ZoneInfo

import holidays as _holidays
import opening_hours as _oh

from .lint import HoursProblem, lint, parse_problem, times_problems
from .rules import MONTHS, WEEKDAY_NAMES, WEEKDAYS, expanded, is_holiday_rule

__all__ = ["HoursProblem", "lint", "parse_problem", "times_problems", "WEEKDAYS", "WEEKDAY_NAMES", "Closure", "Schedule",
           "Special", "public_holidays", "holiday_language", "region_problem", "school_holidays_known", "open_intervals",
           "state_at", "weekly_table", "irregular_weekdays", "closed_days"]


# --------------------------------------------------------------------------- holidays


def _split_region(region: str) -> tuple[str, str | None]:
    country, _, subdiv = region.partition("-")
    return country, subdiv or None


def region_problem(region: str) -> tuple[str, str] | None:
    """Why ``region`` cannot give public holidays (message, fix), or None."""
    country, subdiv = _split_region(region)
    try:
        calendar = _holidays.country_holidays(country)
    except NotImplementedError:
        return (f'there is no public holiday data for the country "{country}"', "use an ISO 3166-2 code like DE-TH")
    known = sorted(getattr(calendar, "subdivisions", ()))
    if subdiv is not None and subdiv not in known:
        near = [k for k in known if k.startswith(subdiv[:1])]
        return (f'"{subdiv}" is not a state or region of {country}',
                f"use one of {', '.join(known)}" + (f" (did you mean {country}-{near[0]}?)" if len(near) == 1 else ""))
    return None


def _data_language(country: str, lang: str) -> str | None:
    """The code under which the holiday data names holidays in ``lang`` (de, en_US …), if it does."""
    supported = getattr(_holidays.country_holidays(country), "supported_languages", ())
    return next((code for code in (lang, f"{lang}_US", f"{lang}_{lang.upper()}") if code in supported), None)


def holiday_language(region: str, lang: str, fallback: str) -> str:
    """The language holiday names are shown in on a page in ``lang``: ``lang`` where the data has
    names in it, else ``fallback`` (the site's default language; the page then says so)."""
    country, _ = _split_region(region)
    if _data_language(country, lang):
        return lang
    if _data_language(country, fallback):
        return fallback
    return getattr(_holidays.country_holidays(country), "default_language", None) or fallback


@lru_cache(maxsize=64)
def public_holidays(region: str, year: int, lang: str = "de", fallback: str = "de") -> dict[dt.date, str]:
    """The region's public holidays of a year, named in ``holiday_language(region, lang, fallback)``."""
    country, subdiv = _split_region(region)
    language = _data_language(country, holiday_language(region, lang, fallback))
    found = _holidays.country_holidays(country, subdiv=subdiv, years=year, language=language)
    return dict(sorted(found.items()))


@lru_cache(maxsize=16)
def school_holidays(region: str, year: int) -> tuple[dt.date, ...]:
    country, subdiv = _split_region(region)
    try:
        found = _holidays.country_holidays(country, subdiv=subdiv, years=year, categories=("school",))
    except Exception:
        return ()
    return tuple(sorted(found))


def school_holidays_known(region: str) -> bool:
    return bool(school_holidays(region, dt.date.today().year))


def _date_selector(days: Iterable[dt.date]) -> str:
    """Dates as an OSM selector, consecutive days folded into ranges: "2026 Jul 04-2026 Aug 14"."""
    ordered = sorted(set(days))
    parts: list[str] = []
    index = 0
    while index < len(ordered):
        first = last = ordered[index]
        while index + 1 < len(ordered) and ordered[index + 1] == last + dt.timedelta(days=1):
            index += 1
            last = ordered[index]
        one = f"{first.year} {MONTHS[first.month - 1]} {first.day:02d}"
        two = f"{last.year} {MONTHS[last.month - 1]} {last.day:02d}"
        parts.append(one if first == last else f"{one}-{two}")
        index += 1
    return ",".join(parts)


def resolve(expr: str, region: str, years: Iterable[int]) -> str:
    """``expr`` with ``PH`` and ``SH`` rules replaced by the region's dates for ``years``
    (``Su,PH off`` counts as ``Su off; PH off``)."""
    years = list(years)
    ph = _date_selector(day for year in years for day in public_holidays(region, year))
    sh = _date_selector(day for year in years for day in school_holidays(region, year))
    out = []
    for rule in expanded(expr):
        text = rule.text
        for holiday, dates in (("PH", ph), ("SH", sh)):
            if re.match(rf"^{holiday}\b", text):
                text = dates + text[2:] if dates else ""
        if text:
            out.append(text)
    return "; ".join(out)


# --------------------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class Closure:
    """Days an office is closed against its regular hours (first to last, both included), or open
    only at the special ``hours`` given (OSM times: "09:00-11:00" or "09:00-11:00,14:00-15:00")."""

    first: dt.date
    last: dt.date
    reason: str = ""
    """Why, in the language of the page that shows it."""
    hours: str = ""
    """Opening times on these days instead of the regular ones; empty: closed all day."""
    reason_lang: str = ""
    """The language ``reason`` is written in, when it is not the page's (a fallback)."""


@dataclass(frozen=True)
class Schedule:
    """What evaluating an office's hours needs: the OSM expression, closures, the region whose
    public holidays ``PH`` means, and the time zone the times are in."""

    expr: str
    region: str
    timezone: str
    closures: tuple[Closure, ...] = ()


@dataclass(frozen=True)
class Special:
    """A day that differs from the regular week: closed (``times`` empty) or open only at ``times``."""

    day: dt.date
    reason: str
    lang: str
    """Language of ``reason``."""
    times: tuple[tuple[str, str], ...] = ()


def _closure_rules(schedule: Schedule) -> list[str]:
    return [f"{_date_selector(_days(closure.first, closure.last))} {closure.hours or 'off'}" for closure in schedule.closures]


def _days(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


@lru_cache(maxsize=512)
def _evaluator(expr: str, closures: tuple[str, ...], region: str, years: tuple[int, ...], tz: str) -> _oh.OpeningHours:
    full = "; ".join([resolve(expr, region, years), *closures])
    return _oh.OpeningHours(full, timezone=ZoneInfo(tz))


def evaluator(schedule: Schedule, start: dt.date, days: int) -> _oh.OpeningHours:
    years = tuple(range(start.year - 1, (start + dt.timedelta(days=days)).year + 2))
    return _evaluator(schedule.expr, tuple(_closure_rules(schedule)), schedule.region, years, schedule.timezone)


def open_intervals(schedule: Schedule, start: dt.date, days: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """Open intervals from ``start`` for ``days`` days, holidays and closures applied, tz-aware."""
    tz = ZoneInfo(schedule.timezone)
    begin = dt.datetime.combine(start, dt.time(), tzinfo=tz)
    end = dt.datetime.combine(start + dt.timedelta(days=days), dt.time(), tzinfo=tz)
    out: list[tuple[dt.datetime, dt.datetime]] = []
    for first, last, state, _comment in evaluator(schedule, start, days).intervals(begin, end):
        if state == _oh.State.OPEN:
            if out and out[-1][1] == first:
                out[-1] = (out[-1][0], last)
            else:
                out.append((first, last))
    return out


def state_at(schedule: Schedule, when: dt.datetime) -> bool:
    """Whether the office is open at ``when`` by the build's own evaluation."""
    return bool(evaluator(schedule, when.date(), 1).is_open(when.astimezone(ZoneInfo(schedule.timezone))))


def _regular(expr: str) -> _oh.OpeningHours:
    """The expression without holiday rules: what a normal week looks like."""
    return _oh.OpeningHours("; ".join(rule.text for rule in expanded(expr) if not is_holiday_rule(rule.text)) or "off")


@lru_cache(maxsize=256)
def _weeks(expr: str, monday: dt.date, weeks: int = 5) -> tuple[tuple[tuple[tuple[str, str], ...], ...], ...]:
    """Open ranges per day for ``weeks`` weeks from ``monday``: weeks × 7 days × ranges."""
    days: list[list[tuple[str, str]]] = [[] for _ in range(7 * weeks)]
    begin = dt.datetime.combine(monday, dt.time())
    for first, last, state, _comment in _regular(expr).intervals(begin, begin + dt.timedelta(days=7 * weeks)):
        if state != _oh.State.OPEN:
            continue
        cursor = first
        while cursor < last:  # split ranges that run past midnight
            midnight = dt.datetime.combine(cursor.date() + dt.timedelta(days=1), dt.time())
            stop = min(last, midnight)
            days[(cursor.date() - monday).days].append(
                (cursor.strftime("%H:%M"), "24:00" if stop == midnight else stop.strftime("%H:%M")))
            cursor = stop
    return tuple(tuple(tuple(days[w * 7 + d]) for d in range(7)) for w in range(weeks))


def _monday(week_of: dt.date | None) -> dt.date:
    day = week_of or dt.date.today()
    return day - dt.timedelta(days=day.weekday())


def weekly_table(expr: str, week_of: dt.date | None = None) -> list[list[tuple[str, str]]]:
    """Regular weekly hours, Monday to Sunday, as ("08:00", "12:00") ranges (holidays not applied).

    Five weeks are looked at, so a day open only in some weeks (``Sa[1]``, the first Saturday)
    shows its hours; :func:`irregular_weekdays` tells which days those are.
    """
    weeks = _weeks(expr, _monday(week_of))
    table = []
    for day in range(7):
        seen = [week[day] for week in weeks if week[day]]
        table.append(list(max(seen, key=seen.count)) if seen else [])
    return table


def irregular_weekdays(expr: str, week_of: dt.date | None = None) -> set[int]:
    """Weekdays (0 = Monday) whose hours differ between weeks, e.g. open on the first Saturday only."""
    weeks = _weeks(expr, _monday(week_of))
    return {day for day in range(7) if len({week[day] for week in weeks}) > 1}


def closed_days(schedule: Schedule, start: dt.date, days: int, lang: str, fallback: str | None = None) -> list[Special]:
    """Days in the range that differ from the regular week: public holidays on which the office
    would be open (named in ``lang``, or in ``fallback`` where the data has no names in ``lang``),
    its closures on such days, and its days with special hours (always)."""
    regular = _regular(schedule.expr)
    end = start + dt.timedelta(days=days)
    fallback = fallback or lang
    names_in = holiday_language(schedule.region, lang, fallback)
    found: dict[dt.date, Special] = {}
    for year in range(start.year, end.year + 1):
        for day, name in public_holidays(schedule.region, year, lang, fallback).items():
            found.setdefault(day, Special(day, name, names_in))
    for closure in schedule.closures:
        times = _spans(closure.hours)
        for day in _days(closure.first, closure.last):
            found[day] = Special(day, closure.reason, closure.reason_lang or lang, times)
    out = []
    for day in sorted(found):
        if start <= day < end:
            begin = dt.datetime.combine(day, dt.time())
            if found[day].times or any(state == _oh.State.OPEN
                                       for _a, _b, state, _c in regular.intervals(begin, begin + dt.timedelta(days=1))):
                out.append(found[day])
    return out


def _spans(times: str) -> tuple[tuple[str, str], ...]:
    """``"9:00-11:00,14:00-15:00"`` → (("09:00", "11:00"), ("14:00", "15:00"))."""
    out = []
    for part in times.split(","):
        if "-" in part:
            first, last = (piece.strip() for piece in part.split("-", 1))
            out.append((first.zfill(5), last.zfill(5)))
    return tuple(out)
