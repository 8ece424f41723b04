"""Zensical, mkdocs-material's successor, builds the demo from what ``civicat render`` writes:
the same pages with the same text, links and data for search engines as our mkdocs build, the
same search entries, and a search that finds a service in a real browser (German and Arabic, RTL).

mkdocs-material 9.8 reaches its end of life in May 2027; this is the proof that the site can move.
What differs between the two builds is in docs/decisions.md ("Site").
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest

from tests.conftest import BUILD_DAY, REPO, StaticServer, require

LANGS = ["de", "ar"]
SERVICE = "leistungen/personalausweis/"


@pytest.fixture(scope="module")
def zensical_sites(demo_build, tmp_path_factory):
    """{lang: Zensical's site folder}, each built with `zensical build` from `civicat render`'s project."""
    require(importlib.util.find_spec("zensical") is not None, "Zensical (the test extra: pip install -e '.[test]')")
    from civicat.zensical import write_project

    _, catalogue = demo_build
    sites = {}
    for lang in LANGS:
        project = tmp_path_factory.mktemp(f"zensical-{lang}")
        write_project(catalogue, lang, project, config_file=REPO / "mkdocs.yml", today=BUILD_DAY)
        done = subprocess.run([sys.executable, "-m", "zensical", "build"], cwd=project, capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        sites[lang] = project / "site"
    return sites


def pages(site: Path) -> list[Path]:
    # _shell/ is the forms API's frame, which only our mkdocs build writes (civicat/render/shell.py).
    return sorted(path.relative_to(site) for path in site.rglob("index.html") if "_shell" not in path.parts)


class PageFacts(HTMLParser):
    """What a visitor or a search engine gets from a page, whatever engine wrote its markup: the
    language and direction, title, description, canonical and alternate addresses, JSON-LD, every
    link (resolved), what is marked as the current page, and the main article's text."""

    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.facts: dict = {"title": "", "jsonld": [], "alternates": [], "links": [], "current": [], "article": []}
        self.open: list[str] = []  # where text goes: "title", "jsonld", "current", "article"
        self.stack: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.facts["lang"] = a.get("lang")
        elif tag == "body":
            self.facts["dir"] = a.get("dir")
        elif tag == "meta" and a.get("name") == "description":
            self.facts["description"] = a.get("content")
        elif tag == "link" and a.get("rel") == "canonical":
            self.facts["canonical"] = a.get("href")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.facts["alternates"].append((a["hreflang"], a.get("href")))
        elif tag == "a" and a.get("href") and a["href"] != "#__skip":  # Zensical's own skip link (decisions.md)
            self.facts["links"].append(urljoin(self.url, a["href"]))
        if tag in {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}:
            return
        kinds = []
        if tag == "title":
            kinds.append("title")
        elif tag == "script" and a.get("type") == "application/ld+json":
            self.facts["jsonld"].append("")
            kinds.append("jsonld")
        elif a.get("aria-current") == "page":
            self.facts["current"].append("")
            kinds.append("current")
        if tag == "article":
            kinds.append("article")
        if tag in {"script", "style"} and "jsonld" not in kinds:
            kinds.append("skip")
        self.stack.append((tag, kinds))
        self.open.extend(kinds)

    def handle_endtag(self, tag):
        if all(opened != tag for opened, _ in self.stack):
            return  # a stray end tag closes nothing
        while self.stack:
            opened, kinds = self.stack.pop()
            for kind in kinds:
                self.open.remove(kind)
            if opened == tag:
                break

    def handle_data(self, data):
        if "skip" in self.open:
            return
        if "title" in self.open:
            self.facts["title"] += data
        if "jsonld" in self.open:
            self.facts["jsonld"][-1] += data
        if "current" in self.open:
            self.facts["current"][-1] += data
        if "article" in self.open:
            self.facts["article"].append(data)


def facts(site: Path, page: Path) -> dict:
    parser = PageFacts(f"http://site.test/{page.as_posix()}")
    parser.feed((site / page).read_text(encoding="utf-8"))
    found = parser.facts
    found["jsonld"] = [json.loads(text) for text in found["jsonld"]]
    found["current"] = [" ".join(text.split()) for text in found["current"]]
    found["article"] = " ".join(" ".join(found["article"]).split())
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_zensical_builds_the_same_pages(demo_build, zensical_sites, lang):
    ours = pages(demo_build[0] / lang)
    assert len(ours) > 100
    assert pages(zensical_sites[lang]) == ours


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_says_the_same_to_visitors_and_search_engines(demo_build, zensical_sites, lang):
    """Per page: the article's text (whitespace normalised), every link, the current page in the
    navigation, title, language and direction, description, canonical and hreflang addresses and
    the JSON-LD (parsed: the two engines format JSON differently)."""
    ours, theirs = demo_build[0] / lang, zensical_sites[lang]
    different = {}
    for page in pages(ours):
        mine, zensical = facts(ours, page), facts(theirs, page)
        keys = sorted(key for key in mine if mine[key] != zensical.get(key))
        if keys:
            different[str(page)] = keys
    assert different == {}
    home = facts(theirs, Path("index.html"))
    assert (home["lang"], home["dir"]) == (lang, "rtl" if lang == "ar" else "ltr")
    service = facts(theirs, Path(SERVICE) / "index.html")
    assert len(service["article"]) > 1000
    assert [block["@type"] for block in service["jsonld"]] == ["GovernmentService", "BreadcrumbList"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_zensical_site_carries_our_search_index_unchanged(demo_build, zensical_sites, lang):
    """The index civicat/search writes beside the pages is a set of plain files that Zensical copies
    like any other: the same files, byte for byte, so its visitors' search ranks as ours does."""
    from tests.search.support import engine, found

    ours, theirs = demo_build[0] / lang / "search", zensical_sites[lang] / "search"
    names = sorted(path.relative_to(ours).as_posix() for path in ours.rglob("*") if path.is_file())
    assert names and "meta.json" in names
    assert names == sorted(path.relative_to(theirs).as_posix() for path in theirs.rglob("*") if path.is_file())
    assert all((ours / name).read_bytes() == (theirs / name).read_bytes() for name in names)
    assert found(engine(theirs), "Perso")[:1] == [SERVICE.strip("/").split("/")[-1]]


@pytest.mark.browser
@pytest.mark.parametrize("lang, field", [("de", "#cc-search-q"), ("ar", "#cc-search-home-q")])
def test_search_in_a_zensical_site_finds_the_service(demo_build, zensical_sites, chromium, lang, field):
    """Typing the service's title into the header's search (or the home page's) lists the service
    first, from our index in the Zensical site; nothing is requested from another origin, and
    axe-core finds nothing on the page."""
    from tests.browser.browser_support import axe, describe

    meta = json.loads((demo_build[0] / lang / "search" / "meta.json").read_text(encoding="utf-8"))
    rows = [row for name in meta["doc_files"]
            for row in json.loads((demo_build[0] / lang / "search" / name).read_text(encoding="utf-8"))]
    title = next(row[1] for row in rows if row[0].rstrip("/").endswith(SERVICE.rstrip("/")))
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    requests: list[str] = []
    tab.on("request", lambda request: requests.append(request.url))
    try:
        with StaticServer(zensical_sites[lang]) as server:
            tab.goto(f"{server.url}/")
            tab.wait_for_load_state("networkidle")
            assert describe(axe(tab)) == ""
            tab.click(field)
            tab.keyboard.type(title)
            first = tab.locator(".cc-search__results:not([hidden]) a.cc-search__title").first
            first.wait_for(timeout=15000)
            assert (first.get_attribute("href").rstrip("/").endswith(SERVICE.rstrip("/")), first.inner_text()) == (True, title)
            tab.wait_for_load_state("networkidle")
            assert any(url.endswith("/search/meta.json") for url in requests)
            assert [url for url in requests if not url.startswith(server.url + "/") and not url.startswith("data:")] == []
    finally:
        context.close()


def test_civicat_render_writes_a_project_that_names_everything_zensical_needs(tmp_path, capsys):
    """What the civicat plugin adds at build time is in the project: the navigation, the theme's
    data, and the theme with the component templates it imports."""
    import yaml

    from civicat.cli import main

    assert main(["render", str(REPO / "catalogue"), "--out", str(tmp_path), "--lang", "ar"]) == 0
    assert f"cd {tmp_path} && zensical build" in capsys.readouterr().err
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert (config["docs_dir"], config["theme"]["custom_dir"], config["theme"]["language"]) == ("docs", "overrides", "ar")
    assert "civicat" not in config["plugins"]
    assert config["nav"][1] == {"الخدمات من الألف إلى الياء": "leistungen/index.md"}
    ui = config["extra"]["civicat"]
    assert (ui["dir"], ui["t"]["readaloud"]["button"]) == ("rtl", "استمع")
    assert (tmp_path / "docs" / "search" / "meta.json").exists()  # our search index, written beside the pages
    assert (tmp_path / "docs" / "leistungen" / "personalausweis" / "index.md").exists()
    assert (tmp_path / "overrides" / "components" / "page-tools" / "page-tools.html").exists()
    assert not list((tmp_path / "overrides").rglob("README.md"))


def test_civicat_render_refuses_a_language_the_site_does_not_have(tmp_path, capsys):
    from civicat.cli import main

    assert main(["render", str(REPO / "catalogue"), "--out", str(tmp_path / "project"), "--lang", "fr"]) == 2
    assert "--lang fr: the site has no such language; site.yaml lists de, en, ar" in capsys.readouterr().err
    assert not (tmp_path / "project").exists()
