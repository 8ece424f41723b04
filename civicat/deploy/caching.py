"""Content-Type and Cache-Control of every file of a built site.

Two cache lifetimes, decided by the file name:

- **Fingerprinted** files (Material's ``main.57a0d79d.min.css``, ``bundle.a5f9d56c.min.js``, the
  search worker, their source maps): the name changes whenever the content does, so browsers and
  CloudFront keep them for a year and never ask again (``immutable``); they never need an
  invalidation.
- **Everything else** (HTML, the open-now data ``<lang>/hours/*.json``, the search index, and our
  own scripts and styles, which keep their names): five minutes in the browser, a day at the
  edge. A deployment invalidates exactly the changed ones at the edge, so a visitor sees a new
  version within five minutes at most, and HTML and the scripts it needs expire together.

Our own assets are not fingerprinted: Material's search worker loads its language files by name,
and our bundles (``assets/civicat/*.js``) are named in every page's HTML and in the theme's
memoized blocks, so fingerprinting them would mean renaming at build and rewriting those
references; the read-aloud scripts, once ES modules importing each other by name, are now plain
bundles like the rest. A five-minute cache costs a returning visitor
a few conditional requests (304, no body) and keeps the build simple; once assets are fingerprinted
at build, this module gives them the long cache without any change (it reads the names).
"""

from __future__ import annotations

import mimetypes
import re
from pathlib import PurePosixPath

IMMUTABLE = "public, max-age=31536000, immutable"
SHORT = "public, max-age=300, s-maxage=86400"

FINGERPRINT = re.compile(r"\.[0-9a-f]{8,}\.(?:min\.)?(?:js|css|mjs)(?:\.map)?$")
"""``name.<8+ hex digits>.(min.)js|css`` and their ``.map`` files: the names Material gives its
built assets."""

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".ttl": "text/turtle; charset=utf-8",  # open-data/: CPSV-AP and DCAT-AP
    ".jsonld": "application/ld+json",
    ".gz": "application/gzip",  # sitemap.xml.gz: a gzip file, not a gzip-encoded sitemap
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".svg": "image/svg+xml",
    ".ico": "image/vnd.microsoft.icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".pdf": "application/pdf",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".vtt": "text/vtt; charset=utf-8",
}
"""Explicit types for what a site holds; text types say their charset (our build writes UTF-8)."""


class UnknownFileType(ValueError):
    """A file whose type we would only guess; it is better to stop than to serve it wrongly."""


def content_type(key: str) -> str:
    suffix = PurePosixPath(key).suffix.lower()
    if suffix in TYPES:
        return TYPES[suffix]
    guessed, encoding = mimetypes.guess_type(key, strict=True)
    if guessed and not encoding:
        return guessed
    raise UnknownFileType(
        f"{key}: no Content-Type is known for '{suffix or '(no extension)'}' files — give the file a "
        "common extension (.pdf, .png, .html …), or add the type to civicat/deploy/caching.py TYPES")


def is_fingerprinted(key: str) -> bool:
    return bool(FINGERPRINT.search(PurePosixPath(key).name))


def cache_control(key: str) -> str:
    return IMMUTABLE if is_fingerprinted(key) else SHORT


def headers(key: str) -> dict[str, str]:
    """``{"ContentType": …, "CacheControl": …}`` for S3's PutObject."""
    return {"ContentType": content_type(key), "CacheControl": cache_control(key)}


def rules_fingerprint() -> str:
    """Changes whenever the rules above change, so that a deployment then rewrites every file's
    headers (S3 cannot change an object's headers without writing it again)."""
    import hashlib
    import json

    rules = {"types": TYPES, "immutable": IMMUTABLE, "short": SHORT, "fingerprint": FINGERPRINT.pattern}
    return hashlib.sha256(json.dumps(rules, sort_keys=True).encode()).hexdigest()[:16]
