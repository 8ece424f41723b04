"""The rules of an OSM ``opening_hours`` expression as text: split, their weekdays, their times.

Shared by the lint (which points editors at columns) and the evaluation (which rewrites ``PH``
and ``SH`` into dates). Works on the text because opening-hours-py does not expose what it parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WEEKDAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
HOLIDAYS = ("PH", "SH")

_DAY = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_PART = rf"(?:PH|SH|{_DAY}(?:-{_DAY})?(?:\[[^\]]*\])?)"
SELECTOR = re.compile(rf"^\s*({_PART}(?:,{_PART})*)(?=\s|$)")
"""A rule's leading weekday selector: weekdays, ranges, nth weekdays, PH and SH joined by commas."""
WDAY_SELECTOR = re.compile(rf"^\s*({_DAY}(?:-{_DAY})?(?:,{_DAY}(?:-{_DAY})?)*)(?=\s|$)")
"""A leading selector of plain weekdays and ranges (every week the same)."""
TIMESPAN = re.compile(r"(?<![\d:])(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})(?![\d:+])")


@dataclass(frozen=True)
class Rule:
    col: int
    """1-based column of the rule in the whole expression."""
    text: str


def rules(expr: str) -> list[Rule]:
    """Rules split at top-level ``;`` and ``||`` (not inside comments), with their start column."""
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
                out.append(Rule(start + lead + 1, piece.strip()))
            index += 1 if char == ";" else 2
            start = index
            continue
        index += 1
    return out


def blank_comments(text: str) -> str:
    """``text`` with the inside of every "comment" blanked: same length, so columns stay right."""
    return re.sub(r'"[^"]*"', lambda m: '"' + " " * (len(m.group()) - 2) + '"', text)


def weekdays(selector: str) -> set[int]:
    """Weekday numbers (0 = Monday) of a plain selector like ``Mo-We,Fr``."""
    days: set[int] = set()
    for part in selector.split(","):
        if "-" in part:
            first, last = (WEEKDAYS.index(p) for p in part.split("-"))
            span = range(first, last + 1) if first <= last else [*range(first, 7), *range(0, last + 1)]
            days.update(span)
        else:
            days.add(WEEKDAYS.index(part))
    return days


def _top_level_parts(selector: str) -> list[str]:
    """``Mo[1,3],PH`` → ["Mo[1,3]", "PH"]: commas inside brackets do not split."""
    parts, depth, current = [], 0, ""
    for char in selector:
        depth += char == "["
        depth -= char == "]"
        if char == "," and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def split_holidays(rule: str) -> list[str]:
    """A rule whose weekday selector lists holidays beside weekdays (``Su,PH off``, valid OSM) as
    the rules it stands for, each holiday on its own (``Su off``, ``PH off``): the evaluation
    replaces a rule starting with ``PH`` by the region's dates. Other rules come back as they are."""
    match = SELECTOR.match(blank_comments(rule))
    if not match:
        return [rule]
    parts = _top_level_parts(match.group(1))
    holidays = [part for part in parts if part in HOLIDAYS]
    if not holidays or len(parts) == 1:
        return [rule]
    rest = rule[match.end():]
    days = [part for part in parts if part not in HOLIDAYS]
    return ([",".join(days) + rest] if days else []) + [holiday + rest for holiday in holidays]


def expanded(expr: str) -> list[Rule]:
    """Every rule, those naming weekdays and holidays together split (``split_holidays``)."""
    return [Rule(rule.col, part) for rule in rules(expr) for part in split_holidays(rule.text)]


def is_holiday_rule(rule: str) -> bool:
    return bool(re.match(r"^(PH|SH)\b", rule))


def minutes(hours: str, mins: str) -> int:
    return int(hours) * 60 + int(mins)


def clock(total: int) -> str:
    """Minutes since midnight as HH:MM (past midnight: the time on the clock the next day)."""
    total %= 24 * 60
    return f"{total // 60:02d}:{total % 60:02d}"
