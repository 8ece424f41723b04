"""The form pages against the real stack, as ``civicat serve`` runs it: the demo site built once,
served with the functions' app under ``/api`` by ``civicat.serve.server.Served`` (one waitress
process for both — SQLite store, outbox folder, local uploads, the contract compiled from the demo
catalogue, the one the pages are rendered from — and the mail delivery worker beside it), with the
site's frame for the API's own pages beside that contract, on 127.0.0.1, and one Chromium for the
session.

Two settings differ from ``civicat serve`` to keep the suite fast: the minimum fill time is 1 s
(``CIVICAT_MIN_FILL_SECONDS``; tests that submit wait past it) and the rate limit is off.
"""

from __future__ import annotations

import pytest

from .support import REPO, served_stack


@pytest.fixture(scope="session")
def pki():
    """The signature tests' PKI: the API trusts its root (``CIVICAT_TRUST_ANCHORS``)."""
    from tests.functions.signatures.pki import make_pki

    return make_pki()


@pytest.fixture(scope="session")
def stack(tmp_path_factory, pki):
    from civicat.catalogue import load
    from civicat.mkdocs.build import build_site

    root = tmp_path_factory.mktemp("forms-ui")
    catalogue = load(REPO / "catalogue")
    build_site(REPO / "catalogue", root / "site", catalogue=catalogue)
    anchors = pki.write_anchors(root / "trust-anchors")
    with served_stack(root / "site", catalogue, root, {"CIVICAT_TRUST_ANCHORS": str(anchors)}) as running:
        yield running


@pytest.fixture(scope="session")
def browser(chromium):
    """The session's shared Chromium (tests/conftest.py: one Playwright per session)."""
    return chromium


VIEWPORT = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def js_context(browser):
    """JavaScript on; the function's pages carry a CSP, which axe must be let past. One context
    for the session (contexts are slow to make); each test gets its own page."""
    context = browser.new_context(viewport=VIEWPORT, bypass_csp=True)
    yield context
    context.close()


@pytest.fixture(scope="session")
def nojs_context(browser):
    context = browser.new_context(viewport=VIEWPORT, java_script_enabled=False)
    yield context
    context.close()


@pytest.fixture
def js(js_context):
    page = js_context.new_page()
    yield page
    page.close()


@pytest.fixture
def nojs(nojs_context):
    page = nojs_context.new_page()
    yield page
    page.close()


@pytest.fixture
def scriptless(js_context):
    """JavaScript on, but the site's script blocked: the no-JavaScript flow in a page axe can run in
    (axe is a script; it cannot run where JavaScript is off)."""
    page = js_context.new_page()
    page.route("**/assets/civicat/*.js", lambda route: route.abort())  # civicat.js and forms.js
    yield page
    page.close()
