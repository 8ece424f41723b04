"""Opening hours: lint what editors write, resolve state holidays, compute open intervals.

Knows nothing of the catalogue: an office's hours come in as a ``Schedule`` (the catalogue's
``Office.schedule`` makes one). Editors write OpenStreetMap ``opening_hours``. opening-hours-py parses and evaluates it, but its
``PH`` knows only nation-wide holidays and ``SH`` never matches, so we substitute the region's
holidays (``holidays`` package, e.g. DE-TH with Reformationstag) as explicit dates before
evaluating. Office closures from the catalogue are appended as ``off`` rules, which win because a
later rule replaces earlier ones for the days it names.
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

WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_STATE = re.compile(r"\b(open|closed|off|unknown)\b")
_WDAY_SELECTOR = re.compile(r"^\s*((?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?(?:,(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?)*)(?=\s|$)")
_EXPECTED = {
    "wday": "a weekday (Mo, Tu, We, Th, Fr, Sa, Su)",
    "timespan": "a time range like 08:00-12:00",
    "time": "a time like 08:00",
    "hour": "an hour like 08",
    "minute": "minutes like 30",
    "normal_rule_separator": "a rule",
    "any_rule_separator": "`;` between rules",
    "EOI": "the end of the text",
    "rules_modifier": "open, off or a comment",
}


@dataclass(frozen=True)
class HoursProblem:
    col: int
    """1-based column inside the expression."""
    message: str
    fix: str


# --------------------------------------------------------------------------- lint


def parse_problem(expr: str) -> HoursProblem | None:
    """The parser's complaint about ``expr`` with its column, in editors' words."""
    try:
        _oh.OpeningHours(expr)
    except _oh.ParserError as exc:
        text = str(exc)
        where = re.search(r"-->\s*\d+:(\d+)", text)
        col = int(where.group(1)) if where else 1
        expected = re.search(r"=\s*(.+)$", text.strip(), re.S)
        said = expected.group(1).strip() if expected else "valid opening hours"
        for token, words in _EXPECTED.items():
            said = re.sub(rf"\b{token}\b", words, said)
        said = said.replace("expected ", "").replace("unexpected ", "not ")
        near = expr[col - 1:col + 9]
        return HoursProblem(col, f'the opening hours cannot be read at "{near}": expected {said}',
                            'write them like "Mo-Fr 08:00-12:00; Th 08:00-12:00,14:00-18:00; PH off" (OpenStreetMap syntax)')
    return None


def _rules(expr: str) -> list[tuple[int, str]]:
    """Rules split at top-level ``;`` (not inside comments), with their 1-based start column."""
    out, start, quoted = [], 0, False
    text = expr + ";"
    index = 0
    while index < len(text):
        char = text[index]
        if char == '"':
            quoted = not quoted
        elif not quoted and (char == ";" or text.startswith("||", index)):
            piece = expr[start:index]
            lead = len(piece) - len(piece.lstrip())
            if piece.strip():
                out.append((start + lead + 1, piece.strip()))
            index += 1 if char == ";" else 2
            start = index
            continue
        index += 1
    return out


def _weekdays(selector: str) -> set[int]:
    days: set[int] = set()
    for part in selector.split(","):
        if "-" in part:
            first, last = (WEEKDAYS.index(p) for p in part.split("-"))
            span = range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
            days.update(span)
        else:
            days.add(WEEKDAYS.index(part))
    return days


def _without_comments(rule: str) -> str:
    return re.sub(r'"[^"]*"', '""', rule)


def lint(expr: str, region: str | None = None) -> list[HoursProblem]:
    """Everything wrong or risky in an opening-hours expression; empty when it is fine."""
    problem = parse_problem(expr)
    if problem:
        return [problem]
    out: list[HoursProblem] = []
    if "||" in _without_comments(expr):
        out.append(HoursProblem(_without_comments(expr).index("||") + 1,
                                'the fallback "||" is not supported: civicat cannot show "open now" from it',
                                'write the rules separated by ";" and say closed days with "off"'))
    earlier: list[tuple[str, set[int]]] = []
    for col, rule in _rules(expr):
        plain = _without_comments(rule)
        if '""' in plain and not _STATE.search(plain):
            out.append(HoursProblem(col, f'the rule "{rule}" has a comment but no explicit state, which programs read differently',
                                    'write `open "…"` or `off "…"` before the comment'))
        if re.search(r"\bSH\b", plain) and region and not school_holidays_known(region):
            out.append(HoursProblem(col + plain.index("SH"), f"SH (school holidays) is used, but there is no school holiday data for {region}",
                                    "write the school holiday dates as explicit date ranges, or remove SH"))
        if re.search(r"\bPH\b", plain) and not re.match(r"^\s*PH\b(?![,-])", plain):
            out.append(HoursProblem(col + plain.index("PH"), f'"PH" is combined with other days in "{rule}"',
                                    'give public holidays a rule of their own, e.g. "PH off"'))
        match = _WDAY_SELECTOR.match(plain)
        if not match or plain[match.end():].strip().startswith(("off", "closed")):
            continue
        days = _weekdays(match.group(1))
        for before, before_days in earlier:
            hit = sorted(days & before_days)
            if hit:
                names = ", ".join(WEEKDAY_NAMES[d] for d in hit)
                short = ",".join(WEEKDAYS[d] for d in hit)
                out.append(HoursProblem(
                    col,
                    f'the rule "{rule}" replaces all earlier hours of {names} from "{before}", so {names} '
                    f"{'is' if len(hit) == 1 else 'are'} open only {plain[match.end():].strip()}",
                    f'if {short} keeps the earlier hours too, list all its times in one rule (e.g. "{short} 08:00-12:00,14:00-18:00"); '
                    f"otherwise leave {short} out of the earlier rule",
                ))
                break
        earlier.append((rule, days))
    return out


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


@lru_cache(maxsize=64)
def public_holidays(region: str, year: int, lang: str = "de") -> dict[dt.date, str]:
    """The region's public holidays of a year, named in ``lang`` where the data has it (else English, else German)."""
    country, subdiv = _split_region(region)
    supported = getattr(_holidays.country_holidays(country), "supported_languages", ())
    language = next((code for code in (lang, f"{lang}_US", "en_US", "de") if code in supported), None)
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
    """``expr`` with ``PH`` and ``SH`` rules replaced by the region's dates for ``years``."""
    years = list(years)
    ph = _date_selector(day for year in years for day in public_holidays(region, year))
    sh = _date_selector(day for year in years for day in school_holidays(region, year))
    rules = []
    for _, rule in _rules(expr):
        if re.match(r"^PH\b", rule):
            if not ph:
                continue
            rule = ph + rule[2:]
        if re.match(r"^SH\b", rule):
            if not sh:
                continue
            rule = sh + rule[2:]
        rules.append(rule)
    return "; ".join(rules)


