"""The site's page around the function's pages: header, navigation, language switch, read-aloud,
footer, favicon and stylesheets, in the citizen's language.

The site's build renders it once per language through the same theme as every other page, with
markers where the function puts its own parts, and ``civicat forms --site`` (or ``civicat serve``)
writes it beside the contract as ``shell/<lang>.html``, every link an absolute path from the site's
root (the function's pages live under ``/api/…``). Markers: ``@@civicat:title@@`` (``<title>``),
``@@civicat:heading@@`` (the ``<h1>``), ``@@civicat:body@@`` (below the read-aloud control) and
``@@civicat:lang:<code>@@`` (where the language switch leads). Without a shell (a contract compiled
without the site) the pages fall back to a plain frame of their own (``layout.py``).
"""
import os

from .. import settings

_cache: dict = {}


def path(lang: str) -> str:
    return os.path.join(os.path.dirname(os.path.abspath(settings.forms_path())), "shell", f"{lang}.html")


def load(lang: str) -> str | None:
    """The shell of ``lang`` (read again when the file changes), or None when there is none."""
    where = path(lang)
    try:
        stamp = os.stat(where).st_mtime_ns
    except OSError:
        return None
    cached = _cache.get(where)
    if cached is None or cached[0] != stamp:
        with open(where, encoding="utf-8") as handle:
            cached = _cache[where] = (stamp, handle.read())
    return cached[1]


def fill(shell: str, title: str, heading: str, body: str, languages: dict) -> str:
    """The page: ``title`` and ``heading`` escaped, ``body`` Markup, ``languages`` {code: URL}."""
    from ..htmlkit import escape

    page = shell.replace("@@civicat:title@@", escape(title)).replace(
        "@@civicat:heading@@", escape(heading))
    for code, url in languages.items():
        page = page.replace(f"@@civicat:lang:{code}@@", escape(url))
    # Last: the body is the citizen's own input, which could contain a marker's text.
    return page.replace("@@civicat:body@@", body, 1)
