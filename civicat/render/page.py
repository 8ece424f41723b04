"""What the renderer produces: pages (HTML body and metadata) and static assets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from .hyphens import soft_hyphens


@dataclass
class Crumb:
    title: str
    path: str


@dataclass
class RenderedPage:
    """One generated page of one language.

    ``body`` is the HTML below the page's ``<h1>``; the theme adds breadcrumbs, the heading, the
    read-aloud slot, page tools and the last-updated line around it, from the fields below.
    """

    kind: str
    """home, service, office, hours, contact, az, topic, topics, life, lifes, audience, audiences,
    offices, forms, form, page (a Markdown page); shell (the forms API's frame, civicat/render/shell.py)."""
    path: str
    """Address relative to the language root: "" for home, else ending in "/"."""
    lang: str
    title: str
    description: str
    body: Markup
    breadcrumbs: list[Crumb] = field(default_factory=list)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    updated: dt.date | None = None
    reviewed: bool = False
    """True when ``updated`` is an editor's review date (services), not the build date."""
    title_lang: str | None = None
    """Language of the title when it fell back to the default language."""
    fallback: Markup = Markup("")
    """Visible notice that parts of the page are in the default language (empty if none)."""
    nav_order: int | None = None
    """Position in the sidebar navigation; None for pages only reached through links."""
    search: bool = True
    """False to keep the page out of the search index."""
    heading: str | None = None
    """The ``<h1>`` when it differs from ``title`` (e.g. the home page)."""
    keywords: list[str] = field(default_factory=list)
    """Search words (catalogue keywords and synonyms): indexed with a high boost, so "Perso" finds the ID card."""
    nav_title: str | None = None
    """Title in the sidebar when it differs from ``title`` (home: "Home")."""
    default_lang: str | None = None
    """The site's default language (for words of it inside a heading in another script)."""
    updated_html: Markup = Markup("")
    """"Last updated: <time>…</time>" (or "Last reviewed" for services) in the page's language."""
    later: bool = False
    """The body waits for work of another process (the open data files' sizes): render the page
    again (``render_pages``) before writing it; its title, description and search words are final."""

    @property
    def src_uri(self) -> str:
        """Where the page pretends to be in the docs folder (directory URLs: path/index.md)."""
        return f"{self.path}index.md"

    def meta(self) -> dict[str, Any]:
        """The fields the theme reads, as plain data (also written as front matter for Zensical)."""
        return {
            "kind": self.kind,
            "path": self.path,
            "lang": self.lang,
            "title_lang": self.title_lang,
            "heading": self.heading or self.title,
            # For the <h1> only: soft hyphens in long words (titles and search keep the plain text).
            "heading_display": soft_hyphens(self.heading or self.title, self.title_lang or self.lang, self.default_lang),
            "description": self.description,
            "breadcrumbs": [{"title": c.title, "path": c.path} for c in self.breadcrumbs],
            "jsonld": self.jsonld,
            "updated": self.updated.isoformat() if self.updated else None,
            "reviewed": self.reviewed,
            "updated_html": str(self.updated_html),
            "fallback": str(self.fallback),
        }


@dataclass
class Asset:
    """A static file of one language's site, e.g. ``hours/landratsamt.json``."""

    path: str
    content: str | bytes


@dataclass
class RenderedSite:
    """Everything generated for one language."""

    lang: str
    pages: list[RenderedPage]
    assets: list[Asset]
    warnings: list[str] = field(default_factory=list)
    hours_until: dt.date | None = None
