"""The page renderer: a Catalogue and a language in, every generated page and asset out.

Independent of mkdocs: ``civicat.plugin`` hands the pages to mkdocs in memory, and
``write_pages`` writes them as files into a docs folder (for Zensical, which reads ``mkdocs.yml``
and ``custom_dir`` but runs no mkdocs plugins).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from . import builders
from .context import SiteContext
from .env import component_bundle
from .offices import hours_assets
from .page import Asset, Crumb, RenderedPage, RenderedSite

if TYPE_CHECKING:
    from ..catalogue import Catalogue

__all__ = ["Asset", "Crumb", "RenderedPage", "RenderedSite", "render_site", "write_pages", "ASSET_JS", "ASSET_CSS"]

ASSET_JS = "assets/civicat/civicat.js"
ASSET_CSS = "assets/civicat/civicat.css"
LEGAL_PAGES = ("imprint", "privacy", "accessibility", "easy_language", "sign_language")


def render_site(catalogue: "Catalogue", lang: str, *, today: dt.date | None = None) -> RenderedSite:
    """Every generated page and asset of ``lang``'s site."""
    site = SiteContext(catalogue, lang, today=today)
    pages: list[RenderedPage] = [
        builders.home(site), builders.az(site), builders.offices_index(site), builders.hours_overview(site),
        builders.contact(site), builders.forms_index(site),
    ]
    for kind in builders.TERM_KINDS:
        pages.append(builders.term_index(site, kind))
        field = builders.TERM_KINDS[kind][0]
        pages.extend(builders.term(site, kind, item) for item in getattr(catalogue.topics, field))
    pages.extend(builders.service(site, sid) for sid in site.service_order)
    pages.extend(builders.office(site, oid) for oid in catalogue.offices)
    for fid in catalogue.forms:
        pages.extend(builders.form(site, fid))
    for name in markdown_page_names(catalogue):
        pages.append(builders.markdown_page(site, name))
    assets, warnings, until = hours_assets(site)
    assets.append(Asset(ASSET_JS, component_bundle("js")))
    assets.append(Asset(ASSET_CSS, component_bundle("css")))
    return RenderedSite(lang, pages, assets, warnings, until)


def markdown_page_names(catalogue: "Catalogue") -> list[str]:
    """Free pages to render: every ``catalogue/pages/<name>.md`` (language variants ``<name>.<lang>.md`` excluded)."""
    langs = set(catalogue.site.languages)
    names = []
    for key in catalogue.pages:
        stem, _, suffix = key.rpartition(".")
        if stem and suffix in langs:
            continue  # a translation; a translation without a default-language page is not rendered
        names.append(key)
    return sorted(names)


def write_pages(catalogue: "Catalogue", lang: str, out_dir: Path, *, today: dt.date | None = None) -> RenderedSite:
    """Write ``lang``'s generated pages as Markdown files with HTML bodies, and the assets, into ``out_dir``.

    Each page becomes ``<path>index.md``: YAML-compatible JSON front matter (title, description
    and the ``civicat`` data the theme reads) followed by the HTML body.
    """
    rendered = render_site(catalogue, lang, today=today)
    out_dir = Path(out_dir)
    for page in rendered.pages:
        target = out_dir / page.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_source(page), encoding="utf-8")
    for asset in rendered.assets:
        target = out_dir / asset.path
        target.parent.mkdir(parents=True, exist_ok=True)
        data = asset.content.encode("utf-8") if isinstance(asset.content, str) else asset.content
        target.write_bytes(data)
    return rendered


def page_source(page: RenderedPage) -> str:
    """The Markdown file of a page: front matter, then the HTML (passed through by Markdown as is)."""
    front = {"title": page.title, "description": page.description, "civicat": page.meta()}
    if page.keywords:
        front["tags"] = page.keywords
    if not page.search:
        front["search"] = {"exclude": True}
    return f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n\n<div class=\"cc-body\" markdown=\"0\">\n{page.body}\n</div>\n"
