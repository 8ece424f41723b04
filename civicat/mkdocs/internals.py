"""Every use of mkdocs' private API, in one place.

mkdocs 1.6.1 is pinned (``pyproject.toml``) and unmaintained; what we take from its insides is
listed here and nowhere else, and ``tests/site/test_mkdocs_internals.py`` checks each against the
installed version, so an upgrade that changes one fails there, by name, instead of somewhere in a
build or only under ``civicat serve``:

- ``mkdocs.commands.build._populate_page`` — fills a page's content as a build does (``civicat
  serve`` writes single pages again after an edit);
- ``mkdocs.commands.build._build_page`` — ``write_page`` below takes its steps, only writing the
  file by renaming a finished one over it;
- ``MkDocsConfig._current_page`` — set while a page renders, as ``_build_page`` does (mkdocs'
  YAML loader and Material read it).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from mkdocs.commands.build import _populate_page, get_context


def populate_page(page: Any, config: Any, files: Any) -> None:
    """Read and render a page's source as a build does (for a generated page: take its HTML)."""
    _populate_page(page, config, files)


def write_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any,
               write: Callable[[bytes, Path], None]) -> None:
    """mkdocs' ``_build_page``: the page through the theme's template and the plugins'
    ``page_context``/``post_page`` events, then ``write(data, path)``."""
    output = render_page(page, config, doc_files, nav, env)
    write(output.encode("utf-8", errors="xmlcharrefreplace"), Path(page.file.abs_dest_path))


def render_page(page: Any, config: Any, doc_files: Any, nav: Any, env: Any) -> str:
    """The HTML ``_build_page`` would write for ``page`` (also for a page that is not among the
    build's files, such as the forms API's frame)."""
    config._current_page = page
    page.active = True
    try:
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        return config.plugins.on_post_page(template.render(context), page=page, config=config)
    finally:
        page.active = False
        config._current_page = None
