"""Material's search index for our generated pages: the same index, without ``html.parser``.

Material's search plugin cuts every page's HTML into sections with the standard library's parser,
which cost a third of a build. ``civicat.render.search.sections`` cuts our well-formed HTML the
same way at a fraction of the cost (and hands anything else back to Material's parser);
``tests/site/test_search_index.py`` checks that the index file is byte for byte Material's.

The index replaces Material's in its plugin instance (``CivicatPlugin.on_pre_build``) rather than
being a plugin of its own: ``mkdocs.yml`` keeps ``material/search``, which Zensical reads as its
own search and which the header template tests for to show the search box.
"""

from __future__ import annotations

import json
import re
from typing import Any

from material.plugins.search.plugin import SearchIndex

from ..render.search import sections
from .internals import replace_event_method


def search_plugin(config: Any) -> Any:
    """Material's search plugin of a build, or None."""
    return config.plugins.get("material/search") or config.plugins.get("search")


class GeneratedSearchIndex(SearchIndex):
    """Material's index with our sections. Entries are kept per page, as JSON, in build order:
    ``civicat serve`` replaces one page's entries after an edit, and the file stays as a full
    build writes it."""

    def __init__(self, **config: Any):
        super().__init__(**config)
        self.pages: dict[str, str] = {}
        """Each page's entries as JSON (without brackets), in build order."""

    def add_entry_from_context(self, page: Any) -> None:
        self.entries = []  # Material appends this page's entries here
        found = sections(page.content) if not (page.meta.get("search") or {}).get("exclude") else []
        if found is None:
            super().add_entry_from_context(page)
        else:
            for section in found:
                self.create_entry_for_section(section, page.toc, page.url, page)
        self.pages[page.url] = _json(self.entries)[1:-1]  # the list's items, as they stand in "docs"

    def generate_search_index(self, prev: Any) -> str:
        """What Material's ``generate_search_index`` writes, byte for byte, from the stored JSON."""
        config = {key: self.config[key] for key in ["lang", "separator", "pipeline", "fields"]}
        docs = ",".join(entries for entries in self.pages.values() if entries)
        return f'{{"config":{_json(config)},"docs":[{docs}]}}'


def _json(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), default=str)  # as Material's generate_search_index


_SEARCH_ATTRIBUTES = re.compile(r"\s?data-search-\w+=\"[^\"]+\"")
"""What Material's ``on_page_context`` removes from every page after indexing it."""


def use_page_context(plugins: Any, search: Any) -> None:
    """Put ``page_context`` below in place of Material's search plugin's ``on_page_context``.

    Material's removes ``data-search-*`` attributes from every page with a regular expression that
    starts with an optional space, so it cannot skip ahead: 0.12 ms a page, 5 % of a language's
    build, on pages that have no such attribute. This one does the same, only when there is one.
    mkdocs 1.6 keeps each event's methods in ``PluginCollection.events``; where another version
    does not, Material's own method stays (slower, same pages)."""
    def is_materials(method: Any) -> bool:
        return getattr(method, "__self__", None) is search and \
            getattr(method, "__func__", None) is type(search).on_page_context

    replace_event_method(plugins, "page_context", is_materials, _page_context(search))


def _page_context(search: Any) -> Any:
    def on_page_context(context: Any, *, page: Any, config: Any, nav: Any) -> None:
        if not search.config.enabled:
            return
        search.search_index.add_entry_from_context(page)
        if "data-search-" in page.content:
            page.content = _SEARCH_ATTRIBUTES.sub("", page.content)

    return on_page_context
