"""A static server for benchmarks that compresses like a production server and counts what it sends.

tests/conftest.py's ``StaticServer`` sends files as they are: right for tests, wrong for a
measurement of bytes on a slow network, where every real host (S3 behind CloudFront, nginx) sends
text gzip-compressed. This one sends text files gzip -6 (compressed once, kept in memory), keeps
connections open (HTTP/1.1, as browsers and CDNs do) and logs each file it sends with the moment
the request arrived: a benchmark reads the log for the bytes a browser fetched, including what a
dedicated worker fetched (a page's DevTools session does not see a worker's requests).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import os
import threading
import time
from pathlib import Path
from typing import Any

TEXT = (".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map")


class _Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".mjs": "text/javascript",
                      ".js": "text/javascript", ".json": "application/json"}

    def __init__(self, *args: Any, owner: "CompressedServer", **kwargs: Any):
        self.owner = owner
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
        pass

    def send_head(self):  # noqa: ANN201 - http.server's signature
        arrived = time.perf_counter()
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            return super().send_head()  # the directory redirect or the 404, as http.server sends them
        body, packed = self.owner.body(path)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        if packed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.owner.record(arrived, self.path, len(body))
        return io.BytesIO(body)


class CompressedServer:
    """Serves ``root`` on 127.0.0.1 (a free port) in a thread; ``log`` lists (arrival, path, bytes sent)."""

    def __init__(self, root: Path):
        self.log: list[tuple[float, str, int]] = []
        self._bodies: dict[str, tuple[bytes, bool]] = {}
        self._lock = threading.Lock()
        handler = functools.partial(_Handler, owner=self, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def body(self, path: str) -> tuple[bytes, bool]:
        """(what is sent for the file at ``path``, whether it is gzip-compressed)."""
        with self._lock:
            found = self._bodies.get(path)
        if found is None:
            data = Path(path).read_bytes()
            packed = path.endswith(TEXT)
            found = (gzip.compress(data, 6), True) if packed else (data, False)
            with self._lock:
                self._bodies[path] = found
        return found

    def record(self, arrived: float, path: str, size: int) -> None:
        with self._lock:
            self.log.append((arrived, path, size))

    def __enter__(self) -> "CompressedServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
