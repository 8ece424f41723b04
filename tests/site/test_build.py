"""The mkdocs build of the fixture catalogue: five languages, root chooser, search index, static checks."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

LANGS = ["de", "en", "ar", "bg", "sl"]
EXTERNAL = re.compile(
    r"""(?:<(?:script|img|iframe|source|video|audio|embed)\b[^>]*\bsrc=["']?(?:https?:)?//"""
    r"""|<link\b(?=[^>]*\brel=["']?(?:stylesheet|preload|preconnect|dns-prefetch|modulepreload|icon))[^>]*\bhref=["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//|@import\s+["']?(?:url\()?["']?(?:https?:)?//"""
    r"""|fonts\.googleapis|fonts\.gstatic|cdn\.jsdelivr|unpkg\.com|cdnjs)""",
    re.I,
)


def test_every_language_is_built_into_its_own_folder_with_a_root_chooser(built):
    out, report = built
    assert report.languages == LANGS
    for lang in LANGS:
        assert (out / lang / "index.html").exists()
        assert (out / lang / "leistungen" / "personalausweis" / "index.html").exists()
        assert (out / lang / "hours" / "rathaus.json").exists()
        assert (out / lang / "sitemap.xml").exists()
    root = (out / "index.html").read_text(encoding="utf-8")
    assert "<script" not in root
    for lang in LANGS:
        assert f'<a href="{lang}/" hreflang="{lang}">' in root
    assert "العربية" in root and "Български" in root and "Slovenščina" in root
    index = (out / "sitemap.xml").read_text(encoding="utf-8")
    assert index.count("<sitemap>") == 5 and "https://service.testkreis.example/ar/sitemap.xml" in index


@pytest.mark.parametrize("lang, direction", [("de", "ltr"), ("ar", "rtl"), ("bg", "ltr")])
def test_each_language_has_its_html_lang_and_direction(built, lang, direction):
    html = (built[0] / lang / "kontakt" / "index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html and f'<body dir="{direction}"' in html


def test_every_page_has_hreflang_alternates_meta_description_and_breadcrumb_json_ld(built):
    html = (built[0] / "en" / "dienststellen" / "rathaus" / "index.html").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f'<link rel="alternate" hreflang="{lang}" href="https://service.testkreis.example/{lang}/dienststellen/rathaus/">' in html
    assert '<link rel="alternate" hreflang="x-default" href="https://service.testkreis.example/">' in html
    assert '<meta name="description" content="The citizens&#39; office in the town hall.">' in html
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert [json.loads(b)["@type"] for b in blocks] == ["GovernmentOffice", "BreadcrumbList"]


def test_every_language_has_its_search_index_in_its_own_words(built):
    """civicat/search writes each language's index after its pages, with the interface's words of
    that language; Bulgarian and Slovenian (no stemmer) search like the others."""
    from civicat.render.strings import Strings
    from tests.search.support import engine, found

    for lang in LANGS:
        meta = json.loads((built[0] / lang / "search" / "meta.json").read_text(encoding="utf-8"))
        assert (meta["lang"], meta["root"], meta["words"]["label"]) == (lang, f"/{lang}/", Strings(lang).t("search.label"))
        assert found(engine(built[0] / lang / "search"), "Hundesteuer")[:1] == ["hundesteuer"]


def test_search_index_holds_the_colloquial_keywords_and_no_thank_you_page(built):
    from tests.search.support import engine, found

    index = engine(built[0] / "en" / "search")
    assert found(index, "Perso")[:1] == found(index, "identity card")[:1] == ["personalausweis"]
    shown = [row for name in json.loads((built[0] / "en" / "search" / "meta.json").read_text())["doc_files"]
             for row in json.loads((built[0] / "en" / "search" / name).read_text(encoding="utf-8"))]
    assert shown and not any(path.endswith("danke/") for path, *_ in shown)


class _Focusables(HTMLParser):
    FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.FOCUSABLE and attrs.get("tabindex") != "-1" and "hidden" not in attrs and attrs.get("type") != "hidden":
            if tag == "a" and "href" not in attrs:
                return
            if tag == "input" and "md-toggle" in (attrs.get("class") or ""):
                return  # Material's drawer/search toggles are display:none
            self.found.append((tag, attrs))


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_skip_links_are_the_first_focusable_elements(built, lang):
    parser = _Focusables()
    parser.feed((built[0] / lang / "leistungen" / "personalausweis" / "index.html").read_text(encoding="utf-8"))
    assert [attrs["href"] for _, attrs in parser.found[:3]] == ["#cc-content", "#cc-navigation", "#cc-search"]


def test_the_sidebar_lists_only_the_index_pages(built):
    html = (built[0] / "de" / "leistungen" / "hundesteuer" / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('class="md-nav md-nav--primary cc-nav"'):]
    nav = nav[:nav.index("</nav>")]
    assert nav.count("md-nav__item") == 9 and "Hundesteuer" not in nav


def test_no_built_file_loads_anything_from_another_origin(built):
    out = built[0]
    offenders = []
    for path in out.rglob("*"):
        if path.suffix in {".html", ".css", ".js"} and path.is_file() and not path.name.endswith(".map"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in EXTERNAL.finditer(text):
                offenders.append(f"{path.relative_to(out)}: {text[max(0, match.start() - 40):match.end() + 40]!r}")
    assert offenders == []


def test_a_production_build_carries_nothing_of_the_previews_error_banner(built):
    """civicat serve's banner (its script, styles, status file and the words only it uses) exists
    only in preview builds; citizens never load it."""
    out = built[0]
    assert not (out / "_preview").exists()
    found = [str(path.relative_to(out)) for path in out.rglob("*") if path.is_file()
             and any(mark in path.read_bytes() for mark in (b"_preview", b"cc-preview", b"Vorschau: {count}"))]
    assert found == []


def test_the_build_names_the_last_day_of_the_open_now_data(built):
    assert built[1].hours_until.isoformat() == "2027-04-19"


def test_languages_built_side_by_side_in_worker_processes_give_the_same_site(tmp_path, catalogue):
    """Worker processes are forked only from a process without other threads, which a test session
    with its servers is not: the forked build runs in a fresh interpreter."""
    import filecmp
    import json
    import subprocess
    import sys

    from civicat.mkdocs import build

    from .site_support import FIXTURE, TODAY

    langs = ["de", "ar", "bg"]
    script = f"""
import datetime, json, sys
from pathlib import Path
from civicat.mkdocs import build
forked, real = [], build._build_forked
build._build_forked = lambda *args: forked.append(args[1]) or real(*args)
build.build_site(Path({str(FIXTURE)!r}), Path({str(tmp_path / "workers")!r}), languages={langs!r},
                 today=datetime.date.fromisoformat({TODAY.isoformat()!r}), jobs=2)
print(json.dumps(forked))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.splitlines()[-1]) == [langs]  # it did run in worker processes
    build.build_site(FIXTURE, tmp_path / "one", languages=langs, today=TODAY, catalogue=catalogue)
    different, todo = [], [filecmp.dircmp(tmp_path / "one", tmp_path / "workers")]
    while todo:
        here = todo.pop()
        different += here.diff_files + here.left_only + here.right_only
        todo.extend(here.subdirs.values())
    assert different == []


def test_the_build_says_how_many_pages_it_wrote_and_how_long_it_all_took(built):
    from civicat.cli.site import summary

    out, report = built
    line = summary(report, 12.34, 1.5)
    written = sum(1 for path in out.rglob("index.html") if "_shell" not in path.parts)  # the API's frame is no page
    assert line.startswith(f"built {written:,} pages into {out}/ (de 27, en 27, ar 27, bg 27, sl 27, and the language chooser)")
    assert "in 12.3 s, 1.5 s of it reading the catalogue; open-now data runs until 2027-04-19" in line


def test_pages_are_the_same_when_the_theme_renders_every_block_anew(tmp_path, catalogue, monkeypatch):
    """theme/main.html renders blocks that differ only by depth once and copies them (``ui.memo``);
    without the memo (Zensical reads ``extra.civicat`` without our plugin) every page must come
    out the same, language links included."""
    import filecmp

    from civicat.mkdocs import build, plugin

    from .site_support import FIXTURE, TODAY

    build.build_site(FIXTURE, tmp_path / "memo", languages=["de", "ar"], today=TODAY, catalogue=catalogue)
    real = plugin.CivicatPlugin.on_config

    def without_memo(self, config):
        config = real(self, config)
        ui = config.extra["civicat"]
        for key in ("memo", "page_path_marker"):
            del ui[key]
            delattr(ui, key)
        return config

    monkeypatch.setattr(plugin.CivicatPlugin, "on_config", without_memo)
    build.build_site(FIXTURE, tmp_path / "plain", languages=["de", "ar"], today=TODAY, catalogue=catalogue)
    pages = sorted(p.relative_to(tmp_path / "memo") for p in (tmp_path / "memo").rglob("*.html"))
    assert len(pages) > 40
    _, different, missing = filecmp.cmpfiles(tmp_path / "memo", tmp_path / "plain", [str(p) for p in pages], shallow=False)
    assert (different, missing) == ([], [])
    service = (tmp_path / "memo" / "ar" / "leistungen").glob("*/index.html")
    first = next(service)
    assert f'href="../../../de/leistungen/{first.parent.name}/"' in first.read_text(encoding="utf-8")
