"""The search as a citizen uses it, in Chromium, against the demo site and its functions served as
``civicat serve`` serves them (one port: the site, and ``/api/search`` for the results page).

Keyboard only, in German, English and Arabic, with and without JavaScript: the "skip to search"
link, typing, the count announced, Tab and the arrows through the results with a visible focus,
Escape back to the field, Enter to a result. An ARIA snapshot of the search with results in every
language catches a lost name, role or count form. Each test here would have caught one of the
faults of Material's search (issue 13, item 1)."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from tests.browser.browser_support import axe, compare_snapshot, describe, focused, tab_until
from tests.conftest import REPO, require

from .support import HERE

pytestmark = pytest.mark.browser

SNAPSHOTS = HERE / "snapshots"
RESULTS_TITLE = {"de": "Suchergebnisse", "en": "Search results", "ar": "نتائج البحث"}
CASES = {  # lang: (query, the service a citizen means, what the results page's count says)
    "de": ("Ummelden", "wohnsitz-anmelden", "Wohnsitz anmelden oder ummelden"),
    "en": ("register a dog", "hundesteuer", "Register a dog (dog tax)"),
    "ar": ("هويه", "personalausweis", "طلب بطاقة هوية شخصية"),
}


@pytest.fixture(scope="module")
def stack(demo_build, tmp_path_factory):
    """The demo site and the functions on one local port (``civicat.serve.server.Served``)."""
    import importlib.util

    require(importlib.util.find_spec("chalice") is not None, "chalice (the functions' local server)")
    require(importlib.util.find_spec("waitress") is not None, "waitress (civicat serve's HTTP server)")
    from civicat import contract
    from civicat.serve.server import Served

    root = tmp_path_factory.mktemp("search-stack")
    from civicat.render.shell import write_for_functions

    contract_path = contract.write(demo_build[1], root / "forms.json")
    # The site's frame for the functions' pages, beside the contract, as civicat serve writes it.
    write_for_functions(demo_build[0], list(demo_build[1].site.languages), root, str(demo_build[1].site.base_url))
    served = Served(demo_build[0], root / "var", "search-test-token", contract_path).start()
    try:
        served.wait_ready()
        yield served.url
    finally:
        served.stop()


@pytest.fixture
def js(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def nojs(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
    yield context.new_page()
    context.close()


def contrast(first: str, second: str) -> float:
    def luminance(color: str) -> float:
        r, g, b = (int(c) / 255 for c in re.findall(r"[\d.]+", color)[:3])
        def channel(c):
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_keyboard_only_with_javascript(stack, js, lang):
    """Skip link → field; the count is announced once typing pauses; Tab reaches the results (the
    list stays open); the focused result is outlined at 3:1 or more; the arrows move; Escape
    returns to the field and closes the list; Enter on a result opens it."""
    query, service, _ = CASES[lang]
    tab = js
    tab.goto(f"{stack}/{lang}/")
    tab_until(tab, lambda t: focused(t) == "#cc-search")
    tab.keyboard.press("Enter")
    assert focused(tab) == "cc-search-q"
    tab.keyboard.type(query)
    status = tab.locator("#cc-search-status")
    status.filter(has_text=query).wait_for(timeout=15000)
    count = tab.locator("#cc-search-results .cc-search__item").count()
    assert 1 <= count <= 10
    assert tab.locator("#cc-search-q").get_attribute("aria-controls") == "cc-search-results"
    tab.keyboard.press("Tab")  # the search button
    tab.keyboard.press("Tab")  # the first result, the service meant
    assert focused(tab).endswith(f"/{lang}/leistungen/{service}/")
    assert tab.locator("#cc-search-results").is_visible()
    style = tab.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return {width: parseFloat(s.outlineWidth), style: s.outlineStyle, color: s.outlineColor,
                ring: s.boxShadow, background: getComputedStyle(document.getElementById('cc-search-results')).backgroundColor}; }""")
    assert style["style"] != "none" and style["width"] >= 2
    assert contrast(style["color"], style["background"]) >= 3, style
    if count > 1:
        tab.keyboard.press("ArrowDown")
        assert not focused(tab).endswith(f"/leistungen/{service}/")
        tab.keyboard.press("ArrowUp")
        assert focused(tab).endswith(f"/leistungen/{service}/")
    tab.keyboard.press("Escape")
    assert focused(tab) == "cc-search-q"
    assert tab.locator("#cc-search-results").is_hidden()
    assert tab.locator("#cc-search-q").input_value() == query  # Escape keeps what was typed
    tab.keyboard.type(" ")
    tab.locator("#cc-search-results .cc-search__item").first.wait_for()
    tab.keyboard.press("ArrowDown")
    link = tab.evaluate("document.activeElement.getAttribute('href')")
    tab.keyboard.press("Enter")
    tab.wait_for_url("**" + link)  # the link is a path of this site
    assert tab.locator("h1").inner_text()


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_keyboard_only_without_javascript(stack, nojs, lang):
    """The skip link leads to the search form, the next Tab to its field; Enter asks the functions'
    results page, which lists the service with its office, in the page's language and direction
    and in the site's frame; its skip link and Tab reach the result, and Enter opens it."""
    query, service, title = CASES[lang]
    tab = nojs
    tab.goto(f"{stack}/{lang}/")
    tab_until(tab, lambda t: focused(t) == "#cc-search")
    tab.keyboard.press("Enter")
    tab.keyboard.press("Tab")
    assert focused(tab) == "cc-search-q"
    tab.keyboard.type(query)
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**/api/search?q=*")
    assert tab.locator("html").get_attribute("lang") == lang
    assert tab.evaluate("getComputedStyle(document.body).direction") == ("rtl" if lang == "ar" else "ltr")
    assert tab.locator("#q").input_value() == query
    assert tab.locator("h1").all_inner_texts() == [RESULTS_TITLE[lang]]  # in the site's frame, one heading
    assert tab.locator("header .cc-lang").count() == 1
    assert query in tab.locator(".search-count").inner_text()
    tab_until(tab, lambda t: focused(t) == "#cc-content", limit=3)  # "skip to content", as on every page
    tab.keyboard.press("Enter")
    tab_until(tab, lambda t: focused(t) == f"/{lang}/leistungen/{service}/", limit=8)
    assert tab.locator(".search-results li").first.inner_text().startswith(title)
    tab.keyboard.press("Enter")
    tab.wait_for_url(f"**/{lang}/leistungen/{service}/")


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without JavaScript"])
def test_nothing_found_offers_the_a_to_z_list_the_topics_and_the_contact_form(stack, js, nojs, javascript):
    tab = js if javascript else nojs
    tab.goto(f"{stack}/de/")
    tab.fill("#cc-search-home-q", "Xylophonreparatur")
    if javascript:
        tab.locator("#cc-search-home-results a").first.wait_for(timeout=15000)
        links = tab.locator("#cc-search-home-results a")
        assert "Keine Ergebnisse für „Xylophonreparatur“." in tab.locator("#cc-search-home-results").inner_text()
    else:
        tab.keyboard.press("Enter")
        tab.wait_for_url("**/api/search?*")
        links = tab.locator("#cc-content ul a")
    targets = [link.get_attribute("href") for link in links.all()]
    assert targets == ["/de/leistungen/", "/de/themen/", "/de/formulare/kontakt/"]
    links.first.click()
    tab.wait_for_url("**/de/leistungen/")


