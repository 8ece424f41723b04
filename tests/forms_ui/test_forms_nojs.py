"""Without JavaScript: the form posts to the function, which answers with the form again (errors,
input kept) or, once valid, with a page that shows the reference number."""

from __future__ import annotations

import re
import time

import pytest

from .support import MIN_FILL_SECONDS, REFERENCE, fill_parking_application, plain, tiny_pdf

pytestmark = pytest.mark.browser

def test_a_form_post_with_errors_comes_back_with_the_error_summary_and_the_input_kept(stack, nojs):
    nojs.goto(f"{stack.url}/de/formulare/kontakt/")
    nojs.fill("#field-name", "Erika Mustermann")
    nojs.fill("#field-email", "erika@beispiel")
    nojs.fill("#field-message", "Kurz")
    with nojs.expect_navigation() as navigation:
        nojs.get_by_role("button", name="Absenden").click()

    assert navigation.value.status == 422
    assert nojs.url.endswith("/api/forms/kontakt")
    assert nojs.title().startswith("Fehler:")
    summary = nojs.locator(".cc-error-summary")
    assert summary.locator("h2").inner_text() == "Es gibt ein Problem"
    links = summary.locator("a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "#field-email", "#field-subject", "#field-message"]
    assert links.first.inner_text() == "Geben Sie eine E-Mail-Adresse im richtigen Format ein, z. B. name@beispiel.de"
    assert plain(nojs.locator("#field-message-error").text_content()) == \
        "Fehler: „Ihre Nachricht“ muss mindestens 10 Zeichen lang sein"
    assert nojs.locator("#field-message-error .cc-visually-hidden").inner_text() == "Fehler:"
    assert "field-email-error" in nojs.locator("#field-email").get_attribute("aria-describedby")
    # What the citizen typed is still there.
    assert nojs.input_value("#field-name") == "Erika Mustermann"
    assert nojs.input_value("#field-email") == "erika@beispiel"
    assert nojs.input_value("#field-message") == "Kurz"


def test_after_fixing_the_errors_the_citizen_sees_the_reference_and_the_office_gets_the_mail(stack, nojs):
    nojs.goto(f"{stack.url}/de/formulare/kontakt/")
    nojs.fill("#field-name", "Erika Mustermann")
    nojs.fill("#field-email", "erika@beispiel")
    with nojs.expect_navigation():
        nojs.get_by_role("button", name="Absenden").click()
    started = time.monotonic()
    assert nojs.locator(".cc-error-summary").is_visible()

    nojs.fill("#field-email", "erika@beispiel.de")
    nojs.select_option("#field-subject", "website")
    nojs.fill("#field-message", "Die Öffnungszeiten im Juli fehlen auf der Website.")
    time.sleep(max(0.0, MIN_FILL_SECONDS + 0.2 - (time.monotonic() - started)))  # the function's fill time
    with nojs.expect_navigation():
        nojs.locator("button.cc-button[type=submit]").click()

    body = nojs.locator("body").inner_text()
    found = REFERENCE.search(body)
    assert found, f"no reference number on the page after sending ({nojs.url}):\n{body}"
    reference = found.group(0)
    stored = stack.submission(reference)
    assert stored["form_id"] == "kontakt" and stored["lang"] == "de"
    assert stored["data"]["message"] == "Die Öffnungszeiten im Juli fehlen auf der Website."
    to_office = re.compile(r"^To: .*<info@landkreis-hainbach\.de>$", re.M)
    office = [mail for mail in stack.mails(reference, expected=2) if to_office.search(mail)]
    assert len(office) == 1


@pytest.mark.parametrize("lang", ["ar"])
def test_the_page_after_sending_speaks_the_citizens_language(stack, nojs, lang):
    nojs.goto(f"{stack.url}/{lang}/formulare/barriere-melden/")
    assert nojs.locator("html").get_attribute("lang").startswith(lang)
    nojs.fill("#field-page_or_place", "/de/leistungen/")
    nojs.fill("#field-description", f"The search button has no text for screen readers ({lang}).")
    nojs.check("#field-reply_by-3")
    with nojs.expect_navigation():
        nojs.locator("button.cc-button[type=submit]").click()
    found = REFERENCE.search(nojs.locator("body").inner_text())
    assert found, nojs.locator("body").inner_text()
    assert nojs.locator("html").get_attribute("lang") == lang
    assert stack.submission(found.group(0))["lang"] == lang


def test_ideas_and_complaints_accept_a_typed_location_without_javascript(stack, nojs):
    nojs.goto(f"{stack.url}/de/formulare/ideen-und-beschwerden/")
    assert nojs.locator("[data-cc-locate]").is_hidden()  # "use my location" needs the script
    nojs.check("#field-category-2")
    nojs.fill("#field-description", "Die Laterne vor dem Haus ist seit Tagen dunkel.")
    nojs.fill("#field-location_address", "Lindenstraße 4, Hainbach")
    nojs.fill("#field-location_lat", "50,9271")
    nojs.fill("#field-location_lon", "10.7134")
    with nojs.expect_navigation():
        nojs.locator("button.cc-button[type=submit]").click()
    found = REFERENCE.search(nojs.locator("body").inner_text())
    assert found, nojs.locator("body").inner_text()
    assert stack.submission(found.group(0))["location"] == {"address": "Lindenstraße 4, Hainbach",
                                                           "lat": 50.9271, "lon": 10.7134}


def test_an_application_carries_its_attachment_in_the_form_post_without_javascript(stack, nojs, tmp_path):
    pdf = tiny_pdf(tmp_path / "fahrzeugschein.pdf")
    nojs.goto(f"{stack.url}/de/formulare/antrag-bewohnerparken/")
    assert nojs.locator("form.cc-form").get_attribute("enctype") == "multipart/form-data"
    fill_parking_application(nojs)
    nojs.set_input_files("#field-attachments", str(pdf))
    with nojs.expect_navigation():
        nojs.locator("button.cc-button[type=submit]").click()
    found = REFERENCE.search(nojs.locator("body").inner_text())
    assert found, nojs.locator("body").inner_text()
    assert len(stack.submission(found.group(0))["attachments"]) == 1
