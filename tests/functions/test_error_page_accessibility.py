"""The pages the function renders itself pass axe in real Chromium (WCAG 2.2 AA and best
practice), in a left-to-right and a right-to-left language.

Each page is opened at an address of its own whose ``/api/…`` requests the function answers, so
its stylesheet (``/api/pages.css``, served by the function) applies as it does for citizens."""

import pytest

from .support import antrag, ideas, post_form

pytestmark = pytest.mark.browser

TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def browser_page(chromium):
    page = chromium.new_page()
    yield page
    page.close()


ORIGIN = "http://functions.test"


def show(page, client, html: str) -> None:
    """The page at ``ORIGIN/page``; its requests under ``/api/`` go to the function."""
    def answer(route):
        path = route.request.url[len(ORIGIN):]
        if path == "/page":
            return route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)
        if path.startswith("/api/"):
            response = client.http.get(path[len("/api"):])
            return route.fulfill(status=response.status_code, headers=dict(response.headers), body=response.body)
        return route.fulfill(status=404, body="")

    page.unroute(f"{ORIGIN}/**")
    page.route(f"{ORIGIN}/**", answer)
    page.goto(f"{ORIGIN}/page")


def violations(page, html: str, client) -> list:
    from axe_playwright_python.sync_playwright import Axe

    show(page, client, html)
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    return [(v["id"], [n["html"] for n in v["nodes"]]) for v in result.response["violations"]]


def test_the_form_with_errors_has_no_axe_violations(client, browser_page):
    html = post_form(client, "antrag-bewohnerparken",
                     antrag(name="", plate="x", months="30", consent="")).body.decode()
    assert violations(browser_page, html, client) == []


def test_the_arabic_form_with_errors_has_no_axe_violations(client, browser_page):
    html = post_form(client, "ideen-und-beschwerden",
                     ideas("ar", description="", location_lat="99")).body.decode()
    assert violations(browser_page, html, client) == []


def test_the_error_summary_link_moves_focus_to_the_field(client, browser_page):
    html = post_form(client, "antrag-bewohnerparken", antrag("en", name="")).body.decode()
    show(browser_page, client, html)
    browser_page.click("text=Enter your name")
    assert browser_page.evaluate("document.activeElement.id") == "field-name"
