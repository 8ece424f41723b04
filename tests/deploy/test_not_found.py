"""A missing address gets the site's not-found page with status 404: in every language, the
visitor's first, each with a way back; and every language's own 404 page speaks that language."""

from __future__ import annotations

import pytest

from tests.forms_ui.support import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture
def visitor(chromium):
    """A browser whose preferred language is Arabic."""
    context = chromium.new_context(locale="ar")
    page = context.new_page()
    yield page
    context.close()


def languages(page) -> list[str]:
    return page.eval_on_selector_all("main section", "all => all.map(s => s.lang)")


def test_the_language_in_the_address_comes_first(edge, visitor):
    url, _ = edge
    answer = visitor.goto(f"{url}/en/leistungen/gibt-es-nicht/")
    assert answer.status == 404
    visitor.wait_for_function("document.title.startsWith('Page not found')")
    assert languages(visitor) == ["en", "de", "ar"]
    first = visitor.locator("main section").first
    assert first.locator("h2").inner_text() == "Page not found"
    assert first.get_by_role("link", name="Go to the home page").get_attribute("href") == "/en/"
    assert axe_violations(visitor) == ""


def test_without_a_language_in_the_address_the_browsers_comes_first(edge, visitor):
    url, _ = edge
    assert visitor.goto(f"{url}/alte-seite.html").status == 404
    visitor.wait_for_function("document.title.startsWith('الصفحة غير موجودة')")
    assert languages(visitor)[0] == "ar"
    assert visitor.locator("main section").first.get_attribute("dir") == "rtl"


def test_without_javascript_every_language_is_there_in_the_sites_order(edge, chromium):
    url, _ = edge
    context = chromium.new_context(java_script_enabled=False, locale="ar")
    page = context.new_page()
    try:
        assert page.goto(f"{url}/ar/nirgends/").status == 404
        assert languages(page) == ["de", "en", "ar"]
        assert [link.get_attribute("href") for link in page.locator("main a").all()] == [
            "/de/", "/de/leistungen/", "/en/", "/en/leistungen/", "/ar/", "/ar/leistungen/"]
    finally:
        context.close()


@pytest.mark.parametrize(("lang", "title", "home"), [
    ("de", "Seite nicht gefunden", "Zur Startseite"),
    ("en", "Page not found", "Go to the home page"),
    ("ar", "الصفحة غير موجودة", "الانتقال إلى الصفحة الرئيسية"),
])
def test_each_languages_own_not_found_page_speaks_its_language(edge, chromium, lang, title, home):
    url, _ = edge
    page = chromium.new_page()
    try:
        page.goto(f"{url}/{lang}/404.html")
        assert page.locator("#cc-content h1").inner_text() == title
        assert page.locator("#cc-content").get_by_role("link", name=home).get_attribute("href") == f"/{lang}/"
        assert page.evaluate("document.documentElement.lang") == lang
    finally:
        page.close()
