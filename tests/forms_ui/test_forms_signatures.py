"""A form that requires a signed PDF, in Chromium against the real stack: the page says what it
needs and explains what a signed PDF is; right after the upload it shows the check's result in
the page's language (German and Arabic), and a broken signature as an error to act on."""

from __future__ import annotations

import time

import pytest

from tests.functions.signatures import pki as P

from .support import open_form, plain, send

pytestmark = pytest.mark.browser


def signed(tmp_path, pki, name="widerspruch.pdf", tampered=False):
    data = P.sign(P.minimal_pdf(), pki.signer)  # outside Playwright's event loop (signatures/loop.py)
    path = tmp_path / name
    path.write_bytes(P.tamper(data) if tampered else data)
    return path


def result_line(page) -> str:
    line = page.locator(".cc-signature:not(.cc-signature--pending)")
    line.wait_for(timeout=30000)
    return plain(line.inner_text())


def fill_objection(page) -> None:
    page.fill("#field-name", "Maria Petrova")
    page.fill("#field-file_number", "32.1-2027-0815")
    page.fill("#field-decision_date", "2027-02-10")
    page.fill("#field-email", "maria@beispiel.de")


def test_the_form_says_what_it_needs_and_what_a_signed_pdf_is(stack, js):
    open_form(js, stack, "de/formulare/widerspruch/")

    rule = js.locator("#field-attachments-signature")
    assert plain(rule.inner_text()) == ("Ihr Antrag muss als PDF-Datei mit einer qualifizierten "
                                        "elektronischen Signatur unterschrieben sein. Ohne gültige "
                                        "Signatur können wir ihn nicht annehmen.")
    assert "field-attachments-signature" in js.get_attribute("#field-attachments", "aria-describedby")
    explanation = js.locator(".cc-signature-what p")
    assert not explanation.is_visible()
    js.get_by_text("Was ist eine elektronisch unterschriebene PDF-Datei?").click()
    assert explanation.is_visible() and "Online-Ausweisfunktion" in explanation.inner_text()


def test_after_the_upload_the_result_shows_in_german_and_the_objection_is_accepted(
        stack, js, tmp_path, pki):
    opened = open_form(js, stack, "de/formulare/widerspruch/")
    fill_objection(js)

    js.set_input_files("#field-attachments", str(signed(tmp_path, pki)))

    said = result_line(js)
    assert said == ("Unterschrieben von Maria Petrova: Signatur unverändert, Zertifikat "
                    "vertrauenswürdig (qualifizierte elektronische Signatur).")
    assert js.locator(".cc-signature--ok").count() == 1
    assert plain(js.locator("[data-cc-files-status]").inner_text()) == said
    send(js, opened)
    js.locator(".cc-panel__title").wait_for()
    assert js.evaluate("window.__noReload") == 1


def test_after_the_upload_the_result_shows_in_arabic(stack, js, tmp_path, pki):
    open_form(js, stack, "ar/formulare/widerspruch/")

    js.set_input_files("#field-attachments", str(signed(tmp_path, pki, "اعتراض.pdf")))

    assert result_line(js) == ("موقَّع من Maria Petrova: التوقيع سليم والشهادة موثوقة "
                               "(توقيع إلكتروني مؤهَّل).")
    assert js.locator(".cc-signature").evaluate("el => getComputedStyle(el).direction") == "rtl"


def test_a_broken_signature_is_an_error_to_act_on_and_the_form_is_refused(stack, js, tmp_path, pki):
    opened = open_form(js, stack, "de/formulare/widerspruch/")
    fill_objection(js)

    js.set_input_files("#field-attachments", str(signed(tmp_path, pki, tampered=True)))

    said = result_line(js)
    assert said.startswith("Fehler: Die Signatur von widerspruch.pdf ist beschädigt")
    assert js.locator(".cc-signature--error").count() == 1
    send(js, opened)
    summary = js.locator("[data-cc-error-summary]")
    summary.wait_for()
    deadline = time.monotonic() + 10
    while "ist beschädigt" not in summary.inner_text() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "ist beschädigt" in summary.inner_text()
