"""The forms API as a WSGI application, and the production HTTP server that runs it locally.

On AWS, API Gateway turns each HTTP request into the Lambda event the Chalice app handles. Here
Chalice's own ``LocalGateway`` does that translation (the same one ``chalice local`` uses), and
waitress — a production-grade, pure-Python HTTP server — does the HTTP: keep-alive, pipelining,
chunked request bodies, a listen backlog of 1024, and a cap on every request body enforced from
its headers before the body is read (413). Bodies above 512 KB are buffered in a temporary file,
not in memory.

The client address the app sees (``sourceIp``, which the rate limit counts) is the peer of the
TCP connection, as on API Gateway. No client-supplied header can change it; only a configured
proxy hop in front (``CIVICAT_TRUSTED_PROXIES``) makes the app read ``X-Forwarded-For``.
"""
import base64
import threading
import time
from http import HTTPStatus
from urllib.parse import quote

from waitress.task import ThreadedTaskDispatcher

# Largest request body read at all. The app applies the real per-route limits below this
# (settings.max_body_bytes, max_multipart_bytes, an upload's announced size).
MAX_BODY_BYTES = 16 * 1024 * 1024
NOT_FORWARDED = {"content-length", "connection", "keep-alive", "transfer-encoding"}
PATH_SAFE = "/:@!$&'()*+,="
"""Not ";": Chalice's local route matcher reads the path with ``urlparse``, which cuts ``;…`` off the
last segment as "parameters", so ``/open311/v2/services/;n`` would have answered as
``/open311/v2/services``. API Gateway keeps it as part of the segment; encoded, so does the matcher."""


