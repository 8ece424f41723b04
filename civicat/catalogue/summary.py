"""What ``civicat validate`` shows by default: every error, and warnings counted by kind.

An editor looking for the one error of an edit must not search for it among 35 "not translated
into Arabic" lines: errors come first, each in full; a kind of warning with more than
``LIST_UP_TO`` entries becomes one line that counts them and says how to list them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Diagnostic
from .text import language_name

LIST_UP_TO = 3
"""Warnings of one kind shown in full by default; more become one summary line."""


@dataclass(frozen=True)
class Summary:
    count: int
    text: str

    def __str__(self) -> str:
        return f"warning: {self.text}: run `civicat validate --warnings` to list them"


def describe(kind: str, warnings: list[Diagnostic]) -> str:
    """One line for ``warnings`` of one ``kind``, in editors' words."""
    files = len({w.path for w in warnings})
    if kind.startswith("untranslated:"):
        return f"{files} files have texts not yet in {language_name(kind.partition(':')[2])}"
    if kind == "review":
        return f"{files} files were last reviewed more than 12 months ago"
    if kind == "hours":
        return f"{len(warnings)} opening hours look unusual"
    return f'{len(warnings)} warnings like "{warnings[0].message}"'


def arrange(problems: list[Diagnostic], *, all_warnings: bool = False) -> tuple[list[Diagnostic], list[Summary]]:
    """(what to print in full: errors first, then warnings; summaries of the warnings not printed)."""
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    if all_warnings:
        return errors + warnings, []
    by_kind: dict[str, list[Diagnostic]] = {}
    for warning in warnings:
        by_kind.setdefault(warning.kind or warning.message, []).append(warning)
    listed = [w for w in warnings if len(by_kind[w.kind or w.message]) <= LIST_UP_TO]
    summaries = [Summary(len(group), describe(kind, group)) for kind, group in by_kind.items() if len(group) > LIST_UP_TO]
    return errors + listed, summaries
