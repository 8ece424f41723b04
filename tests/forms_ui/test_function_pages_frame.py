"""The pages the function renders itself (the form again with errors, the status page that thanks
after a post without JavaScript) are pages of the site: its header with the language switch, its
navigation and footer, the read-aloud control and the favicon, in the citizen's language and
direction; the language switch leads to the same page in another language; dates read as people
write them; each page has its own title; and axe finds nothing."""

from __future__ import annotations

import re

import pytest

from .support import axe_violations, fill_contact_form

pytestmark = pytest.mark.browser

MONTHS = {"de": "Dezember|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November",
          "ar": "يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر"}


def _frame(page, lang: str) -> dict:
    """Assert the site's frame is there; return where the language switch leads."""
    assert page.locator("header.md-header").count() == 1
    assert page.locator("footer.cc-footer a").count() >= 3
    assert page.locator("#cc-navigation a").count() >= 5
    assert page.locator(".civicat-readaloud [data-readaloud-toggle]").count() == 1
    assert page.locator("link[rel=icon]").count() == 1
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("body").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    links = page.locator("details.cc-lang a[hreflang]")
    return {link.get_attribute("hreflang"): link.get_attribute("href") for link in links.all()}


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_functions_pages_wear_the_sites_frame_in_the_citizens_language(stack, scriptless, lang):
    page = scriptless
    broken = []
    page.on("response", lambda r: broken.append(f"{r.status} {r.url}") if r.status >= 400 and "/api/" not in r.url else None)
    page.goto(f"{stack.url}/{lang}/formulare/kontakt/")
    page.fill("#field-email", "nicht-gültig")
    with page.expect_navigation():
        page.locator("button.cc-button[type=submit]").click()

    # The form again, with its errors.
    assert page.locator(".cc-error-summary").is_visible()
    switch = _frame(page, lang)
    assert set(switch) == {"de", "en", "ar"}
    assert switch["en"] == "/en/formulare/kontakt/"
    assert page.locator("#field-email").get_attribute("aria-invalid") == "true"
    assert page.locator(".cc-privacy").is_visible()
    error_title = page.title()
    error_axe = axe_violations(page)

    # Corrected and sent again at once: a correction is not timed again.
    fill_contact_form(page, f"Rahmen der Seiten der Funktion ({lang}).")
    with page.expect_navigation():
        page.locator("button.cc-button[type=submit]").click()

    # The status page that thanks.
    assert "/api/status/" in page.url
    switch = _frame(page, lang)
    reference = page.locator(".cc-panel__reference").inner_text()
    assert reference in page.title() and page.title() != error_title
    received = page.locator("dd time").inner_text()
    assert re.fullmatch(rf"[0-9]{{1,2}}\.? ({MONTHS[lang]}) 20[0-9]{{2}}", received), received
    status_axe = axe_violations(page)
    assert broken == []
    assert (error_axe, status_axe) == ("", "")

    # Its language switch keeps the page: the same status in English.
    assert "/api/status/" in switch["en"] and "lang=en" in switch["en"]
    page.goto(f"{stack.url}{switch['en']}")
    assert page.locator("h1").inner_text() == "Thank you, we have received your message"
    assert page.locator(".cc-panel__reference").inner_text() == reference
