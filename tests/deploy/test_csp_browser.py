"""Every kind of page, in every language, in Chromium with exactly the headers CloudFront adds
(the response headers policies of the generated stack): no Content-Security-Policy violation.

The built demo site and the functions' local server sit behind one origin, as behind CloudFront:
``civicat serve``'s own proxy sends ``/api/*`` to the functions, and this stand-in for CloudFront
adds the site policy's headers to every file (they replace anything the origin sent) and the API
policy's headers to the functions' answers where those lack them; a missing file gets the site's
``/404.html`` with status 404, as the distribution's error response does. Chromium reports each
violation as a ``securitypolicyviolation`` event and as a console error; both are collected.
"""

from __future__ import annotations

import functools
import re
import os
import threading
import time
import urllib.request
from http.server import ThreadingHTTPServer
from pathlib import Path
from unittest import mock

import pytest

from civicat.deploy.headers import http_headers
from tests.conftest import LANGS, REPO
from tests.forms_ui.support import MIN_FILL_SECONDS, fill_contact_form

pytestmark = [pytest.mark.browser, pytest.mark.slow]

UPLOAD_HOSTS = {"AttachmentsBucket.DomainName": "hainbach-attachments.s3.amazonaws.com",
                "AttachmentsBucket.RegionalDomainName": "hainbach-attachments.s3.eu-central-1.amazonaws.com"}
LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.effectiveDirective + " blocked " + (e.blockedURI || "inline") + " at " +
                    (e.sourceFile || location.pathname) + ":" + e.lineNumber + " " + (e.sample || ""));
});
"""


def edge_handler(base, site_headers, api_headers):
    class Edge(base):
        """civicat serve's handler with CloudFront's response headers and not-found page."""

        def send_header(self, keyword, value):
            self.__dict__.setdefault("sent", set()).add(keyword.lower())
            super().send_header(keyword, value)

        def end_headers(self):
            policy = api_headers if self.path.startswith("/api/") else site_headers
            sent = self.__dict__.pop("sent", set())
            for name, value, override in policy:
                if override or name.lower() not in sent:
                    super().send_header(name, value)
            super().end_headers()

        def send_error(self, code, message=None, explain=None):
            page = Path(self.directory) / "404.html"
            if code == 404 and not self.path.startswith("/api/") and page.exists():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
            super().send_error(code, message, explain)

    return Edge


@pytest.fixture(scope="module")
def edge(demo_build, resources, tmp_path_factory):
    from civicat import contract as forms
    from civicat.serve.server import Handler, start_api, stop_api

    site, catalogue = demo_build
    root = tmp_path_factory.mktemp("edge")
    contract = forms.write(catalogue, root / "forms.json")
    settings = {"CIVICAT_MIN_FILL_SECONDS": str(MIN_FILL_SECONDS), "CIVICAT_RATE_LIMIT": "off",
                "CIVICAT_HOUSEKEEPING_SECONDS": "3600", "CIVICAT_PUBLIC_API_URL": "/api"}
    with mock.patch.dict(os.environ, settings):
        for name in ("CIVICAT_STORE", "CIVICAT_NOTIFIER", "CIVICAT_SITE_URL", "CIVICAT_DELIVERY"):
            os.environ.pop(name, None)
        import socket

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            api_port = probe.getsockname()[1]
        api = start_api(api_port, root / "var", "csp-test-token", contract)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{api_port}/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or api.poll() is not None:
                    raise
                time.sleep(0.1)
        policy = lambda name: http_headers(resources[name]["Properties"]["ResponseHeadersPolicyConfig"], UPLOAD_HOSTS)  # noqa: E731
        handler = edge_handler(type("Proxy", (Handler,), {"api_port": api_port}), policy("SiteHeaders"), policy("ApiHeaders"))
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        server.daemon_threads = True
        server.block_on_close = False
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}", site
        finally:
            server.shutdown()
            server.server_close()
    finally:
        stop_api(api, timeout=10)


@pytest.fixture(scope="module")
def context(chromium):
    ctx = chromium.new_context(viewport={"width": 1280, "height": 900})
    ctx.add_init_script(LISTEN)
    yield ctx
    ctx.close()


@pytest.fixture
def tab(context):
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda message: message.type in ("error", "warning") and page.console_errors.append(message.text))
    yield page
    page.close()


def violations(page) -> list[str]:
    reported = page.evaluate("window.__csp || []")
    console = [text for text in page.console_errors if "Content Security Policy" in text or "Content-Security-Policy" in text]
    return reported + console


def by_kind(found: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each distinct violation (addresses left out) with the pages it happened on."""
    kinds: dict[str, list[str]] = {}
    for path, texts in found.items():
        for text in texts:
            kinds.setdefault(re.sub(r"https?://127\.0\.0\.1:\d+/\S*?(:\d+)?(?=\s|$)", "<page>", text)[:300], []).append(path)
    return kinds


