"""Without JavaScript: content, hours table, links and navigation work; nothing needs a script."""

from __future__ import annotations

import pytest


@pytest.fixture
def nojs(browser):
    ctx = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    yield ctx.new_page()
    ctx.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_a_service_page_shows_its_content_hours_and_office_without_javascript(server, nojs, page_paths, lang):
    nojs.goto(f"{server.url}/{lang}/{page_paths['service']}")
    assert nojs.locator("h1").is_visible()
    assert nojs.locator("#beantragen").is_visible()
    assert nojs.locator("table.cc-hours tbody tr").count() == 7
    assert nojs.locator("table.cc-hours").first.is_visible()
    assert nojs.locator(".cc-open").first.is_hidden()  # no open-now guess without the script
    assert nojs.locator("[data-cc-mail]").is_visible()  # sharing by e-mail still works
    assert nojs.locator("[data-cc-print]").is_hidden()


def test_navigation_and_links_work_without_javascript(server, nojs, page_paths):
    nojs.goto(f"{server.url}/de/")
    nojs.locator(".cc-nav a", has_text="Öffnungszeiten").click()
    nojs.wait_for_url("**/de/oeffnungszeiten/")
    assert nojs.locator("table.cc-hours").count() >= 1
    nojs.locator(".cc-lang__button").click()
    nojs.locator(".cc-lang__list a[hreflang=ar]").click()
    nojs.wait_for_url("**/ar/oeffnungszeiten/")
    assert nojs.locator("body").get_attribute("dir") == "rtl"
    nojs.locator(".cc-breadcrumbs a").first.click()
    nojs.wait_for_url("**/ar/")


def test_the_home_search_form_leads_to_the_a_to_z_list_without_javascript(server, nojs):
    nojs.goto(f"{server.url}/de/")
    nojs.fill("#cc-search-home", "Perso")
    nojs.locator(".cc-search button[type=submit]").click()
    nojs.wait_for_url("**/de/leistungen/?q=Perso")
    assert nojs.locator("h1").inner_text().replace("\u00ad", "") == "Leistungen A–Z"  # soft hyphens for phones


def test_the_root_page_sends_visitors_to_their_language_with_plain_links(server, nojs):
    nojs.goto(server.url + "/")
    nojs.locator("a[hreflang=en]").click()
    nojs.wait_for_url("**/en/")
    assert nojs.locator("html").get_attribute("lang") == "en"
