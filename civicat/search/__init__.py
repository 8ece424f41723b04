"""The site's search index: what citizens search in, read from the rendered pages and written as
small files into each language's ``search/`` folder (``index.py`` says how and why).

Three programs read it: the search component in the browser (``civicat/templates/components/
search``: ``engine.mjs``), the functions' results page for visitors without JavaScript
(``functions/chalicelib/search``), and the tests. This package knows nothing of mkdocs or of the
renderer's modules: it takes the renderer's pages and site context as they are (duck-typed), so
that ``civicat.mkdocs`` (the build and ``civicat serve``) and ``civicat.zensical`` (``civicat
render``) make the same index.
"""

from __future__ import annotations

from typing import Any, Iterable
from urllib.parse import urlparse

from .documents import Document, document
from .index import Index

__all__ = ["Document", "Index", "document", "language_index", "meta_extra"]


def meta_extra(site: Any) -> dict[str, Any]:
    """What ``meta.json`` carries besides the index: the language root's address (the functions'
    results page links from ``/api/…``), the interface's words (``civicat/i18n``, section
    ``search``) and where an empty result sends a visitor (A–Z, topics, the contact form)."""
    contact = next((fid for fid, form in site.cat.forms.items() if form.kind == "contact"), None)
    return {
        "root": f"{urlparse(str(site.base_url)).path.rstrip('/')}/{site.lang}/",
        "dir": site.s.dir,
        "site": site.plain(site.cat.site.name),
        "words": site.s.get("search"),
        "links": {"az": "leistungen/", "topics": "themen/",
                  "contact": f"formulare/{contact}/" if contact else "kontakt/"},
    }


def language_index(site: Any, pages: Iterable[Any]) -> Index:
    """The index of one language's ``pages`` (``RenderedPage``; ``site``: their ``SiteContext``)."""
    index = Index(site.lang, extra=meta_extra(site))
    for page in pages:
        doc = document(site, page)
        if doc is not None:
            index.put(doc)
    return index
