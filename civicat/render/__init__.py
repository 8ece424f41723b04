"""The page renderer: a Catalogue and a language in, every generated page and asset out.

Independent of mkdocs: ``civicat.mkdocs.plugin`` hands the pages to mkdocs in memory, and
``write_pages`` writes them as files into a docs folder, from which ``civicat.zensical`` makes a
project for Zensical (which reads ``mkdocs.yml`` and ``custom_dir`` but runs no mkdocs plugins).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from . import builders
from .context import SiteContext
from .env import COMPONENTS_DIR, component_bundle
from .offices import hours_assets
from .page import Asset, Crumb, RenderedPage, RenderedSite

if TYPE_CHECKING:
    from ..catalogue import Catalogue

__all__ = ["Asset", "Crumb", "RenderedPage", "RenderedSite", "SiteContext", "render_site", "render_pages", "write_pages",
           "ASSET_JS", "ASSET_CSS"]

ASSET_JS = "assets/civicat/civicat.js"
FORMS_JS = "assets/civicat/forms.js"
"""Loaded by form pages only (partials/form-body.html)."""
FORMS_CSS = "assets/civicat/forms.css"
SEARCH_ENGINE_JS = "assets/civicat/search-engine.js"
"""The search engine (an ES module), loaded by the search component when a visitor starts to search."""
ASSET_CSS = "assets/civicat/civicat.css"
READALOUD_JS = "assets/civicat/readaloud.js"
"""Read-aloud's scripts, loaded after ``civicat.js`` on every page (``env.OWN_SCRIPT`` says why
they are a file of their own)."""
LEGAL_PAGES = ("imprint", "privacy", "accessibility", "easy_language", "sign_language")


def render_site(catalogue: "Catalogue", lang: str, *, today: dt.date | None = None) -> RenderedSite:
    """Every generated page and asset of ``lang``'s site."""
    site = SiteContext(catalogue, lang, today=today)
    pages = [page for _paths, make in page_plan(site) for page in make()]
    assets, warnings, until = hours_assets(site)
    assets.append(Asset(ASSET_JS, shipped("js", component_bundle("js"))))
    assets.append(Asset(ASSET_CSS, shipped("css", component_bundle("css"))))
    assets.append(Asset(FORMS_JS, shipped("js", component_bundle("js", forms=True))))
    assets.append(Asset(FORMS_CSS, shipped("css", component_bundle("css", forms=True))))
    assets.append(Asset(SEARCH_ENGINE_JS, (COMPONENTS_DIR / "search" / "engine.mjs").read_text(encoding="utf-8")))
    assets.append(Asset(READALOUD_JS, shipped("js", component_bundle("js", own="readaloud"))))
    return RenderedSite(lang, pages, assets, warnings, until)



def shipped(kind: str, text: str) -> str:
    """A bundle as the site serves it: comments and spaces removed (rJSmin, rCSSmin), which takes
    a service page's first visit from about 60 to about 51 KB gzip. The components' own files stay
    as they are written, with their comments, for developers."""
    import rcssmin
    import rjsmin

    return rjsmin.jsmin(text) if kind == "js" else rcssmin.cssmin(text)

def render_pages(site: SiteContext, paths: set[str]) -> list[RenderedPage]:
    """Only the pages at ``paths``, rendered as ``render_site`` would (``civicat serve`` after an
    edit: with one ``SiteContext`` for a series of calls, made after the catalogue changed)."""
    if site.routes is None:
        site.routes = {path: make for covered, make in page_plan(site, ordered=False) for path in covered}
    makers = dict.fromkeys(site.routes[path] for path in paths if path in site.routes)
    return [page for make in makers for page in make()]


Maker = Callable[[], list[RenderedPage]]


def page_plan(site: SiteContext, *, ordered: bool = True) -> list[tuple[tuple[str, ...], Maker]]:
    """Every page of a language, not yet rendered: (the paths it makes, how to make them); in site
    order, or with the services in catalogue order (which needs no sorting by title)."""
    catalogue = site.cat

    def one(path: str, build: Callable[..., RenderedPage], *args: Any) -> tuple[tuple[str, ...], Maker]:
        return (path,), lambda: [build(site, *args)]

    plan = [one("", builders.home), one("leistungen/", builders.az), one("dienststellen/", builders.offices_index),
            one("oeffnungszeiten/", builders.hours_overview), one("kontakt/", builders.contact),
            one("formulare/", builders.forms_index)]
    for kind, (field, folder, *_rest) in builders.TERM_KINDS.items():
        plan.append(one(f"{folder}/", builders.term_index, kind))
        plan.extend(one(f"{folder}/{item.id}/", builders.term, kind, item) for item in getattr(catalogue.topics, field))
    plan.extend(one(f"leistungen/{sid}/", builders.service, sid) for sid in (site.service_order if ordered else catalogue.services))
    plan.extend(one(f"dienststellen/{oid}/", builders.office, oid) for oid in catalogue.offices)
    for fid in catalogue.forms:
        plan.append(one(f"formulare/{fid}/", builders.form, fid))
    plan.extend(one(f"{name}/", builders.markdown_page, name) for name in markdown_page_names(catalogue))
    plan.append(one("offene-daten/", builders.open_data))
    return plan


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
