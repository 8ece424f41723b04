"""Serves the read-aloud examples the way the site serves the component.

The theme folder is the web root, as mkdocs copies it into each language's site: the script is at
``/components/readaloud/readaloud.js`` and the example ``examples/de.html`` at
``/components/readaloud/examples/de.html``. Example pages are jinja templates that include the real
partial (``partials/readaloud.html``), rendered here with that language's strings from
``strings.yaml``, autoescaping and StrictUndefined, so the tests check the markup the site ships.

Preview in a browser:  .venv/bin/python -m tests.readaloud.examples_server
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jinja2
import yaml

THEME = Path(__file__).resolve().parents[2] / "theme"
COMPONENT = THEME / "components" / "readaloud"
EXAMPLES_URL = "/components/readaloud/examples/"
BASE_URL = "../../../"  # from examples/ back to the web root, like mkdocs' base_url


def strings() -> dict:
    return yaml.safe_load((COMPONENT / "strings.yaml").read_text(encoding="utf-8"))


def render_example(name: str) -> str:
    """The example page ``name`` (e.g. ``de.html``); its file name is its language."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(THEME), autoescape=True, undefined=jinja2.StrictUndefined
    )
    lang = Path(name).stem
    template = env.get_template(f"components/readaloud/examples/{name}")
    return template.render(lang=lang, t=strings()[lang], base_url=BASE_URL)


class Handler(SimpleHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's naming)
        path = self.path.split("?", 1)[0]
        if path.startswith(EXAMPLES_URL) and path.endswith(".html"):
            name = path[len(EXAMPLES_URL):]
            if "/" in name or not (COMPONENT / "examples" / name).is_file():
                self.send_error(404)
                return
            body = render_example(name).encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass


def start(port: int = 0) -> tuple[ThreadingHTTPServer, str]:
    """Serves on 127.0.0.1 (a free port by default); returns the server and its root URL."""
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=str(THEME)))
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
