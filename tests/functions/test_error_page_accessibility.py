"""The pages the function renders itself pass axe in real Chromium (WCAG 2.2 AA and best
practice), in a left-to-right and a right-to-left language."""

import pytest

from .support import antrag, ideas, post_form

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def browser_page(chromium):
    page = chromium.new_page()
    yield page
    page.close()


def violations(page, html: str) -> list:
    from axe_playwright_python.sync_playwright import Axe

    page.set_content(html)
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    return [(v["id"], [n["html"] for n in v["nodes"]]) for v in result.response["violations"]]


def test_the_form_with_errors_has_no_axe_violations(client, browser_page):
    html = post_form(client, "antrag-bewohnerparken",
                     antrag(name="", plate="x", months="30", consent="")).body.decode()
    assert violations(browser_page, html) == []


def test_the_arabic_form_with_errors_has_no_axe_violations(client, browser_page):
    html = post_form(client, "ideen-und-beschwerden",
                     ideas("ar", description="", location_lat="99")).body.decode()
    assert violations(browser_page, html) == []


def test_the_error_summary_link_moves_focus_to_the_field(client, browser_page):
    html = post_form(client, "antrag-bewohnerparken", antrag("en", name="")).body.decode()
    browser_page.set_content(html)
    browser_page.click("text=Enter your name")
    assert browser_page.evaluate("document.activeElement.id") == "field-name"
