"""axe-core (WCAG 2.0/2.1/2.2 A and AA) finds nothing on the form pages, in their error state and
after sending — with the page's script, and without it (the function's own pages)."""

from __future__ import annotations

import pytest

from .support import axe_violations, fill_contact_form, open_form, send

pytestmark = pytest.mark.browser

FORMS = ["kontakt", "ideen-und-beschwerden", "antrag-bewohnerparken", "barriere-melden"]


@pytest.mark.parametrize(("lang", "forms"), [("de", FORMS), ("ar", FORMS), ("en", ["kontakt"])])
def test_every_form_page_has_no_axe_violations(stack, js, lang, forms):
    found = {}
    for fid in forms:
        js.goto(f"{stack.url}/{lang}/formulare/{fid}/")
        js.wait_for_selector("form[data-cc-started~=form]", state="attached")
        js.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")  # the privacy notice too
        problems = axe_violations(js)
        if problems:
            found[fid] = problems
    assert found == {}


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_error_state_has_no_axe_violations(stack, js, lang):
    open_form(js, stack, f"{lang}/formulare/ideen-und-beschwerden/")
    js.fill("#field-description", "x" * 2001)
    js.fill("#field-location_lat", "50.9")
    js.locator("[data-cc-submit]").click()
    js.locator("[data-cc-error-summary]").wait_for()
    assert js.locator(".cc-error-message").count() == 3
    assert axe_violations(js) == ""


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_confirmation_has_no_axe_violations(stack, js, lang):
    opened = open_form(js, stack, f"{lang}/formulare/kontakt/")
    fill_contact_form(js, f"Axe-Prüfung der Bestätigung ({lang}).")
    send(js, opened)
    js.locator(".cc-panel__title").wait_for()
    assert axe_violations(js) == ""


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_the_functions_error_page_and_thank_you_page_have_no_axe_violations(stack, scriptless, lang):
    page = scriptless
    page.goto(f"{stack.url}/{lang}/formulare/kontakt/")
    page.fill("#field-email", "nicht-gültig")
    with page.expect_navigation():
        page.locator("button.cc-button[type=submit]").click()
    assert page.locator(".cc-error-summary").is_visible()
    error_page = axe_violations(page)

    fill_contact_form(page, f"Axe-Prüfung ohne Skript ({lang}).")
    page.wait_for_timeout(1200)  # the minimum fill time, counted from when the form was first shown
    with page.expect_navigation():
        page.locator("button.cc-button[type=submit]").click()
    assert "/api/status/" in page.url
    assert (error_page, axe_violations(page)) == ("", "")
