"""Serve the forms API locally: ``python functions/local_server.py --port 8001``.

Chalice's ``LocalGateway`` (the same request/response translation ``chalice local`` uses) behind
the standard library's ``ThreadingHTTPServer``, bound to 127.0.0.1 only. Two differences from
``chalice local``:

- ``disable_nagle_algorithm = True`` on the handler: ``chalice local`` writes headers and body
  in two packets, and with Nagle's algorithm on a keep-alive connection every request then
  stalls ~40 ms waiting for a delayed ACK (see RECIPES.md);
- one shared gateway for all connections, and a thread-safe app (``chalicelib.appbase``).

Local defaults (each only if the variable is not set): SQLite in ``var/submissions.db``, mails as
``.eml`` files in ``var/outbox/``, attachments in ``var/uploads/`` — all relative to the
repository root — and a fresh staff token, printed at start. ``scripts/serve`` proxies ``/api/*``
to this server and strips ``/api``; links we hand out therefore start with
``CIVICAT_PUBLIC_API_URL`` (default ``/api``). A background thread runs the scheduled
housekeeping (notification retries, retention) every ``CIVICAT_HOUSEKEEPING_SECONDS`` (300).
"""
import argparse
import base64
import os
import secrets
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
# Largest body the server reads at all; the app applies the real per-route limits below this.
MAX_BODY_BYTES = 16 * 1024 * 1024


def apply_local_defaults(environ=os.environ) -> str | None:
    """Set the local defaults; returns the staff token if one was generated."""
    var = os.path.join(ROOT, "var")
    environ.setdefault("CIVICAT_STORE", "sqlite:///" + os.path.join(var, "submissions.db"))
    environ.setdefault("CIVICAT_NOTIFIER", "outbox")
    environ.setdefault("CIVICAT_OUTBOX_DIR", os.path.join(var, "outbox"))
    environ.setdefault("CIVICAT_UPLOADS", "file:///" + os.path.join(var, "uploads"))
    environ.setdefault("CIVICAT_DELIVERY", "worker")
    environ.setdefault("CIVICAT_LOG_LEVEL", "warning")  # a terminal shows problems, not every request
    generated = None
    if not environ.get("CIVICAT_STAFF_TOKEN"):
        generated = environ["CIVICAT_STAFF_TOKEN"] = secrets.token_urlsafe(24)
    return generated


class Handler(BaseHTTPRequestHandler):
    """Maps one HTTP request to the Lambda-style call ``LocalGateway`` makes into the app."""

    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    gateway = None  # set by make_server

    def log_message(self, format, *args):  # quiet by default; CIVICAT_ACCESS_LOG=1 to see
        if os.environ.get("CIVICAT_ACCESS_LOG"):
            super().log_message(format, *args)

    def _declared_length(self) -> int | None:
        raw = self.headers.get("Content-Length")
        if raw is None:
            return 0
        return int(raw) if raw.strip().isdigit() else None

    def handle_expect_100(self):
        length = self._declared_length()
        if length is None or length > MAX_BODY_BYTES:
            self._send(413, {"Content-Type": "application/json"},
                       b'{"errors": [{"field": null, "message": "Request body too large"}]}')
            self.close_connection = True
            return False
        return super().handle_expect_100()

    def _handle(self):
        from chalice.local import LocalGatewayException

        length = self._declared_length()
        if length is None or length > MAX_BODY_BYTES:
            # Refuse without reading; the client gets its answer and the connection closes.
            self.close_connection = True
            self._send(413, {"Content-Type": "application/json", "Connection": "close"},
                       b'{"errors": [{"field": null, "message": "Request body too large"}]}')
            return
        body = self.rfile.read(length) if length else None
        headers = dict(self.headers)
        try:
            response = self.gateway.handle_request(method=self.command, path=self.path,
                                                   headers=headers, body=body)
        except LocalGatewayException as error:
            self._send(error.CODE, dict(error.headers or {}), error.body or b"")
            return
        out = dict(response.get("headers") or {})
        out.update(response.get("multiValueHeaders") or {})
        payload = response.get("body") or b""
        if response.get("isBase64Encoded"):
            payload = base64.b64decode(payload)
        self._send(response["statusCode"], out, payload)

    def _send(self, status: int, headers: dict, body) -> None:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() == "content-length":
                continue
            for one in value if isinstance(value, list) else [value]:
                self.send_header(name, str(one))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = do_HEAD = _handle


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # bursts of parallel clients (the load test opens 20 at once)


