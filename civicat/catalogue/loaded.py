"""What loading makes: each file as parsed, and the Catalogue that the loader assembles from them.

Only ``loader`` builds or changes a ``Catalogue`` (``collect`` for a whole folder, ``apply`` for
one file read again); ``checks`` reads these types and reports, nothing more.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic
from .model import Form, Office, Service, Site, Topics
from .source import Source

KINDS_IN_FOLDERS = ("office", "service", "form")
"""The kinds written one file per object, in ``offices/``, ``services/`` and ``forms/``."""
Ids = dict[str, dict[str, Source]]
"""kind → id → the file that defines it (the first, when two files use one id)."""


@dataclass
class Parsed:
    """One file read and checked against the model: ``obj`` is None when the model refused it."""

    source: Source
    obj: Any


@dataclass
class Page:
    """A free Markdown page from catalogue/pages/ (imprint, privacy …)."""

    name: str
    path: Path
    text: str


@dataclass
class Catalogue:
    """A loaded catalogue. Every object's ``id`` is filled in (from its file name when not written)."""

    root: Path
    site: Site
    topics: Topics
    offices: dict[str, Office] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    """Where each object was written: (kind, id) → its Source, for messages that point into files."""

    def objects(self, kind: str) -> dict[str, Any]:
        """The offices, services or forms by id."""
        return {"office": self.offices, "service": self.services, "form": self.forms}[kind]

    def ids(self) -> Ids:
        """Every office, service and form id with the file that defines it."""
        found: Ids = {kind: {} for kind in KINDS_IN_FOLDERS}
        for (kind, oid), source in self.sources.items():
            if kind in found:
                found[kind][oid] = source
        return found

    def terms(self) -> dict[str, set[str]]:
        """The ids of the topics, life situations and audiences."""
        return {group: {term.id for term in getattr(self.topics, group)} for group in ("topics", "life_situations", "audiences")}
