"""Every kind of page, in every language, in Chromium with exactly the headers CloudFront adds
(the response headers policies of the generated stack): no Content-Security-Policy violation.

The pages come from the ``edge`` fixture (tests/deploy/edge.py): the demo site and the functions
behind one origin, with CloudFront's headers and not-found page. Chromium reports each violation
as a ``securitypolicyviolation`` event and as a console error; both are collected.
"""

from __future__ import annotations

import re
import time
import urllib.request

import pytest

from tests.conftest import LANGS
from tests.forms_ui.support import MIN_FILL_SECONDS, fill_contact_form

from .edge import page_types

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " at " +
                    (e.sourceFile || location.pathname) + ":" + e.lineNumber + " " + (e.sample || ""));
});
"""


@pytest.fixture(scope="module")
def context(chromium):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    ctx.add_init_script(LISTEN)
    yield ctx
    ctx.close()


@pytest.fixture
def tab(context):
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type in ("error", "warning") and page.console_errors.append(message.text))
    yield page
    page.close()


def violations(page) -> list[str]:
    reported = page.evaluate("window.__csp || []")
    console = [text for text in page.console_errors
               if "Content Security Policy" in text or "Content-Security-Policy" in text]
    return reported + console


def by_kind(found: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each distinct violation (addresses left out) with the pages it happened on."""
    kinds: dict[str, list[str]] = {}
    for path, texts in found.items():
        for text in texts:
            kinds.setdefault(re.sub(r"https?://127\.0\.0\.1:\d+/\S*?(:\d+)?(?=\s|$)", "<page>", text)[:300], []).append(path)
    return kinds


def test_the_policy_in_the_test_is_the_stacks(edge):
    url, _ = edge
    with urllib.request.urlopen(url + "/de/", timeout=10) as answer:
        policy = answer.headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'self'; script-src 'self'; style-src 'self'")
    assert "hainbach-attachments.s3.amazonaws.com" in policy


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_of_page_loads_without_a_csp_violation(edge, tab, lang):
    url, site = edge
    found = {}
    pages = page_types(site, lang) + ([""] if lang == LANGS[0] else []) + [f"{lang}/404.html", f"{lang}/gibt-es-nicht/"]
    for path in pages:
        tab.console_errors.clear()
        answer = tab.goto(f"{url}/{path}", wait_until="load")
        assert answer.status == (404 if "gibt-es-nicht" in path else 200), path
        if violations(tab):
            found[path] = violations(tab)
    assert len(pages) > 15
    kinds = by_kind(found)
    assert not kinds, "\n".join(f"{kind}  ({len(where)} pages, e.g. {where[0]})" for kind, where in kinds.items())


@pytest.mark.parametrize("lang", LANGS)
def test_searching_loads_materials_script_without_a_csp_violation(edge, tab, lang):
    url, _ = edge
    tab.goto(f"{url}/{lang}/", wait_until="load")
    tab.locator(".md-search__input").first.click()
    tab.wait_for_function("() => document.querySelector('script[src*=\"bundle.\"]') !== null")
    tab.locator(".md-search__input").first.fill("Hund" if lang == "de" else "dog" if lang == "en" else "كلب")
    tab.wait_for_selector(".md-search-result__meta", state="attached")
    tab.wait_for_timeout(300)
    assert violations(tab) == []


def test_a_form_sent_with_javascript_and_its_confirmation_raise_no_csp_violation(edge, tab):
    url, _ = edge
    tab.goto(f"{url}/de/formulare/kontakt/", wait_until="load")
    tab.wait_for_selector("form[data-cc-started~=form]", state="attached")
    opened = time.monotonic()
    fill_contact_form(tab, "Eine Nachricht, die den CSP-Test durchläuft.")
    time.sleep(max(0.0, MIN_FILL_SECONDS + 0.2 - (time.monotonic() - opened)))
    tab.locator("[data-cc-submit]").click()
    tab.locator(".cc-panel__title").wait_for()
    assert violations(tab) == []


def test_the_functions_own_pages_raise_no_csp_violation_and_keep_their_style(edge, tab):
    """The form again with errors (422), the status page after a post (303), and the not-found
    page of a status link: the pages a browser without JavaScript gets from the functions."""
    url, _ = edge
    seen = {}
    for label, fill in (("errors", lambda: None),
                        ("status", lambda: fill_contact_form(tab, "Eine Nachricht ohne JavaScript gesendet."))):
        tab.goto(f"{url}/de/formulare/kontakt/", wait_until="load")
        fill()
        time.sleep(MIN_FILL_SECONDS + 0.2)
        tab.console_errors.clear()
        with tab.expect_navigation():
            tab.evaluate("document.querySelector('form.cc-form').submit()")  # the form's own post, no script
        assert "/api/" in tab.url, label
        seen[label] = (violations(tab), tab.evaluate("getComputedStyle(document.body).fontFamily"))
    tab.console_errors.clear()
    answer = tab.goto(f"{url}/api/status/HBN-2027-AAAAA?token=wrong", wait_until="load")
    assert answer.status == 404
    seen["unknown status"] = (violations(tab), tab.evaluate("getComputedStyle(document.body).fontFamily"))
    assert {label: found for label, (found, _) in seen.items() if found} == {}
    assert {label: font.startswith("system-ui") for label, (_, font) in seen.items()} == dict.fromkeys(seen, True)
