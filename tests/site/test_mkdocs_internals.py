"""Each use of mkdocs' private API (civicat/mkdocs/internals.py) still does what we rely on.

mkdocs 1.6.1 is pinned; if an upgrade changes one of these, this file fails by name, instead of
``civicat serve`` writing pages that differ from a build's, or a speed-up silently vanishing.
"""

from __future__ import annotations

from civicat.mkdocs import internals
from civicat.mkdocs.build import build_site

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