class ApiApp:
    """WSGI → Lambda event → the Chalice app → WSGI response."""

    def __init__(self, chalice_app):
        from chalice.config import Config
        from chalice.local import LocalGateway, LocalGatewayException

        self._gateway_error = LocalGatewayException
        self.gateway = LocalGateway(chalice_app, Config.create(chalice_app=chalice_app,
                                                               app_name=chalice_app.app_name))
        self._peer = threading.local()
        converter = self.gateway.event_converter
        make_event = converter.create_lambda_event

        def create_lambda_event(method, path, headers, body=None):
            event = make_event(method, path, headers, body)
            event["requestContext"]["identity"]["sourceIp"] = self._peer.address
            return event

        # LocalGateway writes a fixed 127.0.0.1; the app must see who is really connected.
        converter.create_lambda_event = create_lambda_event

    def __call__(self, environ, start_response):
        path = quote(environ.get("PATH_INFO", "").encode("latin-1"), safe=PATH_SAFE) or "/"
        if environ.get("QUERY_STRING"):
            path += "?" + environ["QUERY_STRING"]
        headers = {key[5:].replace("_", "-").lower(): value for key, value in environ.items()
                   if key.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["content-type"] = environ["CONTENT_TYPE"]
        length = int(environ.get("CONTENT_LENGTH") or 0)  # also set for a chunked body
        if length > MAX_BODY_BYTES:  # waitress refuses these first; other servers may not
            return _plain(start_response, 413, b"Request body too large")
        body = environ["wsgi.input"].read(length) if length else None
        if length:
            headers["content-length"] = str(length)
        self._peer.address = environ.get("REMOTE_ADDR") or "unknown"
        try:
            response = self.gateway.handle_request(method=environ["REQUEST_METHOD"], path=path,
                                                   headers=headers, body=body)
        except self._gateway_error as error:
            status, out, payload = error.CODE, dict(error.headers or {}), error.body or b""
        else:
            status = response["statusCode"]
            out = dict(response.get("headers") or {})
            out.update(response.get("multiValueHeaders") or {})
            payload = response.get("body") or b""
            if response.get("isBase64Encoded"):
                payload = base64.b64decode(payload)
        if isinstance(payload, str):
            payload = payload.encode("utf-8", "replace")  # never fail to answer
        header_list = [(name, str(one)) for name, value in out.items()
                       if name.lower() not in NOT_FORWARDED
                       for one in (value if isinstance(value, list) else [value])]
        header_list.append(("Content-Length", str(len(payload))))
        start_response(_status_line(status), header_list)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [payload]


def _status_line(code: int) -> str:
    try:
        return f"{code} {HTTPStatus(code).phrase}"
    except ValueError:
        return f"{code} Unknown"


def _plain(start_response, code: int, text: bytes):
    start_response(_status_line(code), [("Content-Type", "text/plain; charset=utf-8"),
                                        ("Content-Length", str(len(text))),
                                        ("Connection", "close")])
    return [text]


REQUEST_THREADS = 4
"""Threads that run requests (waitress' main thread does the network I/O beside them). The first
serves every request; the others stand by (``FirstThreadFirst``) for a slow request (a read-aloud
recording being made, a large export) that holds it."""

STANDBY_AFTER = 0.02
"""Seconds the first thread must have spent on one request before a standby thread takes the next."""


class FirstThreadFirst(ThreadedTaskDispatcher):
    """waitress' task dispatcher, except that one thread runs every request while requests are quick.

    The app is Python under one interpreter lock, and every SQLite call releases that lock: two
    threads running submissions at once hand it back and forth at each call, and that cost more
    than the requests themselves (benchmarks/forms_api.py's load without the delivery worker, same
    code, alternating turns: ~860 submissions/s with waitress' own dispatcher and two threads,
    ~1,080/s with one thread, ~1,050/s with this one; BENCHMARKS.md). One thread alone
    would let a slow request hold every other, so the others stand by. While requests wait and the
    first thread is busy, one of them watches (a timed wait of ``STANDBY_AFTER / 2``, not a wake-up
    per request) and takes the next request when the first thread has been on its current one for
    ``STANDBY_AFTER``, or when that request has waited that long. A standby thread that is held
    itself leaves the next to the others in the same way. With nothing waiting, they sleep.
    """

    def __init__(self):
        super().__init__()
        self.standby_cv = threading.Condition(self.lock)
        self.first_since = None  # when the first thread began its request; None: idle
        self.watching = 0  # standby threads in a timed wait, looking whether the first is held

    def add_task(self, task):
        task.civicat_queued = time.monotonic()
        super().add_task(task)
        with self.lock:
            self._wake_watcher()

    def _wake_watcher(self):
        """(Under the lock.) Requests wait while the first thread is busy: make sure one standby
        thread watches."""
        if self.queue and self.first_since is not None and not self.watching:
            self.standby_cv.notify()

    def set_thread_count(self, count):
        super().set_thread_count(count)
        with self.lock:
            self.standby_cv.notify_all()  # a stop reaches the standby threads at once

    def handler_thread(self, thread_no):
        if thread_no == 0:
            return self._first()
        return self._standby(thread_no)

    def _first(self):
        while True:
            with self.lock:
                while not self.queue and self.stop_count == 0:
                    self.active_count -= 1
                    self.queue_cv.wait()
                    self.active_count += 1
                if self._stopping(0):
                    return
                task = self.queue.popleft()
                self.first_since = time.monotonic()
                self._wake_watcher()
            self._service(task)
            self.first_since = None

    def _standby(self, thread_no):
        while True:
            with self.lock:
                while self.stop_count == 0 and not self._held():
                    self.active_count -= 1
                    if self.queue:
                        self.watching += 1
                        self.standby_cv.wait(STANDBY_AFTER / 2)
                        self.watching -= 1
                    else:
                        self.standby_cv.wait()  # until a request waits for a busy first thread
                    self.active_count += 1
                if self._stopping(thread_no):
                    return
                task = self.queue.popleft()
                self._wake_watcher()  # requests still waiting: another standby watches
            self._service(task)

    def _held(self) -> bool:
        if not self.queue:
            return False
        now = time.monotonic()
        since = self.first_since
        return (since is not None and now - since >= STANDBY_AFTER) or \
            now - self.queue[0].civicat_queued >= STANDBY_AFTER

    def _stopping(self, thread_no) -> bool:
        if self.stop_count == 0:
            return False
        self.active_count -= 1
        self.stop_count -= 1
        self.threads.discard(thread_no)
        self.thread_exit_cv.notify()
        return True

    def _service(self, task):
        try:
            task.service()
        except BaseException:
            self.logger.exception("Exception when servicing %r", task)


def create_server(app, sockets=None, host: str = "127.0.0.1", port: int = 0,
                  threads: int = REQUEST_THREADS):
    """A waitress server for ``app`` on pre-bound ``sockets`` (``civicat serve`` holds the port
    across restarts) or on ``host``:``port``. Call ``.run()`` to serve; SIGTERM/SIGINT raised as
    KeyboardInterrupt in the main thread end ``run()`` after the requests in progress."""
    import logging

    from waitress.server import create_server as waitress_server

    # waitress warns "Task queue depth is N" whenever all threads are busy for a moment: normal
    # under load, and a line per request in the terminal. Its errors still show.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)

    # send_bytes: a task thread leaves an answer smaller than this to the main loop to send
    # instead of flushing it itself; for the API's small answers that is measurably faster
    # (GET /health at 4 connections: ~2,500/s with waitress' default of 1, ~3,700/s with this).
    options = {"threads": threads, "backlog": 1024, "connection_limit": 1000,
               "max_request_body_size": MAX_BODY_BYTES, "channel_timeout": 120,
               "asyncore_use_poll": True, "send_bytes": 18000, "ident": "civicat",
               "expose_tracebacks": False}
    import warnings

    with warnings.catch_warnings():
        # waitress 3 announces that send_bytes will go; until then it is worth keeping (above).
        warnings.filterwarnings("ignore", "send_bytes", DeprecationWarning)
        # waitress takes a task dispatcher through create_server's ``_dispatcher`` (3.0.x; the
        # pin in pyproject.toml keeps us on 3.x, and a test runs requests through ours).
        dispatcher = FirstThreadFirst()
        dispatcher.set_thread_count(threads)
        if sockets:
            return waitress_server(app, sockets=list(sockets), _dispatcher=dispatcher, **options)
        return waitress_server(app, host=host, port=port, _dispatcher=dispatcher, **options)
