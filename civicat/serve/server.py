"""``civicat serve``: the embedded default — the built site and the forms API on one port.

The static site is served from the build folder; ``/api/*`` is forwarded (prefix stripped) to the
functions' local server (Chalice app, SQLite store, outbox folder), which runs as a child process
so that the functions stay independent of civicat. The catalogue folder is watched: an edited
service is written again on its own in a fraction of a second, any other change rebuilds the site
(``civicat.serve.preview``); a failed check keeps the last good site and prints the errors.
"""

from __future__ import annotations

import http.client
import os
import secrets
import signal
import stat
import subprocess
import sys
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade", "host", "content-length"}


class Handler(SimpleHTTPRequestHandler):
    """Static files, plus a small reverse proxy for the forms API under /api."""

    api_port = 0
    disable_nagle_algorithm = True  # answer small responses at once (see RECIPES.md on chalice local)
    protocol_version = "HTTP/1.1"
    _local = threading.local()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        if os.environ.get("CIVICAT_SERVE_LOG"):
            super().log_message(format, *args)

    def end_headers(self) -> None:
        if not self.path.startswith("/api/"):
            self.send_header("Cache-Control", "no-cache")  # a preview must show the latest build
        super().end_headers()

    def _proxy(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        headers["X-Forwarded-For"] = self.client_address[0]
        headers["X-Forwarded-Prefix"] = "/api"
        for attempt in (1, 2):
            conn = getattr(self._local, "conn", None)
            if conn is None:
                conn = self._local.conn = http.client.HTTPConnection("127.0.0.1", self.api_port, timeout=30)
            try:
                conn.request(self.command, self.path[len("/api"):] or "/", body=body, headers=headers)
                response = conn.getresponse()
                data = response.read()
                break
            except (ConnectionError, http.client.HTTPException, OSError):
                conn.close()
                self._local.conn = None
                if attempt == 2:
                    self.send_error(502, "The forms service is not running; see the terminal of ./scripts/serve")
                    return
        self.send_response(response.status)
        for key, value in response.getheaders():
            if key.lower() not in HOP_BY_HOP:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def finish(self) -> None:
        """Close this thread's connection to the API when the visitor's connection ends."""
        try:
            super().finish()
        finally:
            conn = getattr(self._local, "conn", None)
            if conn is not None:
                conn.close()
                self._local.conn = None

    def do_GET(self) -> None:  # noqa: N802 - stdlib naming
        if self.path.startswith("/api/"):
            return self._proxy()
        return super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if self.path.startswith("/api/"):
            return self._proxy()
        return super().do_HEAD()

    def do_POST(self) -> None:  # noqa: N802
        if self.path.startswith("/api/"):
            return self._proxy()
        self.send_error(405)

    do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_POST  # noqa: N815


def start_api(port: int, var: Path, staff_token: str, contract: Path) -> subprocess.Popen:
    """The functions' local server as a child process (SQLite store, outbox and uploads under ``var``)."""
    var.mkdir(parents=True, exist_ok=True)
    secret_file = var / "secret"
    if not secret_file.exists():  # salts the pseudonymised client addresses of the rate limiter
        secret_file.write_text(secrets.token_hex(16), encoding="utf-8")
    env = {
        **os.environ,
        "CIVICAT_STORE": os.environ.get("CIVICAT_STORE", f"sqlite:///{(var / 'submissions.db').resolve()}"),
        "CIVICAT_NOTIFIER": os.environ.get("CIVICAT_NOTIFIER", "outbox"),
        "CIVICAT_OUTBOX_DIR": str((var / "outbox").resolve()),
        "CIVICAT_UPLOADS": f"file:///{(var / 'uploads').resolve()}",
        "CIVICAT_FORMS": str(contract.resolve()),
        "CIVICAT_STAFF_TOKEN": staff_token,
        "CIVICAT_SECRET": secret_file.read_text(encoding="utf-8").strip(),
        # Our proxy is the one hop in front of the API and sets X-Forwarded-For to the visitor's
        # address; without this every visitor would share the rate limit of 127.0.0.1.
        "CIVICAT_TRUSTED_PROXIES": "1",
    }
    return subprocess.Popen([sys.executable, str(REPO / "functions" / "local_server.py"), "--port", str(port)], env=env)


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file's modification time and size (a save within one clock tick still changes the size)."""
    found = {}
    for path in folder.rglob("*"):
        try:
            info = path.stat()
        except FileNotFoundError:  # deleted while we looked
            continue
        if stat.S_ISREG(info.st_mode):
            found[str(path)] = (info.st_mtime_ns, info.st_size)
    return found


def watch(catalogue: Path, rebuild, stop: threading.Event, interval: float = 0.3, idle=None) -> None:
    """Poll the catalogue's files (works on every OS and editor save strategy) and rebuild on change.
    Between looks, ``idle(seconds)`` may do deferred work for about that long; it says whether
    more is left (then the next look comes at once)."""
    before = _snapshot(catalogue)
    more = False
    while not stop.wait(0 if more else interval):
        now = _snapshot(catalogue)
        if now != before:
            changed = sorted({k for k in now if now.get(k) != before.get(k)} | (before.keys() - now.keys()))
            before = now
            rebuild(changed)
        more = bool(idle and idle(interval))


def serve(catalogue: Path, out: Path, host: str, port: int, api_port: int | None, var: Path) -> int:
    from .preview import Preview

    preview = Preview(catalogue, out, var / "forms.json")
    contract = preview.contract
    build = preview.build

    if not build():
        return 1
    token = os.environ.get("CIVICAT_STAFF_TOKEN") or secrets.token_urlsafe(24)
    api_port = api_port or _free_port()
    api = start_api(api_port, var, token, contract)
    Handler.api_port = api_port
    server = ThreadingHTTPServer((host, port), partial(Handler, directory=str(out)))
    server.daemon_threads = True
    stop = threading.Event()
    threading.Thread(target=watch, args=(catalogue, preview.changed, stop), kwargs={"idle": preview.idle}, daemon=True).start()
    print(f"civicat serve: site on http://{host}:{port}/  ·  forms API on http://{host}:{port}/api/\n"
          f"  submissions: {var / 'submissions.db'}  ·  mails: {var / 'outbox'}/\n"
          f"  staff token: {token}  (Authorization: Bearer …)\n"
          f"  editing {catalogue}/ rebuilds the site. Ctrl+C stops.", file=sys.stderr)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
        stop_api(api)
    return 0


def stop_api(api: subprocess.Popen, timeout: float = 5) -> None:
    """End the API child (it ends its delivery worker); kill it if it does not end in time."""
    api.terminate()
    try:
        api.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        api.kill()
        api.wait()


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the server as Ctrl+C does, and ends the API child
