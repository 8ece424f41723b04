"""The process behind ``civicat serve``'s port: the built site and, under ``/api``, the forms API,
in one waitress server (``python -m civicat.serve.web``).

No proxy in between: the API sees the visitor's own address (the rate limit counts it, and no
header a client sends can change it), a request body is bounded before it is read, and an
answer is never sent twice. The process is started — and, when it ends, started again — by
``civicat serve`` (``server.py``), which opened the port and hands it over as a file
descriptor: the port stays bound while this process restarts, and connections that arrive in
between wait in the listen backlog instead of being refused. It ends with ``civicat serve``,
however that ends. Builds run in the parent, so they never take this process' interpreter from
the requests.

It imports only the static-file server and the functions' local server, never the builder.
"""

from __future__ import annotations

import argparse
import signal
import socket
import sys
import threading
from pathlib import Path

FUNCTIONS = Path(__file__).resolve().parents[2] / "functions"
API_PREFIX = "/api"
STAFF_PREFIX = "/staff"


class OnePort:
    """``/api/…`` to the forms API (prefix moved to SCRIPT_NAME), ``/staff…`` to the staff pages
    (whose routes start with ``/staff`` themselves, as behind their own address on AWS),
    everything else to the site."""

    def __init__(self, api, site, staff=None, prefix: str = API_PREFIX):
        self.api, self.site, self.staff, self.prefix = api, site, staff, prefix

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path == self.prefix or path.startswith(self.prefix + "/"):
            environ = {**environ, "SCRIPT_NAME": environ.get("SCRIPT_NAME", "") + self.prefix,
                       "PATH_INFO": path[len(self.prefix):] or "/"}
            return self.api(environ, start_response)
        if self.staff is not None and (path == STAFF_PREFIX or path.startswith(STAFF_PREFIX + "/")):
            return self.staff(environ, start_response)
        return self.site(environ, start_response)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fd", type=int, required=True, help="the listening socket, opened by the parent")
    parser.add_argument("--site", required=True, help="the built site")
    parser.add_argument("--parent", type=int, required=True, help="end when this process ends")
    args = parser.parse_args(argv)
    if str(FUNCTIONS) not in sys.path:
        sys.path.insert(0, str(FUNCTIONS))
    import local_server
    import local_supervise
    import local_wsgi

    from .static import StaticSite

    signal.signal(signal.SIGTERM, _interrupt)
    local_supervise.die_with_parent(args.parent)
    app = OnePort(local_server.make_app(), StaticSite(Path(args.site)), local_server.make_app("staff"))
    server = local_wsgi.create_server(app, sockets=[socket.socket(fileno=args.fd)])
    stop = threading.Event()
    local_server.start_housekeeping(stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.close()
    return 0


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt  # SIGTERM ends run() after the requests in progress, as Ctrl+C does


if __name__ == "__main__":
    sys.exit(main())