def make_server(port: int, host: str = "127.0.0.1") -> Server:
    """Build (not start) the server; imports the app, so call apply_local_defaults first."""
    sys.path.insert(0, HERE)
    from chalice.config import Config
    from chalice.local import LocalGateway

    from app import app

    handler = type("CivicatHandler", (Handler,), {
        "gateway": LocalGateway(app, Config.create(chalice_app=app, app_name=app.app_name))})
    return Server((host, port), handler)


def start_housekeeping(stop: threading.Event) -> threading.Thread:
    interval = float(os.environ.get("CIVICAT_HOUSEKEEPING_SECONDS", "300"))

    def loop():
        from chalicelib.housekeeping import run

        while not stop.wait(interval):
            try:
                run()
            except Exception as error:  # keep serving; the next round tries again
                print(f"housekeeping failed: {error}", file=sys.stderr, flush=True)

    thread = threading.Thread(target=loop, name="housekeeping", daemon=True)
    thread.start()
    return thread


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8001, help="0 picks a free port")
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to bind (keep 127.0.0.1: this server is for development)")
    parser.add_argument("--public-api-url", default=None,
                        help="how the site reaches this API (default /api, the proxy's prefix)")
    parser.add_argument("--deliver", type=int, metavar="SERVER_PID", default=None,
                        help="run as the mail delivery worker the server starts beside itself")
    args = parser.parse_args(argv)
    if args.deliver is not None:
        sys.path.insert(0, HERE)
        return deliver_forever(args.deliver)
    if args.public_api_url is not None:
        os.environ["CIVICAT_PUBLIC_API_URL"] = args.public_api_url
    token = apply_local_defaults()
    server = make_server(args.port, args.host)
    stop = threading.Event()
    start_housekeeping(stop)

    def shut_down(signum, frame):
        stop.set()
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, shut_down)
    signal.signal(signal.SIGINT, shut_down)
    host, port = server.server_address[:2]
    print(f"civicat forms API on http://{host}:{port}", flush=True)
    print(f"  store:    {os.environ['CIVICAT_STORE']}", flush=True)
    print(f"  notifier: {os.environ.get('CIVICAT_NOTIFIER')} "
          f"{os.environ.get('CIVICAT_OUTBOX_DIR', '')}", flush=True)
    if token:
        print(f"  staff token (generated, CIVICAT_STAFF_TOKEN): {token}", flush=True)
    worker = start_delivery_worker() if os.environ.get("CIVICAT_DELIVERY") == "worker" else None
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        server.server_close()
        if worker is not None:
            worker.terminate()  # it finishes the mail in hand; the rest stays pending in the store
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:
                worker.kill()
    return 0


def start_delivery_worker() -> "subprocess.Popen":
    """The mail delivery process (``python local_server.py --deliver``), beside the API."""
    return subprocess.Popen([sys.executable, os.path.abspath(__file__), "--deliver", str(os.getpid())],
                            env=dict(os.environ))


def deliver_forever(parent: int, interval: float = 0.2) -> int:
    """Send stored submissions' mails as they arrive, and check the electronic signatures of
    uploaded PDFs (so neither the answer to a submission nor to an upload waits for that work);
    stop cleanly on SIGTERM, and at once when the server ``parent`` is gone (its pid is passed
    in: a server killed while this process was still starting would otherwise go unnoticed, the
    worker being re-parented before it looked)."""
    from chalicelib.notify.delivery import deliver_fresh as deliver_mails
    from chalicelib.signatures.checks import run_due as check_signatures

    def deliver_fresh() -> int:
        # Signatures first: a citizen is watching the page for the result.
        return check_signatures() + deliver_mails()

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while not stop.is_set() and os.getppid() == parent:  # a killed server takes its worker along
        try:
            if deliver_fresh() == 0:
                stop.wait(interval)
        except Exception as error:  # noqa: BLE001 — keep delivering; the mails stay pending
            print(f"delivery failed: {error}", file=sys.stderr, flush=True)
            stop.wait(5)
    if stop.is_set():  # a clean stop: send what is already stored, for at most 20 s
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and deliver_fresh() > 0:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
