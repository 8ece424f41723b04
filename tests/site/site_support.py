"""Shared values of the fast site tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "catalogue"
TODAY = dt.date(2026, 12, 20)
"""Build date of the fixture site: the Christmas closure and New Year's Day fall in the next 60 days."""


def page_of(rendered, lang: str, path: str):
    return next(p for p in rendered[lang].pages if p.path == path)
