"""The site's search for visitors without JavaScript: the same index and ranking as the browser's
(``engine.py``) and the results page (``page.py``), in the site's frame."""
import os

from .. import settings

_cache = {}


def load(lang: str):
    """``lang``'s index (``engine.Index``), read again when the build rewrites its ``meta.json``;
    None when there is none (a site built without it, or a language it does not have)."""
    from .engine import Index

    folder = settings.search_index(lang)
    try:
        stamp = os.stat(os.path.join(folder, "meta.json")).st_mtime_ns
    except OSError:
        return None
    cached = _cache.get(folder)
    if cached is None or cached[0] != stamp:
        def read(name: str) -> bytes:
            if "/" in name or "\\" in name or name.startswith("."):
                raise ValueError(f"not an index file: {name!r}")
            with open(os.path.join(folder, name), "rb") as handle:
                return handle.read()

        try:
            cached = _cache[folder] = (stamp, Index(read))
        except (OSError, ValueError, KeyError):
            return None
    return cached[1]
