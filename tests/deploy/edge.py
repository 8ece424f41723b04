"""A stand-in for CloudFront in front of the built site and the functions, for browser tests.

``civicat serve``'s port (``civicat.serve.server.Served``: the site's files, and ``/api/*`` to the
functions) is the origin. In front of it, as the generated stack's distribution does: the site
policy's response headers on every file (replacing whatever the origin sent), the API policy's
headers on the functions' answers where those lack them, and for a missing file the site's
``/404.html`` with status 404.
"""

from __future__ import annotations

import http.client
import os
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from unittest import mock

from civicat.deploy.headers import http_headers
from tests.forms_ui.support import MIN_FILL_SECONDS

UPLOAD_HOSTS = {"AttachmentsBucket.DomainName": "hainbach-attachments.s3.amazonaws.com",
                "AttachmentsBucket.RegionalDomainName": "hainbach-attachments.s3.eu-central-1.amazonaws.com"}
"""Where the CSP lets the form's script post files (the attachments bucket of a deployment)."""
NOT_FORWARDED = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


def edge_handler(origin: tuple[str, int], site: Path, site_headers, api_headers):
    class Edge(BaseHTTPRequestHandler):
        """Forwards to the origin with CloudFront's response headers and not-found page."""

        protocol_version = "HTTP/1.1"

        def log_message(self, format, *args):  # noqa: A002 - stdlib signature
            pass

        def handle_one_request(self):
            self.raw_requestline = self.rfile.readline(65537)
            if not self.raw_requestline:
                self.close_connection = True
                return
            if not self.parse_request():
                return
            self.forward()
            self.wfile.flush()

        def forward(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else None
            headers = {k: v for k, v in self.headers.items() if k.lower() not in NOT_FORWARDED}
            conn = http.client.HTTPConnection(*origin, timeout=30)
            try:
                conn.request(self.command, self.path, body=body, headers=headers)
                answer = conn.getresponse()
                status, data = answer.status, answer.read()
                received = [(k, v) for k, v in answer.getheaders() if k.lower() not in NOT_FORWARDED]
            finally:
                conn.close()
            api = self.path.startswith("/api/")
            page = site / "404.html"
            if status == 404 and not api and page.exists():
                data, received = page.read_bytes(), [("Content-Type", "text/html; charset=utf-8")]
            policy = api_headers if api else site_headers
            overridden = {name.lower() for name, _, override in policy if override}
            sent = set()
            self.send_response(status)
            for name, value in received:
                if name.lower() not in overridden and name.lower() not in ("server", "date"):
                    self.send_header(name, value)
                    sent.add(name.lower())
            for name, value, override in policy:
                if override or name.lower() not in sent:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)

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
    from civicat.serve.server import Served

    contract = forms.write(catalogue, root / "forms.json")
    settings = {"CIVICAT_MIN_FILL_SECONDS": str(MIN_FILL_SECONDS), "CIVICAT_RATE_LIMIT": "off",
                "CIVICAT_HOUSEKEEPING_SECONDS": "3600", "CIVICAT_PUBLIC_API_URL": "/api"}
    with mock.patch.dict(os.environ, settings):
        for name in ("CIVICAT_STORE", "CIVICAT_NOTIFIER", "CIVICAT_SITE_URL", "CIVICAT_DELIVERY"):
            os.environ.pop(name, None)
        served = Served(site, root / "var", "edge-test-token", contract).start()
    try:
        served.wait_ready()

        def policy(name: str):
            return http_headers(resources[name]["Properties"]["ResponseHeadersPolicyConfig"], UPLOAD_HOSTS)

        handler = edge_handler((served.host, served.port), Path(site), policy("SiteHeaders"), policy("ApiHeaders"))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        server.daemon_threads = True
        server.block_on_close = False
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()
    finally:
        served.stop()
