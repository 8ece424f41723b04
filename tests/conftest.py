"""Fixtures shared by the suites: the demo site, built once per test session and served locally.

The site is built as of ``BUILD_DAY`` so that the open-now samples of the browser tests (a public
holiday, the night the clocks change) fall inside its 120 days of opening-hours data.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import os
import threading
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
BUILD_DAY = dt.date(2027, 3, 1)
LANGS = ["de", "en", "ar"]
CHROMIUM = "/usr/bin/chromium"
"""Debian's Chromium (scripts/lib/system-packages.sh installs it); Playwright never downloads one."""
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
"""Flags that keep Chromium from reaching out to the network it cannot reach here (RECIPES.md)."""


def require(available: bool, what: str) -> None:
    """A missing tool fails the tests under CI=true (CI must have everything) and skips them elsewhere."""
    if available:
        return
    message = f"{what} is missing — ./scripts/test installs it when run as root"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def playwright():
    """The one Playwright of the session: the sync API allows only one per thread, so every
    browser suite launches its Chromium from this instance."""
    require(Path(CHROMIUM).exists(), f"Chromium ({CHROMIUM})")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as running:
        yield running


@pytest.fixture(scope="session")
def chromium(playwright):
    """Headless Debian Chromium, shared by the suites that need no special flags."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
        pass


class StaticServer:
    """Serves a folder on 127.0.0.1 on a free port, in a thread."""

    def __init__(self, root: Path):
        handler = functools.partial(_Quiet, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> "StaticServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory):
    """(site folder, catalogue) of the demo district in de, en and ar."""
    from civicat.mkdocs.build import build_site
    from civicat.catalogue import load

    catalogue = load(REPO / "catalogue")
    out = tmp_path_factory.mktemp("demo-site")
    build_site(REPO / "catalogue", out, languages=LANGS, today=BUILD_DAY, catalogue=catalogue)
    return out, catalogue


@pytest.fixture(scope="session")
def demo_server(demo_build):
    """The built demo site on http://127.0.0.1:<free port>."""
    with StaticServer(demo_build[0]) as running:
        yield running