# --------------------------------------------------------------------------- evaluation


@dataclass(frozen=True)
class Closure:
    """Days an office is closed against its regular hours (first to last, both included)."""

    first: dt.date
    last: dt.date
    reason: str = ""
    """Why, in the language of the page that shows it."""


@dataclass(frozen=True)
class Schedule:
    """What evaluating an office's hours needs: the OSM expression, closures, the region whose
    public holidays ``PH`` means, and the time zone the times are in."""

    expr: str
    region: str
    timezone: str
    closures: tuple[Closure, ...] = ()


def _closure_rules(schedule: Schedule) -> list[str]:
    return [f"{_date_selector(_days(closure.first, closure.last))} off" for closure in schedule.closures]


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
    return _oh.OpeningHours("; ".join(rule for _, rule in _rules(expr) if not re.match(r"^(PH|SH)\b", rule)) or "off")


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


def closed_days(schedule: Schedule, start: dt.date, days: int, lang: str) -> list[tuple[dt.date, str]]:
    """Days in the range the office would normally be open but is closed: holidays by name (in
    ``lang``), closures with their reason."""
    regular = _regular(schedule.expr)
    out: list[tuple[dt.date, str]] = []
    end = start + dt.timedelta(days=days)
    reasons: dict[dt.date, str] = {}
    for year in range(start.year, end.year + 1):
        for day, name in public_holidays(schedule.region, year, lang).items():
            reasons.setdefault(day, name)
    for closure in schedule.closures:
        for day in _days(closure.first, closure.last):
            reasons[day] = closure.reason
    for day in sorted(reasons):
        if start <= day < end:
            begin = dt.datetime.combine(day, dt.time())
            if any(state == _oh.State.OPEN for _a, _b, state, _c in regular.intervals(begin, begin + dt.timedelta(days=1))):
                out.append((day, reasons[day]))
    return out
