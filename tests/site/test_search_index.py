"""Our search sections are Material's: same sections for every page, same index file, byte for byte."""

from __future__ import annotations

import pytest
from material.plugins.search.plugin import Parser

from civicat.render.search import sections

from .site_support import FIXTURE, TODAY


def material(html: str) -> list[tuple]:
    parser = Parser()
    parser.feed(html)
    parser.close()
    return [(s.id, s.title, s.text) for s in parser.data]


def ours(html: str) -> list[tuple] | None:
    found = sections(html)
    return None if found is None else [(s.id, s.title, s.text) for s in found]


def test_every_page_of_the_fixture_site_is_cut_as_material_cuts_it_without_falling_back(rendered):
    for site in rendered.values():
        for page in site.pages:
            assert ours(str(page.body)) == material(str(page.body)), page.path


QUIRKS = [
    "<p>Text before any heading</p><h2 id=\"a\">A</h2><p>one</p><p></p><p> </p><ul><li>x</li><li></li></ul>",
    "<h3 id=\"first\">No h1 first</h3><p>x</p><h1 id=\"top\">Top</h1><p>y</p>",
    "<section><h2 id=\"in\">Nested</h2><p>inside</p></section><p>after the section</p>",
    "<h2>No id: not a section</h2><p>a &amp; b &lt;c&gt; &#39;d&#39; &quot;e&quot;</p>",
    "<p>line one\nline two<br>three<br/>four<br /></p><pre>  keep\n  this </pre>",
    "<h2 id=\"x\"><a href=\"#x\" title=\"a>b\">Link in heading</a></h2><div data-x='1 > 0'>text</div>",
    "<P>Upper</P><H2 ID=\"up\">Upper heading</H2><Li>item</Li>",
    "<span/><p>self-closing span</p><h2 id=\"e\"></h2><p>empty heading</p>",
    "<ol><li><p>nested</p><p></p></li></ol><sub>1</sub><sup> </sup><code>c</code>",
    "text only, no tags at all",
    "<p>unclosed <b>bold",
    '<script src="a.js" defer></script><p>after an empty script</p><h2 id="s">S</h2><script src="b.js"></script>',
]


@pytest.mark.parametrize("html", QUIRKS)
def test_the_quirks_of_materials_parser_are_kept(html):
    assert ours(html) == material(html)


@pytest.mark.parametrize("html", [
    "<p>x</p><script>var a = '<p>';</script>", "<style>p{}</style>", "<!-- comment --><p>x</p>",
    "<div data-search-exclude><p>hidden</p></div>", "<p>1 < 2</p>", '<a class="headerlink" href="#x">¶</a>',
    "<!doctype html><p>x</p>", "<p title=\"a<b\">x</p>",
])
def test_html_it_was_not_written_for_goes_to_materials_parser(html):
    assert sections(html) is None


def test_the_search_index_file_is_the_one_materials_own_index_writes(tmp_path, catalogue, monkeypatch):
    from civicat.mkdocs.build import build_site
    from civicat.mkdocs.plugin import CivicatPlugin

    build_site(FIXTURE, tmp_path / "ours", languages=["en", "ar"], today=TODAY, catalogue=catalogue)
    monkeypatch.setattr(CivicatPlugin, "on_pre_build", lambda self, config: None)  # keep Material's index
    build_site(FIXTURE, tmp_path / "material", languages=["en", "ar"], today=TODAY, catalogue=catalogue)
    for lang in ["en", "ar"]:
        theirs = (tmp_path / "material" / lang / "search" / "search_index.json").read_bytes()
        assert (tmp_path / "ours" / lang / "search" / "search_index.json").read_bytes() == theirs
    pages = [p.relative_to(tmp_path / "ours") for p in (tmp_path / "ours").rglob("index.html")]
    assert len(pages) > 40  # and our page_context (Material's without its needless pass) changed none
    assert [p for p in pages if (tmp_path / "ours" / p).read_bytes() != (tmp_path / "material" / p).read_bytes()] == []


def test_html_the_fast_cutter_was_not_written_for_goes_to_materials_parser():
    from civicat.render.search import _UNSUPPORTED, sections

    assert sections("<h2 id=a>A</h2><p>text</p>") is not None
    for marker in _UNSUPPORTED:
        assert sections(f"<h2 id=a>A</h2><p>text {marker}</p>") is None, marker
        assert sections(f"<h2 id=a>A</h2><p>text {marker.upper()}</p>") is None, marker
