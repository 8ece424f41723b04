"""The site's frame for the forms API's own pages (status page, form with errors, messages).

The function renders those pages itself (it has no theme), but they must look like the site: the
same header, navigation, language switch, read-aloud control, footer, favicon and styles, in the
citizen's language. So each language's build renders one more page through the theme, ``_shell/``,
whose title, heading and body are markers (``shell_page``); it is written outside the navigation,
the search index and the sitemap. ``for_functions`` turns it into what the function reads: every
link an absolute path from the site's root (the function's pages live under ``/api/…``), Material's
configuration too, and the language switch's links markers the function fills in (the same page
in another language). ``write_for_functions`` puts ``shell/<lang>.html`` beside the contract
(``civicat forms --site``, ``civicat serve``); functions/chalicelib/pages/shell.py reads it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

from markupsafe import Markup

from .page import RenderedPage

PATH = "_shell/"
TITLE, HEADING, BODY = "@@civicat:title@@", "@@civicat:heading@@", "@@civicat:body@@"
_URL_ATTRIBUTE = re.compile(r'(?<![\w-])(href|src|action|data-cc-material)="([^"]*)"')
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)


class ShellError(RuntimeError):
    """The built page does not have the shape the function relies on."""


def shell_page(lang: str) -> RenderedPage:
    """The page the theme renders into the frame (kind ``shell``: theme/main.html)."""
    return RenderedPage(kind="shell", path=PATH, lang=lang, title=TITLE, description=TITLE,
                        body=Markup(BODY), heading=HEADING, search=False)


def root_path(base_url: str) -> str:
    """``/`` or ``/buergerservice/``: the site's root as an absolute path."""
    return urlparse(base_url).path.rstrip("/") + "/"


def for_functions(html: str, lang: str, languages: list[str], base_url: str) -> str:
    """The built ``_shell/index.html`` of ``lang`` as the function reads it."""
    root = root_path(base_url)
    here = f"{root}{lang}/{PATH}"

    def absolute(value: str) -> str:
        if not value or value.startswith(("#", "/", "@@", "data:", "mailto:", "tel:")) or "://" in value:
            return value
        return urljoin(here, value)

    html = _URL_ATTRIBUTE.sub(lambda m: f'{m.group(1)}="{absolute(m.group(2))}"', html)

    def config(match: re.Match) -> str:
        data = json.loads(match.group(2))
        for key in ("base", "search"):
            if isinstance(data.get(key), str):
                data[key] = absolute(data[key]).rstrip("/") if key == "base" else absolute(data[key])
        return match.group(1) + json.dumps(data, ensure_ascii=False) + match.group(3)

    html = _CONFIG.sub(config, html)
    for code in languages:
        link = f'href="{root}{code}/{PATH}"'
        if html.count(link) != 1:
            raise ShellError(f"{here}: expected one language link {link}, found {html.count(link)}")
        html = html.replace(link, f'href="@@civicat:lang:{code}@@"')
    for marker in (TITLE, HEADING, BODY):
        if marker not in html:
            raise ShellError(f"{here}: the marker {marker} is missing — is theme/main.html's shell branch gone?")
    if f"/{PATH}" in html:
        at = html.index(f"/{PATH}")
        raise ShellError(f"{here}: still links to {PATH} ({html[max(0, at - 80):at + 10]!r}), which the function's pages cannot follow")
    return html


def write_for_functions(site_dir: Path, languages: list[str], dest: Path, base_url: str) -> list[Path]:
    """``dest/shell/<lang>.html`` for every language built into ``site_dir``; each file is replaced
    whole (the API may be reading it)."""
    written = []
    for lang in languages:
        source = Path(site_dir) / lang / PATH / "index.html"
        if not source.is_file():
            raise ShellError(f"{source}: missing — build the site first (`civicat build`)")
        text = for_functions(source.read_text(encoding="utf-8"), lang, languages, base_url)
        target = Path(dest) / "shell" / f"{lang}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.{os.getpid()}")
        partial.write_text(text, encoding="utf-8")
        os.replace(partial, target)
        written.append(target)
    return written