def test_results_show_the_title_a_line_of_summary_and_the_office(stack, js):
    tab = js
    tab.goto(f"{stack}/de/leistungen/personalausweis/")
    tab.fill("#cc-search-q", "Sperrmüll")
    first = tab.locator("#cc-search-results .cc-search__item").first
    first.wait_for(timeout=15000)
    assert first.locator("a").inner_text() == "Sperrmüll anmelden"
    assert first.locator(".cc-search__line").inner_text().startswith("Alte Möbel, Matratzen, Teppiche")
    assert first.locator(".cc-search__office").inner_text() == "Zuständig: Landratsamt Hainbach"


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_the_home_pages_two_search_landmarks_have_different_names(stack, js, lang):
    js.goto(f"{stack}/{lang}/")
    names = js.locator("[role=search]").evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")
    assert len(names) == 2 and len(set(names)) == 2 and all(names)


def test_a_search_fetches_only_what_its_words_need_and_nothing_of_lunr(stack, js):
    """The first search of a page: the engine, meta.json, the one or two term files of the query's
    words and the result files of the results shown; never Material's script, worker or index."""
    requests: list[str] = []
    js.on("request", lambda request: requests.append(request.url))
    js.goto(f"{stack}/de/leistungen/")
    js.fill("#cc-search-q", "Hundesteuer")
    js.locator("#cc-search-results .cc-search__item").first.wait_for(timeout=15000)
    js.wait_for_load_state("networkidle")
    search = [url.rsplit("/", 1)[1] for url in requests if "/de/search/" in url]
    assert search.count("meta.json") == 1 and 1 <= sum(name.startswith("t") for name in search) <= 2
    assert 1 <= sum(name.startswith("d") for name in search) <= 2  # the results shown
    assert any(url.endswith("/assets/civicat/search-engine.js") for url in requests)
    assert not [url for url in requests if "search_index.json" in url or "bundle." in url or "/workers/" in url]


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_axe_finds_nothing_on_the_results_page_of_the_functions(stack, chromium, lang):
    """The page is for browsers without JavaScript; axe needs a script, so it runs in a tab that
    may ignore the page's Content-Security-Policy."""
    context = chromium.new_context(bypass_csp=True)
    tab = context.new_page()
    try:
        for query in (CASES[lang][0], "Xylophonreparatur"):
            tab.goto(f"{stack}/api/search?" + urlencode({"q": query, "lang": lang}))
            assert describe(axe(tab)) == "", query
    finally:
        context.close()


