"""Linting what editors write as opening hours: every message in their words, with a fix.

Three kinds of findings: the text cannot be read (with a corrected expression when the mistake is
a usual one: German day names, ``bis``, ``9-12``); it reads, but programs disagree about it
(comments without a state, ``||``, a later rule replacing a day); it reads, but the hours are not
plausible for an office (past 24:00, over midnight, longer than ``LONG_DAY_HOURS``, a break
shorter than ``SHORT_BREAK_MINUTES``) — unless the office is marked as open at night.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

import opening_hours as _oh

from .rules import (
    HOLIDAYS,
    TIMESPAN,
    WDAY_SELECTOR,
    WEEKDAY_NAMES,
    WEEKDAYS,
    blank_comments,
    clock,
    expanded,
    minutes,
    rules,
    weekdays,
)

LONG_DAY_HOURS = 14
SHORT_BREAK_MINUTES = 15
NIGHT = "add `open_at_night: true` to the office"
EXAMPLE = '"Mo-Fr 08:00-12:00; Th 08:00-12:00,14:00-18:00; PH off"'
_STATE = re.compile(r"\b(open|closed|off|unknown)\b")


@dataclass(frozen=True)
class HoursProblem:
    col: int
    """1-based column inside the expression."""
    message: str
    fix: str
    severity: Literal["error", "warning"] = "error"


# --------------------------------------------------------------------------- cannot be read

_GRAMMAR_WORDS = [
    # The parser's names for what it expected, grouped as editors think of them (first match wins).
    (("wday", "weekday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
      "holiday", "small_range"), "a weekday (Mo, Tu, We, Th, Fr, Sa, Su) or PH"),
    (("nth",), "a week of the month from 1 to 5, like Sa[1]"),
    (("timespan_plus",), 'a "-" between two times, like 08:00-12:00'),
    (("time", "hour", "minute", "event", "dawn", "sunrise", "sunset", "dusk"), "a time range like 08:00-12:00"),
    (("rule_separator",), '";" before the next rule'),
    (("EOI",), "the end of the text"),
    (("rules_modifier",), '"off"'),
    (("comment",), "a comment in quotes"),
    (("month", "monthday", "date", "daynum", "year", "week", "variable_date", "wide_range"), "a date like Dec 24"),
    (("always_open",), "24/7"),
]
_GERMAN_DAYS = {"montag": "Mo", "dienstag": "Tu", "mittwoch": "We", "donnerstag": "Th", "freitag": "Fr",
                "samstag": "Sa", "sonnabend": "Sa", "sonntag": "Su", "mo": "Mo", "di": "Tu", "mi": "We",
                "do": "Th", "fr": "Fr", "sa": "Sa", "so": "Su"}
_ENGLISH_DAYS = {name.lower(): short for name, short in zip(WEEKDAY_NAMES, WEEKDAYS)}


def _expected(parser_text: str) -> str:
    """What the parser expected, in editors' words: no grammar term gets through."""
    said = re.search(r"=\s*(?:un)?expected\s+(.+)$", parser_text.strip(), re.S)
    words: list[str] = []
    for term in re.findall(r"[A-Za-z_]+", said.group(1) if said else ""):
        phrase = next((p for names, p in _GRAMMAR_WORDS if any(n in term for n in names)), None)
        if phrase and phrase not in words:
            words.append(phrase)
    if len(words) > 2:
        return ", ".join(words[:-1]) + f", or {words[-1]}"
    return " or ".join(words)


