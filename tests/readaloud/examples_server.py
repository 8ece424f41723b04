"""Serves the read-aloud examples the way the site serves the component.

The examples live in the component's folder (``civicat/templates/components/readaloud/examples/``)
and are served at ``/components/readaloud/examples/de.html``; the site's bundles, made by the
renderer as for the built site, at ``/assets/civicat/civicat.js`` (core and the general
components), ``readaloud.js`` and ``civicat.css``. Example pages are jinja templates that call the
real macro (``components/readaloud/readaloud.html``), rendered here with that language's string
table (``civicat/i18n/<lang>.yaml``), autoescaping and StrictUndefined, so the tests check the
markup and scripts the site ships.

Preview in a browser:  .venv/bin/python -m tests.readaloud.examples_server
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jinja2

from civicat.render import ASSET_CSS, ASSET_JS, READALOUD_JS
from civicat.render.env import TEMPLATES_DIR, component_bundle
from civicat.render.strings import Strings

COMPONENT = TEMPLATES_DIR / "components" / "readaloud"
EXAMPLES_URL = "/components/readaloud/examples/"
ROOT = "../../../"  # from examples/ back to the web root, as a page's base_url
BUNDLES = {
    f"/{ASSET_JS}": ("text/javascript", lambda: component_bundle("js")),
    f"/{READALOUD_JS}": ("text/javascript", lambda: component_bundle("js", own="readaloud")),
    f"/{ASSET_CSS}": ("text/css", lambda: component_bundle("css")),
}


def strings(lang: str) -> dict:
    """The string table of ``lang``, as the theme gets it (``t``)."""
    return Strings(lang).data


def render_example(name: str) -> str:
    """The example page ``name`` (e.g. ``de.html``); its file name is its language."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR), autoescape=True, undefined=jinja2.StrictUndefined
    )
    lang = Path(name).stem
    template = env.get_template(f"components/readaloud/examples/{name}")
    return template.render(lang=lang, t=strings(lang), root=ROOT)


class Handler(SimpleHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        path = self.path.split("?", 1)[0]
        if path.startswith(EXAMPLES_URL) and path.endswith(".html"):
            name = path[len(EXAMPLES_URL):]
            if "/" in name or not (COMPONENT / "examples" / name).is_file():
                self.send_error(404)
                return
            self.answer("text/html", render_example(name))
            return
        if path in BUNDLES:
            kind, make = BUNDLES[path]
            self.answer(kind, make())
            return
        super().do_GET()

    def answer(self, kind: str, text: str) -> None:
        body = text.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass


def start(port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Serves on 127.0.0.1 (a free port by default); returns the server and its root URL."""
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(TEMPLATES_DIR)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="readaloud-examples", daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


if __name__ == "__main__":
    httpd, root = start(8765)
    for example in sorted((COMPONENT / "examples").glob("*.html")):
        print(f"{root}{EXAMPLES_URL}{example.name}   (dark: ?scheme=slate)")
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        httpd.shutdown()
