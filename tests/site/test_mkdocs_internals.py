"""Each use of mkdocs' private API (civicat/mkdocs/internals.py) still does what we rely on.

mkdocs 1.6.1 is pinned; if an upgrade changes one of these, this file fails by name, instead of
``civicat serve`` writing pages that differ from a build's, or a speed-up silently vanishing.
"""

from __future__ import annotations

from civicat.mkdocs import internals
from civicat.mkdocs.build import build_site
from civicat.mkdocs.search import search_plugin

from .site_support import FIXTURE, TODAY


def test_a_page_written_again_is_byte_for_byte_the_page_the_build_wrote(tmp_path, catalogue):
    """``populate_page`` + ``write_page`` (after an edit under ``civicat serve``) are mkdocs'
    ``_populate_page`` + ``_build_page``: the same page comes out."""
    report = build_site(FIXTURE, tmp_path, languages=["de"], today=TODAY, catalogue=catalogue, keep=True)
    plugin = report.configs["de"].plugins["civicat"]
    pages = [tmp_path / "de" / "leistungen" / "hundesteuer" / "index.html", tmp_path / "de" / "index.html"]
    before = [page.read_bytes() for page in pages]
    for page in pages:
        page.unlink()
    assert plugin.refresh({"leistungen/hundesteuer/", ""}) == 2
    assert [page.read_bytes() for page in pages] == before


def test_an_event_method_can_be_replaced_and_runs_in_its_place(tmp_path, catalogue):
    """``PluginCollection.events`` holds the methods an event runs (and ``_event_origins`` the
    plugin each came from). The build puts ours in place of Material's search ``page_context``;
    if mkdocs kept its events elsewhere, Material's would still run here."""
    report = build_site(FIXTURE, tmp_path, languages=["en"], today=TODAY, catalogue=catalogue, keep=True)
    config = report.configs["en"]
    search = search_plugin(config)
    methods = config.plugins.events["page_context"]
    assert [m for m in methods if getattr(m, "__self__", None) is search] == []
    calls = []

    def ours(context, *, page, config, nav):
        calls.append(page)
        return context

    def is_civicats_replacement(method):
        return getattr(method, "__self__", None) is None

    assert internals.replace_event_method(config.plugins, "page_context", is_civicats_replacement, ours) == 1
    assert config.plugins._event_origins[ours] == "material/search"  # named in mkdocs' error messages
    context = config.plugins.on_page_context({"x": 1}, page="a page", config=config, nav=None)
    assert calls == ["a page"] and context == {"x": 1}
