"""Serve the forms API locally: ``python functions/local_server.py --port 8001``.

The Chalice app behind waitress, a production-grade HTTP server (``local_wsgi``: Chalice's own
``LocalGateway`` translates each request into the Lambda event API Gateway would send), bound to
127.0.0.1 only. The app is thread-safe (``chalicelib.appbase``).

Local defaults (each only if the variable is not set): SQLite in ``var/submissions.db``, mails as
``.eml`` files in ``var/outbox/``, attachments in ``var/uploads/`` — all relative to the
repository root — and a fresh staff token, printed at start. ``civicat serve`` runs the same app
under ``/api`` beside the site (``civicat.serve.web``); links we hand out therefore start with
``CIVICAT_PUBLIC_API_URL`` (default ``/api``). A background thread runs the scheduled
housekeeping (notification retries, retention) every ``CIVICAT_HOUSEKEEPING_SECONDS`` (300).

Mail goes out from a separate delivery process (``--deliver``), so no answer waits for a mail
server. The server keeps it running (``local_supervise``: restarted with growing pauses, each end
logged with its cause), and it ends with the server, even when the server is killed.
"""
import argparse
import os
import queue
import secrets
import signal
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DELIVERY_THREADS = 4
# How long the worker waits for one mail before it starts the next beside it: a mail server that
# answers at once gets one mail after the other (no contention with the API for the store and
# the processor), a slow or silent one does not hold the others.
PATIENCE_SECONDS = 0.5
# The worker yields the processor to the API: a citizen waits for the answer to a form, a mail may
# leave a moment later. Under a burst the API answered 1–7 % more submissions per second with the
# worker at niceness 10 (benchmarks/forms_api.py, alternating turns; BENCHMARKS.md).
DELIVERY_NICENESS = 10


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


def make_app(which: str = "citizen"):
    """The forms API (``citizen``) or the office's staff pages (``staff``: functions/staff/) as a
    WSGI application; imports the app, so call apply_local_defaults first (the apps read their
    settings when requests come)."""
    if HERE not in sys.path:
        sys.path.insert(0, HERE)
    from local_wsgi import ApiApp

    if which == "staff":
        return ApiApp(_staff_app())
    from app import app

    return ApiApp(app)


