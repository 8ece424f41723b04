"""With JavaScript: the same flows without a page load (``window.__noReload`` survives), the
error summary and inline messages built from the contract's messages, the confirmation panel, the
character count, attachments uploaded before sending, "use my location", and what the citizen sees
when the server cannot take the form."""

from __future__ import annotations

import json
import re

import pytest

from .support import REFERENCE, fill_parking_application, open_form, plain, send, texts, tiny_pdf

pytestmark = pytest.mark.browser


def test_errors_show_in_a_focused_summary_and_at_each_field_without_a_page_load(stack, js):
    open_form(js, stack, "de/formulare/kontakt/")
    js.fill("#field-name", "Erika Mustermann")
    js.fill("#field-message", "Kurz")
    js.locator("[data-cc-submit]").click()

    summary = js.locator("[data-cc-error-summary]")
    assert summary.is_visible()
    assert js.evaluate("document.activeElement.hasAttribute('data-cc-error-summary')")
    assert summary.locator("h2").inner_text() == "Es gibt ein Problem"
    assert texts(summary.locator("li")) == [
        "Füllen Sie „Ihre E-Mail-Adresse“ aus",
        "Wählen Sie bei „Worum geht es?“ eine Antwort aus",
        "„Ihre Nachricht“ muss mindestens 10 Zeichen lang sein",
    ]
    links = [a.get_attribute("href") for a in summary.locator("a").all()]
    assert links == ["#field-email", "#field-subject", "#field-message"]
    assert texts(js.locator("#field-message-error")) == ["Fehler: „Ihre Nachricht“ muss mindestens 10 Zeichen lang sein"]
    assert js.locator("#field-message-error .cc-visually-hidden").text_content() == "Fehler:"
    assert js.get_attribute("#field-message", "aria-invalid") == "true"
    described = "field-message-hint field-message-info field-message-error"
    assert js.get_attribute("#field-message", "aria-describedby") == described
    assert js.title().startswith("Fehler: ")
    assert js.input_value("#field-name") == "Erika Mustermann"
    assert js.evaluate("window.__noReload") == 1

    summary.locator("a[href='#field-message']").click()  # GOV.UK: the link puts the cursor in the field
    assert js.evaluate("document.activeElement.id") == "field-message"

    # Fixed fields lose their message on the next try.
    js.fill("#field-message", "Eine ausreichend lange Nachricht.")
    js.locator("[data-cc-submit]").click()
    assert js.locator("#field-message-error").count() == 0
    assert js.get_attribute("#field-message", "aria-invalid") is None
    assert js.get_attribute("#field-message", "aria-describedby") == "field-message-hint field-message-info"
    assert summary.locator("li").count() == 2


def fill_contact(js, stack, email: str):
    """The English contact form opened and filled in with ``email``; returns what ``send`` needs."""
    opened = open_form(js, stack, "en/formulare/kontakt/")
    js.fill("#field-name", "Erika Mustermann")
    js.fill("#field-email", email)
    js.select_option("#field-subject", "website")
    js.fill("#field-message", "The opening hours for July are missing.")
    return opened


def test_the_functions_own_errors_are_shown_the_same_way(stack, js):
    """The browser accepts "erika@beispiel"; the function does not, and its 422 is shown in place."""
    send(js, fill_contact(js, stack, "erika@beispiel"))
    js.wait_for_selector("#field-email-error")
    assert texts(js.locator("[data-cc-error-summary] li")) == [
        "Enter an email address in the correct format, like name@example.com"]
    assert texts(js.locator("#field-email-error")) == [
        "Error: Enter an email address in the correct format, like name@example.com"]
    assert js.title().startswith("Error: ")
    assert js.evaluate("window.__noReload") == 1


def test_a_valid_form_is_confirmed_in_place_with_the_reference_and_a_status_link(stack, js):
    send(js, fill_contact(js, stack, "erika@example.org"))

    heading = js.locator(".cc-panel__title")
    heading.wait_for()
    assert heading.inner_text() == "Your form has been sent"
    assert js.evaluate("document.activeElement.classList.contains('cc-panel__title')")
    reference = js.locator("[data-cc-reference]").inner_text()
    assert REFERENCE.fullmatch(reference)
    assert js.locator("form.cc-form").count() == 0
    assert js.evaluate("window.__noReload") == 1
    stored = stack.submission(reference)
    assert stored["lang"] == "en" and stored["data"]["email"] == "erika@example.org"
    assert len(stack.mails(reference, expected=2)) == 2  # the office's mail and the citizen's confirmation

    link = js.locator("[data-cc-status-link]")
    assert link.get_attribute("href").startswith(f"/api/status/{reference}?token=")
    link.click()
    js.wait_for_url(re.compile(r"/api/status/"))
    assert reference in js.locator("body").inner_text()


