"""Read-aloud on a device without a voice: the control says why and plays a recording of the page
made by our own server (espeak-ng through the functions' ``/speech``), on the real built site
served as ``civicat serve`` serves it.

Chromium without speech-dispatcher lists no voice at all, as a Linux desktop without speech
packages does; with ``speechSynthesis`` removed it is a browser without speech.
"""

from __future__ import annotations

import os
import shutil
from unittest import mock

import pytest

from tests.conftest import REPO, require

pytestmark = pytest.mark.browser

SERVICE = "leistungen/personalausweis/"
WHY = {
    "de": "Auf diesem Gerät ist keine Stimme für Deutsch installiert.",
    "ar": "لا يوجد على هذا الجهاز صوت للغة العربية للقراءة بصوت عالٍ.",
}


@pytest.fixture(scope="module")
def served(demo_build, tmp_path_factory):
    """The demo site (de, en, ar) with the functions under /api, recordings by espeak-ng."""
    require(shutil.which("espeak-ng") is not None, "espeak-ng")
    require(shutil.which("lame") is not None, "lame")
    from civicat import contract
    from civicat.serve.server import Served

    site, catalogue = demo_build
    root = tmp_path_factory.mktemp("recording")
    contract_path = contract.write(catalogue, root / "forms.json")
    with mock.patch.dict(os.environ, {"CIVICAT_SPEECH": "espeak", "CIVICAT_RATE_LIMIT": "off"}):
        for name in ("CIVICAT_SPEECH_PAGES", "CIVICAT_SPEECH_CACHE", "CIVICAT_STORE"):
            os.environ.pop(name, None)
        running = Served(site, root / "var", "recording-test-token", contract_path).start()
    try:
        running.wait_ready()
        yield running.url, root / "var" / "speech"
    finally:
        running.stop()


def open_service(chromium, url, lang, init_script=None):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(f"{url}/{lang}/{SERVICE}")
    return context, page, requests


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_without_a_voice_the_control_says_why_and_plays_our_own_recording(chromium, served, lang):
    url, kept = served
    context, page, requests = open_service(chromium, url, lang)
    try:
        toggle = page.locator("[data-readaloud-toggle]")
        toggle.wait_for(state="visible", timeout=15000)
        assert not page.locator("[data-readaloud-recording]").is_visible()
        assert not [r for r in requests if "/speech/" in r], "nothing is asked of the server before the press"
        toggle.press("Enter")  # keyboard only
        panel = page.locator("[data-readaloud-recording]")
        panel.wait_for(state="visible")
        assert page.locator("[data-readaloud-why]").inner_text() == WHY[lang]
        audio = page.locator("audio[controls]")
        label = page.locator("#" + audio.get_attribute("aria-labelledby")).inner_text()
        assert label.strip()
        assert page.evaluate("() => document.activeElement.matches('[data-readaloud-toggle]')")
        page.wait_for_function("() => { const a = document.querySelector('[data-readaloud-audio]');"
                               " return a.readyState >= 1 && a.duration > 5; }", timeout=60000)
        page.wait_for_function("() => document.querySelector('[data-readaloud-audio]').currentTime > 0",
                               timeout=15000)
        assert toggle.get_attribute("aria-pressed") == "true"
        toggle.press("Enter")
        assert page.evaluate("() => document.querySelector('[data-readaloud-audio]').paused")
        assert not panel.is_visible()
    finally:
        context.close()
    assert list((kept / lang).glob("*.mp3")), "the recording is kept for the next visitor"
    assert all(request.startswith(url) for request in requests), "no other site is asked"


def test_a_browser_without_speech_is_told_so_and_offered_the_recording(chromium, served):
    url, _ = served
    context, page, _ = open_service(chromium, url, "en", "delete Window.prototype.speechSynthesis; delete window.SpeechSynthesisUtterance;")
    try:
        page.locator("[data-readaloud-toggle]").wait_for(state="visible", timeout=15000)
        page.locator("[data-readaloud-toggle]").click()
        assert page.locator("[data-readaloud-why]").inner_text() == "This browser cannot read aloud."
        assert page.locator("audio[controls]").is_visible()
    finally:
        context.close()


def test_without_a_recording_either_the_citizen_is_told_so(chromium, demo_server):
    """A site served without the functions (or a language the server has no voice for)."""
    context, page, _ = open_service(chromium, demo_server.url, "de")
    try:
        page.locator("[data-readaloud-toggle]").wait_for(state="visible", timeout=15000)
        page.locator("[data-readaloud-toggle]").press("Enter")
        status = page.locator("[data-readaloud-recording-status]")
        status.filter(has_text="keine Aufnahme").wait_for()
        assert status.inner_text() == "Auch unser Server kann in dieser Sprache leider keine Aufnahme machen."
        assert not page.locator("audio").is_visible()
    finally:
        context.close()