def _corrected(expr: str) -> tuple[str, list[str]]:
    """``expr`` with the usual mistakes corrected, and what each correction was about."""
    reasons: list[str] = []
    out = expr

    def sub(pattern: str, repl, reason: str, flags: int = 0) -> None:
        nonlocal out
        new = re.sub(pattern, repl, out, flags=flags)
        if new != out:
            out = new
            if reason not in reasons:
                reasons.append(reason)

    german = [word for word in re.findall(r"\b[A-Za-zä]+\.?", out)
              if word.rstrip(".").lower() in _GERMAN_DAYS and word.rstrip(".") not in WEEKDAYS]
    if german:
        shown = ", ".join(dict.fromkeys(f'"{w.rstrip(".")}"' for w in german))
        sub(r"\b([A-Za-z]+)\b\.?", lambda m: _GERMAN_DAYS.get(m.group(1).lower(), m.group(0))
            if m.group(1).lower() in _GERMAN_DAYS else m.group(0),
            f"{shown} {'is' if len(german) == 1 else 'are'} German; opening hours use the English day abbreviations "
            "Mo Tu We Th Fr Sa Su")
    sub(r"[\u2013\u2014\u2212]", "-", 'a range is written with the plain hyphen "-"')
    sub(r"\s*\b(?:bis)\b\s*", "-", 'a range is written with "-", not "bis"', re.I)
    sub(r"\s*\b(?:Uhr)\b", "", 'times are written without "Uhr"', re.I)
    sub(r"\s+\b(?:und)\b\s+", ",", 'several times or days are separated by ","', re.I)
    sub(r"\b(?:geschlossen|zu|Ruhetag)\b", "off", 'closed days are written "off"', re.I)
    sub(r"\b(?:Feiertage?|feiertags)\b", "PH", 'public holidays are written "PH"', re.I)
    sub(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b", lambda m: _ENGLISH_DAYS[m.group(1).lower()],
        "days are written with two letters: Mo Tu We Th Fr Sa Su", re.I)
    sub(r"(?<![\d:])(\d{1,2})[.h](\d{2})(?![\d])", r"\1:\2", 'times are written with ":", like 08:00')
    sub(r"(?<![\d:.])(\d{1,2})\s*-\s*(\d{1,2})(?![\d:.])", lambda m: f"{int(m.group(1)):02d}:00-{int(m.group(2)):02d}:00",
        "times need hours and minutes, like 09:00-12:00")
    sub(r"(?<![\d:])(\d):(\d{2})", r"0\1:\2", "")
    times = r"\d{1,2}:\d{2}-\d{1,2}:\d{2}(?:,\d{1,2}:\d{2}-\d{1,2}:\d{2})*"
    days = r"(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:[-,](?:Mo|Tu|We|Th|Fr|Sa|Su|PH))*"
    sub(rf"(^|;\s*)({times}) ({days})(?=\s*(?:;|$))", r"\1\3 \2", "the days come before the times")
    if "" in reasons:
        reasons.remove("")
    return out, reasons


def corrected_times(text: str) -> str | None:
    """Times an editor wrote the usual wrong way ("9-11", "9 bis 11 Uhr") corrected, if that helps."""
    better, reasons = _corrected(text)
    return better if reasons and better != text and TIMESPAN.fullmatch(better.split(",")[0].strip()) and _parses(better) else None


def parse_problem(expr: str) -> HoursProblem | None:
    """Why ``expr`` cannot be read, at which column, in editors' words; None when it can."""
    try:
        _oh.OpeningHours(expr)
    except _oh.ParserError as exc:
        text = str(exc)
        where = re.search(r"-->\s*\d+:(\d+)", text)
        col = int(where.group(1)) if where else 1
        while 1 < col <= len(expr) and expr[col - 2].isalpha() and expr[col - 1].isalpha():
            col -= 1  # point at the start of the word, not into it ("Montag")
        near_match = re.match(r"\s*(;|[^\s;]{1,20})", expr[col - 1:])
        near = f'"{near_match.group(1)}"' if near_match else "the end"
        if blank_comments(expr).count('"') % 2:
            opened = expr.rindex('"') + 1
            return HoursProblem(opened, f'the comment starting at "{expr[opened - 1:opened + 19]}" is not closed',
                                'add the closing " after the comment')
        corrected, reasons = _corrected(expr)
        if reasons and corrected != expr and _parses(corrected):
            return HoursProblem(col, f"the opening hours cannot be read at {near}: {'; '.join(reasons)}",
                                f'did you mean "{corrected}"?')
        expected = _expected(text)
        return HoursProblem(col, f"the opening hours cannot be read at {near}" + (f": expected {expected}" if expected else ""),
                            f"write them like {EXAMPLE} (OpenStreetMap syntax)")
    return None


