"""The pilot's case in Chromium, keyboard only, with axe-core on every staff page type in German,
English and Arabic (right to left, nothing scrolls sideways): a citizen applies online for the severe disability ID card with a medical report; the
disability-law team signs in through a real OpenID Connect provider, finds the application in the
inbox, opens the report, answers with a PDF and signs out; the citizen opens the status link, reads
the answer in English and downloads the document.

The stack is what ``civicat serve`` runs: the demo site, the forms API and the staff pages behind
one port (civicat.serve.server's proxy), SQLite, the outbox folder, the delivery worker."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from unittest import mock

import pytest

from tests.conftest import REPO, require
from tests.forms_ui.support import axe_violations, importable, plain, tiny_pdf

from .oidc_provider import Provider

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PEOPLE = [{"sub": "u-anna", "preferred_username": "anna", "name": "Anna Berg",
           "civicat_offices": ["schwerbehindertenrecht"]},
          {"sub": "u-chef", "preferred_username": "chef", "name": "Chris Chef",
           "civicat_offices": ["civicat-admin"]}]
FORM = "antrag-schwerbehindertenausweis"


def _wait(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    require(importable("chalice"), "chalice")
    from civicat import contract as contracts
    from civicat.catalogue import load
    from civicat.mkdocs.build import build_site
    from civicat.serve.server import Served

    root = tmp_path_factory.mktemp("office")
    catalogue = load(REPO / "catalogue")
    build_site(REPO / "catalogue", root / "site", languages=["de", "en"], catalogue=catalogue)
    contract = contracts.write(catalogue, root / "forms.json")
    provider = Provider(PEOPLE)
    settings = {"CIVICAT_MIN_FILL_SECONDS": "1", "CIVICAT_RATE_LIMIT": "off",
                "CIVICAT_HOUSEKEEPING_SECONDS": "3600", "CIVICAT_PUBLIC_API_URL": "/api",
                "CIVICAT_STAFF_SIGNIN": "oidc", "CIVICAT_OIDC_ISSUER": provider.issuer,
                "CIVICAT_OIDC_CLIENT_ID": "civicat-staff", "CIVICAT_OIDC_CLIENT_SECRET": "secret",
                "CIVICAT_OIDC_OFFICES_CLAIM": "civicat_offices"}
    with mock.patch.dict(os.environ, settings):
        for name in ("CIVICAT_STORE", "CIVICAT_NOTIFIER", "CIVICAT_SITE_URL", "CIVICAT_DELIVERY",
                     "CIVICAT_FORMS", "CIVICAT_UPLOADS", "CIVICAT_OUTBOX_DIR", "CIVICAT_STAFF_URL"):
            os.environ.pop(name, None)
        # civicat serve's own server: the site, /api and /staff on one port, mail sent beside it.
        served = Served(root / "site", root / "var", "token", contract).start()
    try:
        served.wait_ready()
        _wait(f"{served.url}/staff/sign-in")
        yield {"url": served.url, "var": root / "var", "contract": contract}
    finally:
        served.stop()
        provider.stop()


def _context(chromium, lang: str):
    context = chromium.new_context(locale={"de": "de-DE", "en": "en-GB", "ar": "ar"}[lang], bypass_csp=True,
                                   viewport={"width": 1280, "height": 900}, accept_downloads=True)
    # The test provider's page asks a CDN for a stylesheet; nothing may leave this machine.
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda route: route.abort())
    return context


def _press(page, locator) -> None:
    """Keyboard only: move the focus to an element and press Enter (no mouse anywhere)."""
    locator.focus()
    page.keyboard.press("Enter")


def _sign_in(page, office, sub: str) -> None:
    page.goto(f"{office['url']}/staff/")
    with page.expect_navigation():
        _press(page, page.locator('a[href="/staff/oidc/start"]'))
    page.locator('input[name="sub"]').first.focus()
    page.keyboard.type(sub)
    with page.expect_navigation(url=re.compile(r"/staff/inbox")):
        page.keyboard.press("Enter")


def _apply(chromium, office, tmp_path) -> tuple[str, str]:
    context = _context(chromium, "en")
    page = context.new_page()
    page.goto(f"{office['url']}/en/formulare/{FORM}/")
    page.wait_for_selector("form[data-cc-started~=form]", state="attached")
    opened = time.monotonic()
    page.fill("#field-birth_date", "1958-04-12")  # a date control takes no typed ISO text
    for field, value in {"name": "Erika Mustermann",
                         "street": "Marktplatz 1", "postcode": "99880", "town": "Hainbach",
                         "email": "erika@example.org",
                         "impairments": "Osteoarthritis in both knees since 2019; stairs only "
                                        "with a handrail.",
                         "doctors": "Dr. Anna Berg, orthopaedics, Bahnhofstraße 3, Hainbach"}.items():
        page.locator(f"#field-{field}").focus()
        page.keyboard.type(value)
    for box in ("#field-marks", "#field-doctors_consent"):
        page.locator(box).focus()
        page.keyboard.press("Space")
    page.set_input_files("#field-attachments", str(tiny_pdf(tmp_path / "befund-orthopaedie.pdf")))
    page.locator(".cc-files__state", has_text=re.compile(r": uploaded$")).wait_for()
    time.sleep(max(0.0, 1.3 - (time.monotonic() - opened)))
    _press(page, page.locator("[data-cc-submit]"))
    try:
        page.locator(".cc-panel__title").wait_for(timeout=15000)
    except Exception:
        page.screenshot(path=str(tmp_path / "apply.png"), full_page=True)
        raise AssertionError(plain(page.locator("main").inner_text())[:2000]) from None
    reference = page.locator("[data-cc-reference]").inner_text()
    status = page.locator("[data-cc-status-link]").get_attribute("href")
    context.close()
    return reference, status


def test_the_disability_team_answers_an_application_and_the_citizen_downloads_the_answer(
        chromium, office, tmp_path):
    reference, status_link = _apply(chromium, office, tmp_path)

    context = _context(chromium, "en")
    page = context.new_page()
    _sign_in(page, office, "u-anna")
    assert "Signed in as Anna Berg" in plain(page.locator("header").inner_text())
    page.locator("#f-form").select_option(FORM)
    with page.expect_navigation():
        _press(page, page.locator(".filters button"))
    with page.expect_navigation():
        _press(page, page.locator(f'a[href="/staff/submissions/{reference}"]'))
    body = plain(page.locator("main").inner_text())
    assert "Osteoarthritis in both knees since 2019" in body and "befund-orthopaedie.pdf" in body
    view = page.locator("a", has_text="View").first.get_attribute("href")
    opened = context.request.get(office["url"] + view)
    assert opened.ok and opened.headers["content-disposition"] == "inline"
    assert opened.body().startswith(b"%PDF")

    page.locator("#answer-message").focus()
    page.keyboard.type("Your application is complete. We have asked Dr. Berg for her report "
                       "and forwarded everything to the State Administration Office.")
    page.set_input_files("#answer-files", str(tiny_pdf(tmp_path / "Eingangsbestaetigung.pdf")))
    with page.expect_navigation():
        _press(page, page.locator("#h-answer ~ form button[type=submit]"))
    assert "The answer is saved" in page.locator("[role=status]").inner_text()
    with page.expect_navigation(url=re.compile(r"/staff/sign-in")):
        _press(page, page.locator("header button", has_text="Sign out"))
    assert "You are signed out." in page.locator("main").inner_text()
    assert page.goto(f"{office['url']}/staff/inbox").url.endswith("/staff/sign-in")
    context.close()

    citizen = _context(chromium, "en")
    page = citizen.new_page()
    page.goto(office["url"] + status_link)
    text = plain(page.locator("main").inner_text())
    assert "Answer from Hainbach District Office – Disability Law Team" in text
    assert "forwarded everything to the State Administration Office" in text
    assert axe_violations(page) == ""  # the status page with the office's answer
    link = page.locator("a", has_text="Eingangsbestaetigung.pdf")
    fetched = citizen.request.get(office["url"] + link.get_attribute("href"))
    assert fetched.ok, (fetched.status, fetched.headers, fetched.body()[:300])
    with page.expect_download() as download:
        _press(page, link)
    assert download.value.failure() is None, download.value.failure()
    from pathlib import Path

    assert Path(download.value.path()).read_bytes().startswith(b"%PDF")
    assert download.value.suggested_filename == "Eingangsbestaetigung.pdf"
    citizen.close()
    deadline = time.monotonic() + 10
    while not list((office["var"] / "outbox").glob(f"{reference}-answer-*.eml")):
        assert time.monotonic() < deadline, "the answer mail was not sent"
        time.sleep(0.2)


@pytest.mark.parametrize("lang", ["de", "en", "ar"])
def test_every_staff_page_type_has_no_axe_violations(chromium, office, tmp_path, lang):
    reference, _ = _apply(chromium, office, tmp_path)
    context = _context(chromium, lang)
    page = context.new_page()
    found = {}

    def check(name):
        problems = axe_violations(page)
        if problems:
            found[name] = problems
        # Right to left too, nothing pushes the page sideways (the hidden skip link neither).
        if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
            found[name] = f"scrolls sideways ({lang})"

    page.goto(f"{office['url']}/staff/sign-in")
    check("sign-in")
    _sign_in(page, office, "u-chef")
    check("inbox")
    page.goto(f"{office['url']}/staff/submissions/{reference}")
    check("submission")
    with page.expect_navigation():
        _press(page, page.locator("#h-answer ~ form button[type=submit]"))  # no message: errors
    assert page.locator(".error-summary").count() == 1
    check("submission with errors")
    page.goto(f"{office['url']}/staff/audit")
    check("audit log")
    page.goto(f"{office['url']}/staff/submissions/HBN-2000-AAAAA")
    check("not found")
    token = subprocess.run([sys.executable, str(REPO / "functions" / "staff_admin.py"), "add",
                            f"new-{lang}", "--office", "schwerbehindertenrecht"],
                           env={**os.environ, "CIVICAT_STORE":
                                f"sqlite:///{office['var'] / 'submissions.db'}"},
                           capture_output=True, text=True, check=True).stdout.strip()
    with page.expect_navigation():
        _press(page, page.locator("header button", has_text={"de": "Abmelden", "en": "Sign out",
                                                              "ar": "تسجيل الخروج"}[lang]))
    check("signed out")
    page.goto(f"{office['url']}/staff/welcome/{token}")
    check("set password")
    context.close()
    assert found == {}
