"""While `civicat serve` keeps the last good pages because a change has errors, every page of the
preview says so: a banner with file:line, what is wrong and the fix, in the page's language
(right to left in Arabic), reachable by keyboard, gone as soon as the file is fixed. A production
build carries none of it (tests/site/test_build.py)."""

from __future__ import annotations

import shutil

import pytest

from tests.browser.browser_support import axe, describe
from tests.serve.running import MINIMAL, civicat_serve

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture
def served(tmp_path):
    """`civicat serve` on the minimal catalogue, in German, English and Arabic."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(MINIMAL, catalogue)
    site = catalogue / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("languages: [de, en]", "languages: [de, en, ar]"), encoding="utf-8")
    with civicat_serve(tmp_path, copy=False) as running:
        yield running


def test_the_banner_shows_the_error_on_every_page_and_goes_when_the_file_is_fixed(served, chromium):
    base, catalogue, _, _ = served
    service = catalogue / "services" / "hundesteuer.yaml"
    good = service.read_text(encoding="utf-8")
    context = chromium.new_context()
    tab = context.new_page()
    tab.goto(f"{base}/de/leistungen/hundesteuer/")
    assert tab.locator("#cc-preview").count() == 0

    service.write_text(good.replace("offices: [rathaus]", "offices: [rathauz]"), encoding="utf-8")
    banner = tab.locator("#cc-preview")
    banner.wait_for(state="visible", timeout=30_000)
    text = banner.inner_text()
    assert "Vorschau: 1 Fehler im Katalog" in text
    assert "catalogue/services/hundesteuer.yaml:10:11" in text
    assert 'offices[0]: there is no office with id "rathauz"' in text and 'did you mean "rathaus"?' in text
    assert banner.get_attribute("lang") == "de"
    assert tab.locator("#cc-preview [role=alert]").count() == 1
    assert "Hund anmelden" in tab.locator("h1").inner_text()  # the last good page stays

    tab.keyboard.press("Tab")  # the banner comes first: its link is the first stop of the keyboard
    assert tab.evaluate("document.activeElement.textContent") == "Zu den Fehlern"
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "cc-preview-errors"
    violations = axe(tab)
    assert violations == [], describe(violations)

    arabic = context.new_page()  # another page, another language
    arabic.goto(f"{base}/ar/dienststellen/rathaus/")
    rtl = arabic.locator("#cc-preview")
    rtl.wait_for(state="visible", timeout=10_000)
    assert rtl.get_attribute("dir") == "rtl" and rtl.get_attribute("lang") == "ar"
    assert "معاينة: خطأ واحد في الكتالوج" in rtl.inner_text()  # Arabic names one error in words
    assert "hundesteuer.yaml:10:11" in rtl.inner_text()

    service.write_text(good, encoding="utf-8")
    banner.wait_for(state="detached", timeout=30_000)
    rtl.wait_for(state="detached", timeout=10_000)
    context.close()