@pytest.mark.parametrize(("lang", "remaining", "over"), [
    ("de", "Sie können noch 1995 Zeichen eingeben", "Sie haben 5 Zeichen zu viel"),
    ("ar", "يمكنكم إدخال 1995 حرفًا إضافيًا", "لقد تجاوزتم الحد بـ 5 أحرف"),
])
def test_the_character_count_follows_the_text_and_lets_people_type_past_the_limit(stack, js, lang, remaining, over):
    open_form(js, stack, f"{lang}/formulare/ideen-und-beschwerden/")
    area = js.locator("#field-description")
    assert area.get_attribute("maxlength") is None  # the script lifts the hard limit …
    status = js.locator(".cc-character-count__status")
    area.fill("Hallo")
    assert status.inner_text() == remaining
    assert js.locator("#field-description-info").text_content().strip()  # … and keeps stating it
    area.fill("x" * 2005)
    assert status.inner_text() == over
    assert "cc-character-count__status--error" in status.get_attribute("class")
    # Screen readers hear the count once typing pauses.
    js.wait_for_function("document.querySelector('[data-cc-count] [aria-live]').textContent.length > 0")
    assert js.locator("[data-cc-count] [aria-live]").text_content() == over
    js.locator("[data-cc-submit]").click()
    assert js.locator("#field-description-error").count() == 1


def test_the_arabic_count_says_one_and_two_in_words_and_agrees_with_larger_numbers(stack, js):
    # CLDR: Arabic has a form for 0, 1, 2, 3–10, 11–99 and 100+; the string table has all six.
    open_form(js, stack, "ar/formulare/ideen-und-beschwerden/")
    area, status = js.locator("#field-description"), js.locator(".cc-character-count__status")
    seen = []
    for length in (1999, 1998, 1990, 2001, 2002, 2011, 2100):
        area.fill("x" * length)
        seen.append(status.inner_text())
    assert seen == ["يمكنكم إدخال حرف واحد إضافي", "يمكنكم إدخال حرفين إضافيين", "يمكنكم إدخال 10 أحرف إضافية",
                    "لقد تجاوزتم الحد بحرف واحد", "لقد تجاوزتم الحد بحرفين", "لقد تجاوزتم الحد بـ 11 حرفًا",
                    "لقد تجاوزتم الحد بـ 100 حرف"]


def test_an_application_uploads_its_attachment_first_and_sends_the_upload_id(stack, js, tmp_path):
    pdf = tiny_pdf(tmp_path / "fahrzeugschein.pdf")
    (tmp_path / "notiz.txt").write_text("keine PDF")
    opened = open_form(js, stack, "de/formulare/antrag-bewohnerparken/")
    fill_parking_application(js)

    js.set_input_files("#field-attachments", str(tmp_path / "notiz.txt"))
    assert texts(js.locator("#field-attachments-error")) == ["Fehler: Die Datei notiz.txt muss vom Typ PDF, JPEG, PNG sein"]

    js.set_input_files("#field-attachments", str(pdf))
    assert js.locator("#field-attachments-error").count() == 0
    js.locator(".cc-files__state", has_text=re.compile(": hochgeladen$")).wait_for()
    assert plain(js.locator(".cc-files__state").inner_text()) == "fahrzeugschein.pdf: hochgeladen"
    assert plain(js.locator("[data-cc-files-status]").inner_text()) == "fahrzeugschein.pdf: hochgeladen"
    send(js, opened)

    js.locator(".cc-panel__title").wait_for()
    reference = js.locator("[data-cc-reference]").inner_text()
    (upload_id,) = stack.submission(reference)["attachments"]
    assert (stack.var / "uploads" / "antrag-bewohnerparken" / upload_id).read_bytes().startswith(b"%PDF")
    assert js.evaluate("window.__noReload") == 1


def test_a_removed_attachment_is_not_sent(stack, js, tmp_path):
    pdf = tiny_pdf(tmp_path / "rueckseite.pdf")
    open_form(js, stack, "de/formulare/antrag-bewohnerparken/")
    js.set_input_files("#field-attachments", str(pdf))
    js.locator(".cc-files__state", has_text=re.compile(": hochgeladen$")).wait_for()
    js.get_by_role("button", name="Entfernen rueckseite.pdf").click()
    assert js.locator(".cc-files__list li").count() == 0
    assert plain(js.locator("[data-cc-files-status]").inner_text()) == "rueckseite.pdf wurde entfernt."
    assert js.evaluate("document.activeElement.id") == "field-attachments"


