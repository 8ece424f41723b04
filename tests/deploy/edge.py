"""A stand-in for CloudFront in front of the built site and the functions, for browser tests.

``civicat serve``'s own handler serves the files and sends ``/api/*`` to the functions' local
server. On top of it, as the generated stack's distribution does: the site policy's response
headers on every file (replacing whatever the origin sent), the API policy's headers on the
functions' answers where those lack them, and for a missing file the site's ``/404.html`` with
status 404.
"""

from __future__ import annotations

import functools
import os
import socket
import threading
import time
import urllib.request
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from unittest import mock

from civicat.deploy.headers import http_headers
from tests.forms_ui.support import MIN_FILL_SECONDS

UPLOAD_HOSTS = {"AttachmentsBucket.DomainName": "hainbach-attachments.s3.amazonaws.com",
                "AttachmentsBucket.RegionalDomainName": "hainbach-attachments.s3.eu-central-1.amazonaws.com"}
"""Where the CSP lets the form's script post files (the attachments bucket of a deployment)."""


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


@contextmanager
def running_edge(site: Path, catalogue, resources: dict, root: Path):
    """Yields the address of the site and API behind one origin, with the stack's headers."""
    from civicat import contract as forms
    from civicat.serve.server import Handler, start_api, stop_api

    contract = forms.write(catalogue, root / "forms.json")
    settings = {"CIVICAT_MIN_FILL_SECONDS": str(MIN_FILL_SECONDS), "CIVICAT_RATE_LIMIT": "off",
                "CIVICAT_HOUSEKEEPING_SECONDS": "3600", "CIVICAT_PUBLIC_API_URL": "/api"}
    with mock.patch.dict(os.environ, settings):
        for name in ("CIVICAT_STORE", "CIVICAT_NOTIFIER", "CIVICAT_SITE_URL", "CIVICAT_DELIVERY"):
            os.environ.pop(name, None)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            api_port = probe.getsockname()[1]
        api = start_api(api_port, root / "var", "edge-test-token", contract)
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

        def policy(name: str):
            return http_headers(resources[name]["Properties"]["ResponseHeadersPolicyConfig"], UPLOAD_HOSTS)

        handler = edge_handler(type("Proxy", (Handler,), {"api_port": api_port}), policy("SiteHeaders"),
                               policy("ApiHeaders"))
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
        server.daemon_threads = True
        server.block_on_close = False
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()
    finally:
        stop_api(api, timeout=10)