# ---- ARIA snapshots ----------------------------------------------------------------------------

SNAPSHOT_QUERIES = {"de": "Müll", "en": "passport", "ar": "جواز السفر", "bg": "Hundesteuer", "sl": "Hundesteuer"}


@pytest.fixture(scope="module")
def five_languages(tmp_path_factory):
    """The site tests' small catalogue, which has all five languages (Bulgarian and Slovenian
    too), built and served statically: the search in the browser needs no functions."""
    from civicat.mkdocs.build import build_site
    from tests.conftest import StaticServer
    from tests.site.site_support import FIXTURE, TODAY

    out = tmp_path_factory.mktemp("five-languages")
    build_site(FIXTURE, out, languages=["bg", "sl"], today=TODAY)
    with StaticServer(out) as server:
        yield server.url


@pytest.mark.parametrize("lang", ["de", "en", "ar", "bg", "sl"])
def test_the_search_reads_to_a_screen_reader_as_recorded(stack, five_languages, js, lang):
    """The accessibility tree of the header's search after a query: the landmark and its name, the
    field, the button, the count in the status (in the language's grammar), each result as a link
    with its line and office. Compared with snapshots/<lang>.yaml (a missing one, or every one with
    CIVICAT_WRITE_SNAPSHOTS=1, is written from the run, and the test fails until it has been read):
    a change shows up as a diff to read."""
    base = stack if lang in ("de", "en", "ar") else five_languages
    js.goto(f"{base}/{lang}/")
    js.fill("#cc-search-q", SNAPSHOT_QUERIES[lang])
    js.locator("#cc-search-results .cc-search__item").first.wait_for(timeout=15000)
    js.locator("#cc-search-status").filter(has_text=SNAPSHOT_QUERIES[lang]).wait_for(timeout=5000)
    snapshot = js.locator("#cc-search").aria_snapshot()
    compare_snapshot(snapshot, SNAPSHOTS / f"{lang}.yaml", REPO)