def page_types(site: Path, lang: str) -> list[str]:
    """One page of each kind the build writes: the language's home, each section's index, its
    first page and that page's first sub-page (a form's thank-you page)."""
    paths = [f"{lang}/"]
    for section in sorted(d for d in (site / lang).iterdir() if (d / "index.html").is_file()):
        paths.append(f"{lang}/{section.name}/")
        level = section
        for _ in range(2):
            level = next((d for d in sorted(level.iterdir()) if (d / "index.html").is_file()), None)
            if level is None:
                break
            paths.append(f"{lang}/{level.relative_to(site / lang).as_posix()}/")
    return paths


def test_the_policy_in_the_test_is_the_stacks(edge):
    url, _ = edge
    with urllib.request.urlopen(url + "/de/", timeout=10) as answer:
        policy = answer.headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'self'; script-src 'self'; style-src 'self'")
    assert "hainbach-attachments.s3.amazonaws.com" in policy


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_of_page_loads_without_a_csp_violation(edge, tab, lang):
    url, site = edge
    found = {}
    pages = page_types(site, lang) + ([""] if lang == LANGS[0] else []) + [f"{lang}/gibt-es-nicht/"]
    for path in pages:
        tab.console_errors.clear()
        answer = tab.goto(f"{url}/{path}", wait_until="load")
        assert answer.status == (404 if "gibt-es-nicht" in path else 200), path
        if violations(tab):
            found[path] = violations(tab)
    assert len(pages) > 15
    kinds = by_kind(found)
    assert not kinds, "\n".join(f"{kind}  ({len(where)} pages, e.g. {where[0]})" for kind, where in kinds.items())


@pytest.mark.parametrize("lang", LANGS)
def test_searching_loads_materials_script_without_a_csp_violation(edge, tab, lang):
    url, _ = edge
    tab.goto(f"{url}/{lang}/", wait_until="load")
    tab.locator(".md-search__input").first.click()
    tab.wait_for_function("() => document.querySelector('script[src*=\"bundle.\"]') !== null")
    tab.locator(".md-search__input").first.fill("Hund" if lang == "de" else "dog" if lang == "en" else "كلب")
    tab.wait_for_selector(".md-search-result__meta", state="attached")
    tab.wait_for_timeout(300)
    assert violations(tab) == []


def test_a_form_sent_with_javascript_and_its_confirmation_raise_no_csp_violation(edge, tab):
    url, _ = edge
    tab.goto(f"{url}/de/formulare/kontakt/", wait_until="load")
    tab.wait_for_selector("form[data-cc-started~=form]", state="attached")
    opened = time.monotonic()
    fill_contact_form(tab, "Eine Nachricht, die den CSP-Test durchläuft.")
    time.sleep(max(0.0, MIN_FILL_SECONDS + 0.2 - (time.monotonic() - opened)))
    tab.locator("[data-cc-submit]").click()
    tab.locator(".cc-panel__title").wait_for()
    assert violations(tab) == []


def test_the_functions_own_pages_raise_no_csp_violation_and_keep_their_style(edge, tab):
    """The form again with errors (422), the status page after a post (303), and the not-found
    page of a status link: the pages a browser without JavaScript gets from the functions."""
    url, _ = edge
    seen = {}
    for label, fill in (("errors", lambda: None),
                        ("status", lambda: fill_contact_form(tab, "Eine Nachricht ohne JavaScript gesendet."))):
        tab.goto(f"{url}/de/formulare/kontakt/", wait_until="load")
        fill()
        time.sleep(MIN_FILL_SECONDS + 0.2)
        tab.console_errors.clear()
        with tab.expect_navigation():
            tab.evaluate("document.querySelector('form.cc-form').submit()")  # the form's own post, no script
        assert "/api/" in tab.url, label
        seen[label] = (violations(tab), tab.evaluate("getComputedStyle(document.body).fontFamily"))
    tab.console_errors.clear()
    answer = tab.goto(f"{url}/api/status/HBN-2027-AAAAA?token=wrong", wait_until="load")
    assert answer.status == 404
    seen["unknown status"] = (violations(tab), tab.evaluate("getComputedStyle(document.body).fontFamily"))
    assert {label: found for label, (found, _) in seen.items() if found} == {}
    assert {label: font.startswith("system-ui") for label, (_, font) in seen.items()} == dict.fromkeys(seen, True)
