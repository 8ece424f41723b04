"""The built site as a WSGI application, served the way CloudFront serves the deployed one.

- Text (HTML, CSS, JavaScript, JSON, SVG, XML) is gzip-compressed for clients that accept it,
  between 1,000 bytes and 10 MB as CloudFront does; the compressed bytes are kept in memory
  until the file changes, so a page is compressed once per build, not once per request.
- Every answer says ``Cache-Control: no-cache`` (a preview must show the latest build) and
  carries an ETag, so a browser revalidates and gets ``304 Not Modified`` for what it has.
- A folder is its ``index.html``; a folder without its trailing slash is redirected (relative
  links on the page need the slash); anything missing gets the site's own 404 page.
- Only GET and HEAD: anything else is ``405`` with ``Allow``. Paths cannot leave the folder.

Files are looked up on every request: the preview rewrites them while the server runs.
"""

from __future__ import annotations

import gzip
import os
import threading
from collections import OrderedDict
from email.utils import formatdate
from pathlib import Path
from urllib.parse import quote

TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".map": "application/json",
    ".webmanifest": "application/manifest+json", ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
    ".avif": "image/avif", ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff",
    ".pdf": "application/pdf", ".mp3": "audio/mpeg", ".ogg": "audio/ogg", ".wav": "audio/wav",
    ".gz": "application/gzip", ".zip": "application/zip",
}
COMPRESSIBLE = ("text/", "application/json", "application/manifest+json", "application/xml",
                "image/svg+xml")
MIN_COMPRESS, MAX_COMPRESS = 1000, 10_000_000  # CloudFront's range
CACHE_BYTES = 64 * 1024 * 1024
ALLOWED = "GET, HEAD"


class StaticSite:
    def __init__(self, root: Path, cache_bytes: int = CACHE_BYTES):
        self.root = Path(root).resolve()
        self.cache_bytes = cache_bytes
        self._cache: OrderedDict[tuple, bytes] = OrderedDict()
        self._cached = 0
        self._lock = threading.Lock()

    def __call__(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        if method not in ("GET", "HEAD"):
            return _text(start_response, "405 Method Not Allowed",
                         f"{method} is not allowed here: the site is static.",
                         [("Allow", ALLOWED)])
        raw = environ.get("PATH_INFO", "") or "/"
        try:
            path = raw.encode("latin-1").decode("utf-8")
        except UnicodeError:
            return self._not_found(environ, start_response, "/")
        target = self._resolve(path)
        if target is not None and target.is_dir():
            if not path.endswith("/"):
                location = quote(environ.get("SCRIPT_NAME", "") + path + "/")
                if environ.get("QUERY_STRING"):
                    location += "?" + environ["QUERY_STRING"]
                return _text(start_response, "301 Moved Permanently", location,
                             [("Location", location)])
            target = target / "index.html"
        if target is None or not target.is_file():
            return self._not_found(environ, start_response, path)
        return self._file(environ, start_response, target, "200 OK")

    def _resolve(self, path: str) -> Path | None:
        parts = [part for part in path.split("/") if part not in ("", ".")]
        if any(part == ".." or "\0" in part or "\\" in part for part in parts):
            return None
        target = self.root.joinpath(*parts)
        return target if target.resolve().is_relative_to(self.root) else None  # no way out by link

    def _not_found(self, environ, start_response, path: str):
        """The site's own 404 page: the language's, else the root's, else plain text."""
        first = [part for part in path.split("/") if part][:1]
        for candidate in ([self.root / first[0] / "404.html"] if first else []) + [self.root / "404.html"]:
            if candidate.is_file() and candidate.resolve().is_relative_to(self.root):
                return self._file(environ, start_response, candidate, "404 Not Found")
        return _text(start_response, "404 Not Found", "Not found.")

    def _file(self, environ, start_response, target: Path, status: str):
        try:
            info = target.stat()
            kind = TYPES.get(target.suffix.lower(), "application/octet-stream")
            compress = (kind.startswith(COMPRESSIBLE) and MIN_COMPRESS <= info.st_size <= MAX_COMPRESS)
            gzip_wanted = compress and accepts_gzip(environ.get("HTTP_ACCEPT_ENCODING", ""))
            tag = f'"{info.st_mtime_ns:x}-{info.st_size:x}{"-gz" if gzip_wanted else ""}"'
            headers = [("Content-Type", kind), ("Cache-Control", "no-cache"), ("ETag", tag),
                       ("Last-Modified", formatdate(info.st_mtime, usegmt=True))]
            if compress:
                headers.append(("Vary", "Accept-Encoding"))
            if status.startswith("200") and tag in _tags(environ.get("HTTP_IF_NONE_MATCH", "")):
                start_response("304 Not Modified", headers)
                return []
            if gzip_wanted:
                body = self._compressed(target, info)
                headers.append(("Content-Encoding", "gzip"))
            else:
                body = target.read_bytes()
        except (FileNotFoundError, NotADirectoryError):  # replaced by a rebuild a moment ago
            return _text(start_response, "404 Not Found", "Not found.")
        headers.append(("Content-Length", str(len(body))))
        start_response(status, headers)
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def _compressed(self, target: Path, info: os.stat_result) -> bytes:
        key = (str(target), info.st_mtime_ns, info.st_size)
        with self._lock:
            body = self._cache.get(key)
            if body is not None:
                self._cache.move_to_end(key)
                return body
        body = gzip.compress(target.read_bytes(), compresslevel=6, mtime=0)
        with self._lock:
            if key not in self._cache:
                self._cache[key] = body
                self._cached += len(body)
                while self._cached > self.cache_bytes and self._cache:
                    _, dropped = self._cache.popitem(last=False)
                    self._cached -= len(dropped)
        return body


def accepts_gzip(header: str) -> bool:
    """Whether ``Accept-Encoding`` allows gzip (``gzip``, ``gzip;q=0.5``, ``*``; not ``q=0``)."""
    offered = {}
    for item in header.split(","):
        name, _, params = item.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if name:
            offered[name.strip().lower()] = quality
    if "gzip" in offered:
        return offered["gzip"] > 0
    return offered.get("*", 0) > 0


def _tags(header: str) -> set:
    return {tag.strip().removeprefix("W/") for tag in header.split(",") if tag.strip()}


def _text(start_response, status: str, text: str, extra=()):
    body = (text + "\n").encode("utf-8")
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"),
                            ("Cache-Control", "no-cache"), ("Content-Length", str(len(body))),
                            *extra])
    return [body]
