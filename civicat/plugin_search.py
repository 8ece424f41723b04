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
from typing import Any

from material.plugins.search.plugin import SearchIndex

from .render.search import sections


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
