"""axe-core (WCAG 2.0/2.1/2.2 A and AA) finds nothing on any page type in German, English, Arabic."""

from __future__ import annotations

import pytest
from .browser_support import axe, describe
from .conftest import LANGS

TYPES = ["home", "service", "a-z", "office", "offices", "hours", "contact", "topics", "topic", "life", "audience",
         "forms", "form", "markdown", "open-data"]


@pytest.mark.parametrize("lang", LANGS)
def test_no_axe_violations_on_any_page_type(server, context, page_paths, lang):
    from .conftest import NOW

    found = {}
    tab = context.new_page()
    tab.clock.set_fixed_time(NOW)
    for kind in TYPES:
        tab.goto(f"{server.url}/{lang}/{page_paths[kind]}")
        tab.wait_for_load_state("networkidle")
        violations = axe(tab)
        if violations:
            found[kind] = describe(violations)
    assert found == {}


def test_no_axe_violations_on_the_language_chooser(server, page):
    page.goto(server.url + "/")
    assert axe(page) == []


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_no_axe_violations_with_the_search_open_and_showing_results(server, page, lang):
    page.goto(f"{server.url}/{lang}/")
    page.click("#cc-search-q")
    page.keyboard.type("Perso" if lang == "de" else "هوية")
    page.wait_for_selector("#cc-search-results .cc-search__item", timeout=15000)
    assert describe(axe(page)) == ""


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_no_axe_violations_on_a_small_screen_with_200_percent_text(server, browser, page_paths, lang):
    ctx = browser.new_context(viewport={"width": 640, "height": 800}, device_scale_factor=2)
    tab = ctx.new_page()
    tab.goto(f"{server.url}/{lang}/{page_paths['service']}")
    tab.add_style_tag(content="html{font-size:250%!important}")
    assert describe(axe(tab)) == ""
    overflow = tab.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
    ctx.close()
    assert not overflow, "content needs sideways scrolling at 200% text"