def test_use_my_location_fills_the_coordinates_which_are_sent_with_the_report(stack, browser):
    context = browser.new_context(geolocation={"latitude": 50.92712, "longitude": 10.71345},
                                  permissions=["geolocation"])
    page = context.new_page()
    try:
        opened = open_form(page, stack, "de/formulare/ideen-und-beschwerden/")
        button = page.get_by_role("button", name="Meinen Standort verwenden")
        assert button.is_visible()
        assert page.input_value("#field-location_lat") == ""  # never located without being asked
        button.click()
        page.locator("[data-cc-locate-status]", has_text="Ihr Standort wurde eingetragen").wait_for()
        assert page.input_value("#field-location_lat") == "50.927120"
        assert page.input_value("#field-location_lon") == "10.713450"
        page.check("#field-category-2")
        page.fill("#field-description", "Die Laterne an der Ecke ist dunkel.")
        send(page, opened)
        page.locator(".cc-panel__title").wait_for()
        stored = stack.submission(page.locator("[data-cc-reference]").inner_text())
        assert stored["location"] == {"address": None, "lat": 50.92712, "lon": 10.71345}
    finally:
        context.close()


def test_latitude_without_longitude_is_caught_before_sending(stack, js):
    open_form(js, stack, "en/formulare/ideen-und-beschwerden/")
    js.check("#field-category-5")
    js.fill("#field-description", "Something else entirely.")
    js.fill("#field-location_lat", "95")
    js.locator("[data-cc-submit]").click()
    assert texts(js.locator("[data-cc-error-summary] li")) == ["Enter a latitude between -90 and 90"]
    js.fill("#field-location_lat", "50.9")
    js.locator("[data-cc-submit]").click()
    assert texts(js.locator("[data-cc-error-summary] li")) == ["Enter both latitude and longitude, or neither"]
    assert js.locator("[data-cc-error-summary] a").get_attribute("href") == "#field-location_lon"


PROBLEMS = [
    ({"status": 503, "body": "Service Unavailable"},
     "Ihr Formular konnte gerade nicht gesendet werden. Ihre Angaben sind noch da. "
     "Versuchen Sie es bitte in einigen Minuten noch einmal."),
    ({"status": 429, "content_type": "application/json",
      "body": json.dumps({"errors": [{"field": None, "message": "Versuchen Sie es in 4 Minuten noch einmal."}]})},
     "Versuchen Sie es in 4 Minuten noch einmal."),
    ({"status": 413, "body": ""},
     "Ihre Angaben sind zu umfangreich, um sie zu senden. "
     "Kürzen Sie bitte Ihren Text oder hängen Sie weniger Dateien an."),
    (None, "Wir haben den Server nicht erreicht. Prüfen Sie Ihre Internetverbindung und senden Sie das Formular "
           "noch einmal. Ihre Angaben sind noch da."),
]
"""(What the server answers — None: the network fails —, what the citizen reads.)"""


def test_when_the_server_cannot_take_the_form_the_citizen_is_told_and_keeps_the_input(stack, js):
    answers = [answer for answer, _shown in PROBLEMS]
    js.route("**/api/forms/kontakt",
             lambda route: route.fulfill(**answers[0]) if answers[0] else route.abort("internetdisconnected"))
    open_form(js, stack, "de/formulare/kontakt/")
    js.fill("#field-name", "Erika Mustermann")
    js.fill("#field-email", "erika@beispiel.de")
    js.select_option("#field-subject", "sonstiges")
    js.fill("#field-message", "Eine ausreichend lange Nachricht.")
    for answer, shown in PROBLEMS:
        answers[0] = answer
        js.locator("[data-cc-submit]").click()
        js.locator("[data-cc-error-summary] li", has_text=shown[:20]).wait_for()
        assert texts(js.locator("[data-cc-error-summary] li")) == [shown]
        assert js.locator("[data-cc-error-summary] a").count() == 0
        assert js.input_value("#field-message") == "Eine ausreichend lange Nachricht."
        assert js.locator("[data-cc-submit]").get_attribute("aria-disabled") is None  # ready to try again
    assert js.evaluate("window.__noReload") == 1


def test_there_is_no_static_thank_you_page_to_land_on(stack, js):
    """The script thanks in place, the function's status page without script: a static page could
    not show the reference, and nothing links there any more."""
    answer = js.goto(f"{stack.url}/de/formulare/kontakt/danke/")
    assert answer.status == 404