def _staff_app():
    """functions/staff/app.py under a module name of its own: the citizens' app is ``app``, and
    ``civicat serve`` runs both in one process. Both share ``chalicelib``."""
    import importlib.util

    if "civicat_staff_app" not in sys.modules:
        spec = importlib.util.spec_from_file_location("civicat_staff_app", os.path.join(HERE, "staff", "app.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules["civicat_staff_app"] = module
        spec.loader.exec_module(module)
    return sys.modules["civicat_staff_app"].app


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
                        help="how the site reaches this API (default /api, civicat serve's prefix)")
    parser.add_argument("--deliver", type=int, metavar="SERVER_PID", default=None,
                        help="run as the mail delivery worker the server starts beside itself")
    parser.add_argument("--app", choices=("citizen", "staff"), default="citizen",
                        help="staff: the office's workspace (functions/staff/) instead of the forms "
                             "API; it sends no mail itself (the forms API's worker does)")
    args = parser.parse_args(argv)
    if args.deliver is not None:
        if HERE not in sys.path:
            sys.path.insert(0, HERE)
        return deliver_forever(args.deliver)
    if args.public_api_url is not None:
        os.environ["CIVICAT_PUBLIC_API_URL"] = args.public_api_url
    token = apply_local_defaults()
    from local_wsgi import create_server

    staff = args.app == "staff"
    server = create_server(make_app(args.app), host=args.host, port=args.port)
    stop = threading.Event()
    if not staff:
        start_housekeeping(stop)
    signal.signal(signal.SIGTERM, _interrupt)
    print(f"civicat {'staff pages' if staff else 'forms API'} on "
          f"http://{server.effective_host}:{server.effective_port}", flush=True)
    print(f"  store:    {os.environ['CIVICAT_STORE']}", flush=True)
    print(f"  notifier: {os.environ.get('CIVICAT_NOTIFIER')} "
          f"{os.environ.get('CIVICAT_OUTBOX_DIR', '')}", flush=True)
    if token:
        print(f"  staff token (generated, CIVICAT_STAFF_TOKEN): {token}", flush=True)
    worker = start_delivery_worker() if os.environ.get("CIVICAT_DELIVERY") == "worker" and \
        not staff else None
    try:
        server.run()  # ends on SIGINT/SIGTERM, after the requests in progress
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.close()
        if worker is not None:
            worker.stop()  # it finishes the mails in hand; the rest stays pending in the store
    return 0


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt  # SIGTERM stops the server as Ctrl+C does


def start_delivery_worker(parent: int | None = None, log=None):
    """The mail delivery process (``python local_server.py --deliver``), kept running beside
    ``parent`` (default: this process)."""
    from local_supervise import Supervised

    argv = [sys.executable, os.path.abspath(__file__), "--deliver", str(parent or os.getpid())]
    return Supervised("the mail delivery worker", argv, env=dict(os.environ), log=log,
                      grace=30).start()


def deliver_forever(parent: int, interval: float = 0.2, threads: int = DELIVERY_THREADS) -> int:
    """Send stored submissions' mails as they arrive, and check the electronic signatures of
    uploaded PDFs (so neither the answer to a submission nor to an upload waits for that work).
    Mails go out one after the other while each goes out quickly, up to ``threads`` at a time
    when one takes longer than PATIENCE_SECONDS, so that a mail server that holds one connection
    open does not hold the others (each send has its own deadline: ``CIVICAT_SMTP_TIMEOUT``). Stop cleanly on SIGTERM, and when the server ``parent``
    is gone (its pid is passed in: a server killed while this process was still starting would
    otherwise go unnoticed)."""
    from chalicelib.notify.delivery import deliver_fresh as deliver_mails
    from chalicelib.signatures.checks import run_due as check_signatures
    from local_supervise import die_with_parent

    def deliver_fresh(send=None) -> int:
        # Signatures first: a citizen is watching the page for the result.
        return check_signatures() + deliver_mails(send=send)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    die_with_parent(parent)
    if hasattr(os, "nice"):
        os.nice(DELIVERY_NICENESS)
    free = threading.BoundedSemaphore(threads)
    jobs = queue.SimpleQueue()

    def sender():
        while True:
            job, done = jobs.get()
            try:
                job()  # records each mail's outcome itself
            except Exception as error:  # noqa: BLE001 — the store failed; the mails stay pending
                print(f"delivery failed: {error}", file=sys.stderr, flush=True)
            finally:
                free.release()
                done.set()

    # Long-lived senders, each keeping its store connection (a thread per submission opened a
    # new SQLite connection each time; the worker's CPU competes with the API's on the same
    # cores). Daemon threads: a stop does not wait for a mail server that never answers (that
    # mail stays pending under its lease and is tried again).
    for number in range(threads):
        threading.Thread(target=sender, name=f"deliver-{number}", daemon=True).start()

    def hand_over(job):
        free.acquire()  # claimed already: it goes out as soon as a sender is free
        done = threading.Event()
        jobs.put((job, done))
        done.wait(PATIENCE_SECONDS)

    while not stop.is_set() and os.getppid() == parent:  # a killed server takes its worker along
        try:
            if deliver_fresh(send=hand_over) == 0:
                stop.wait(interval)
        except Exception as error:  # noqa: BLE001 — keep delivering; the mails stay pending
            print(f"delivery failed: {error}", file=sys.stderr, flush=True)
            stop.wait(5)
    if stop.is_set():  # a clean stop: send what is already stored, for at most 20 s
        flush = threading.Thread(target=_flush, args=(deliver_fresh, hand_over, 20), daemon=True)
        flush.start()
        flush.join(20)
    return 0


def _flush(deliver_fresh, hand_over, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and deliver_fresh(send=hand_over) > 0:
        pass

if __name__ == "__main__":
    sys.exit(main())
