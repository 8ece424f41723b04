"""Browser tests: the demo catalogue is built once per session and served on 127.0.0.1.

The site is built as of ``BUILD_DAY`` and every page's clock is set to ``NOW`` (an open hour), so
open-now badges show and the samples below (a public holiday, the night clocks change) are inside
the 120 days of open-now data.
"""

from __future__ import annotations

import pytest

from tests.conftest import LANGS  # noqa: F401 - the browser tests import it from here

NOW = "2027-03-02T10:00:00+01:00"


@pytest.fixture(scope="session")
def demo(demo_build):
    return demo_build


@pytest.fixture(scope="session")
def server(demo_server):
    return demo_server


@pytest.fixture(scope="session")
def browser(chromium):
    return chromium


@pytest.fixture(scope="session")
def page_paths(demo):
    """One page of every type: {type: path relative to the language root}."""
    _, cat = demo
    service = "personalausweis" if "personalausweis" in cat.services else next(iter(cat.services))
    office = cat.site.main_office or next(iter(cat.offices))
    form = next(iter(cat.forms))
    return {
        "home": "", "service": f"leistungen/{service}/", "a-z": "leistungen/", "office": f"dienststellen/{office}/",
        "offices": "dienststellen/", "hours": "oeffnungszeiten/", "contact": "kontakt/",
        "topics": "themen/", "topic": f"themen/{cat.topics.topics[0].id}/",
        "life": f"lebenslagen/{cat.topics.life_situations[0].id}/", "audience": f"zielgruppen/{cat.topics.audiences[0].id}/",
        "forms": "formulare/", "form": f"formulare/{form}/",
        "markdown": f"{cat.site.pages.accessibility}/", "open-data": "offene-daten/",
    }


@pytest.fixture
def context(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    tab = context.new_page()
    tab.clock.set_fixed_time(NOW)
    return tab


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
