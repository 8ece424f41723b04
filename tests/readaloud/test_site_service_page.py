"""Read-aloud on the real built service page (not an example) in German, English and Arabic.

The example pages pin every rule in detail; this checks the control as the site ships it: it
appears, starts with the page title, speaks in the page's language, skips the site's navigation,
page tools and skip links, highlights what it reads, and stops.
"""

from __future__ import annotations

import pytest

from .conftest import RECORDER

pytestmark = pytest.mark.browser

SENTENCES = 6
NOT_READ = {
    "de": ["Zum Inhalt springen", "Leistungen A–Z", "Drucken", "Teilen", "Startseite"],
    "en": ["Skip to content", "Services A–Z", "Print", "Share", "Home"],
    "ar": ["طباعة", "مشاركة", "الصفحة الرئيسية"],
}


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_the_service_page_is_read_from_its_title_in_its_language_without_navigation(lang, browser, demo_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORDER)
    page = context.new_page()
    try:
        page.goto(f"{demo_server.url}/{lang}/leistungen/personalausweis/")
        toggle = page.locator("[data-readaloud-toggle]")
        toggle.wait_for(state="visible", timeout=15000)
        title = page.locator("h1").first.inner_text().strip().replace("\u00ad", "")  # soft hyphens are not spoken

        toggle.click()
        page.wait_for_function(
            "n => window.__spoken.filter((e) => e.events.includes('start')).length >= n", arg=SENTENCES, timeout=60000)
        highlighted = page.locator(".civicat-readaloud-current").first.inner_text()
        page.locator("[data-readaloud-action=stop]").click()
        page.wait_for_function("() => document.querySelector('[data-module=civicat-readaloud]').dataset.readaloudState === 'stopped'")
        spoken = [e for e in page.evaluate("() => JSON.parse(JSON.stringify(window.__spoken))") if "start" in e["events"]]
    finally:
        page.evaluate("() => speechSynthesis.cancel()")
        context.close()

    assert spoken[0]["text"] == title
    assert {e["lang"].split("-")[0] for e in spoken[:SENTENCES]} == {lang}
    assert spoken[0]["voice"] and lang in spoken[0]["voiceLang"].lower()
    assert not [e["text"] for e in spoken if e["text"].strip() in NOT_READ[lang]]
    assert highlighted.strip() and highlighted.strip() in " ".join(e["text"] for e in spoken)