def _parses(expr: str) -> bool:
    try:
        _oh.OpeningHours(expr)
    except _oh.ParserError:
        return False
    return True


# --------------------------------------------------------------------------- read, but risky


def lint(expr: str, region: str | None = None, *, night: bool = False) -> list[HoursProblem]:
    """Everything wrong or risky in an opening-hours expression; empty when it is fine.
    ``night``: the office is open at night, so hours past midnight and long days are meant."""
    from . import school_holidays_known

    problem = parse_problem(expr)
    if problem:
        return [problem]
    out: list[HoursProblem] = []
    if "||" in blank_comments(expr):
        out.append(HoursProblem(blank_comments(expr).index("||") + 1,
                                'the fallback "||" is not supported: civicat cannot show "open now" from it',
                                'write the rules separated by ";" and say closed days with "off"'))
    for rule in rules(expr):
        plain = blank_comments(rule.text)
        if re.search(r'"\s*"', plain) and not _STATE.search(plain):
            out.append(HoursProblem(rule.col, f'the rule "{rule.text}" has a comment but no explicit state, which programs read differently',
                                    'write `open "…"` or `off "…"` before the comment'))
        if re.search(r"\bSH\b", plain) and region and not school_holidays_known(region):
            out.append(HoursProblem(rule.col + plain.index("SH"), f"SH (school holidays) is used, but there is no school holiday data for {region}",
                                    "write the school holiday dates as explicit date ranges, or remove SH"))
    out.extend(_ambiguous_holidays(expr))
    out.extend(_replaced_days(expr))
    out.extend(times_problems(expr, night=night, long_days=False))
    if not night and not any(p.severity == "error" for p in out):  # after a mistake the day may look long: say it once
        out.extend(_long_days(expr, 0))
    return out


def _ambiguous_holidays(expr: str) -> list[HoursProblem]:
    """PH or SH joined to other selectors in a way programs read differently (``PH Mo``)."""
    out = []
    for rule in expanded(expr):
        plain = blank_comments(rule.text)
        for holiday in HOLIDAYS:
            found = re.search(rf"\b{holiday}\b", plain)
            alone = rf"^{holiday}(?:\s+[+-]\d+\s+days?)?(?:\s+(?!(?:Mo|Tu|We|Th|Fr|Sa|Su|PH|SH)\b)|\s*$)"
            if found and not re.match(alone, plain):
                joined = re.sub(rf"^{holiday}\s+(\S+)", rf"{holiday},\1", rule.text)
                out.append(HoursProblem(
                    rule.col + rule.text.find(holiday),
                    f'"{holiday}" is combined with other days in "{rule.text}", which programs read differently',
                    (f'if both are meant, join them with a comma ("{joined}"); ' if joined != rule.text else "")
                    + f'or give {holiday} a rule of its own ("{holiday} off")'))
                break
    return out


def _replaced_days(expr: str) -> list[HoursProblem]:
    """A later rule for a day replaces the earlier one entirely: say so when it looks unintended."""
    out: list[HoursProblem] = []
    earlier: list[tuple[str, set[int]]] = []
    for rule in expanded(expr):
        plain = blank_comments(rule.text)
        match = WDAY_SELECTOR.match(plain)
        if not match or plain[match.end():].strip().startswith(("off", "closed")):
            continue
        days = weekdays(match.group(1))
        for before, before_days in earlier:
            hit = sorted(days & before_days)
            if hit:
                names = ", ".join(WEEKDAY_NAMES[d] for d in hit)
                short = ",".join(WEEKDAYS[d] for d in hit)
                out.append(HoursProblem(
                    rule.col,
                    f'the rule "{rule.text}" replaces all earlier hours of {names} from "{before}", so {names} '
                    f"{'is' if len(hit) == 1 else 'are'} open only {plain[match.end():].strip()}",
                    f'if {short} keeps the earlier hours too, list all its times in one rule (e.g. "{short} 08:00-12:00,14:00-18:00"); '
                    f"otherwise leave {short} out of the earlier rule",
                ))
                break
        earlier.append((rule.text, days))
    return out


# --------------------------------------------------------------------------- plausible for an office


def times_problems(expr: str, *, night: bool = False, offset: int = 0, long_days: bool = True) -> list[HoursProblem]:
    """Times an office is unlikely to mean: past 24:00, ending before they start, days longer
    than ``LONG_DAY_HOURS`` (errors or warnings; the first two not when ``night``), breaks shorter
    than ``SHORT_BREAK_MINUTES``. ``offset`` is added to columns (an expression inside another)."""
    out: list[HoursProblem] = []
    for rule in rules(expr):
        plain = blank_comments(rule.text)
        spans = []
        for found in TIMESPAN.finditer(plain):
            col = offset + rule.col + found.start()
            start, end = minutes(*found.group(1, 2)), minutes(*found.group(3, 4))
            span = found.group(0)
            spans.append((start, end, span, col))
            if end == start:
                out.append(HoursProblem(col, f'"{span}" opens and closes at the same time', "correct one of the two times"))
            elif end > 24 * 60 and not night:
                out.append(HoursProblem(
                    col, f'"{span}" runs past midnight: {found.group(3)}:{found.group(4)} is {clock(end)} the next day',
                    f"write the closing time as the clock shows it, at most 24:00; if the office really is open after midnight, {NIGHT}"))
            elif end < start and not night:
                swapped = f"{clock(end)}-{clock(start)}"
                plausible = end >= 5 * 60
                out.append(HoursProblem(
                    col, f'"{span}" ends before it starts, so it would run over midnight until {clock(end)} the next day',
                    (f'swap the times ("{swapped}"); ' if plausible else f'if the office closes at midnight, write "{clock(start)}-24:00"; ')
                    + f"if it really is open over midnight, {NIGHT}"))
        ordered = sorted((s, e, text, col) for s, e, text, col in spans if s < e)
        for (_s1, end1, _t1, _c1), (start2, _e2, _t2, col2) in zip(ordered, ordered[1:]):
            gap = start2 - end1
            if 0 < gap < SHORT_BREAK_MINUTES:
                out.append(HoursProblem(
                    col2, f"the break from {clock(end1)} to {clock(start2)} is only {gap} minutes",
                    f'check the times; if there is no break, write one range ("{clock(ordered[0][0])}-{_clock24(ordered[-1][1])}")',
                    "warning"))
    if long_days and not night and not any(p.severity == "error" for p in out):
        out.extend(_long_days(expr, offset))
    return out


def _clock24(total: int) -> str:
    return "24:00" if total == 24 * 60 else clock(total)


def _long_days(expr: str, offset: int) -> list[HoursProblem]:
    from . import weekly_table

    long = {}
    for day, ranges in enumerate(weekly_table(expr)):
        total = sum(minutes(*b.split(":")) - minutes(*a.split(":")) for a, b in ranges)
        if total > LONG_DAY_HOURS * 60:
            long[day] = total
    if not long:
        return []
    days = sorted(long)
    names = ", ".join(WEEKDAY_NAMES[d] for d in days)
    longest = max(long.values())
    amount = f"{longest // 60} hours" + (f" {longest % 60} minutes" if longest % 60 else "")
    rule = _last_rule_for(expr, days[0])
    no_times = rule is not None and not TIMESPAN.search(blank_comments(rule.text))
    return [HoursProblem(
        offset + (rule.col if rule else 1),
        f"the office would be open {amount} a day on {names}"
        + (f' ("{rule.text}" gives no times, which means the whole day)' if no_times else ""),
        f'write the opening times, e.g. "Mo-Fr 08:00-16:00"; if it really is open this long, {NIGHT}',
        "warning")]


def _last_rule_for(expr: str, day: int):
    """The last rule that gives ``day`` its hours (a later rule replaces earlier ones)."""
    found = None
    for rule in expanded(expr):
        plain = blank_comments(rule.text)
        match = WDAY_SELECTOR.match(plain)
        if match and day in weekdays(match.group(1)):
            found = rule
        elif not match and not re.match(r"^\s*(PH|SH|\d{4}|[A-Z][a-z]{2} \d)", plain):
            found = rule  # no weekdays: every day
    return found
