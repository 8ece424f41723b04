"""Links to other websites are marked: an icon and, for screen readers, the words "(other
website)" inside the link, so that nobody leaves the municipality's site without knowing it.

Applied to every page body the renderer makes (templates and editors' Markdown alike); our own
HTML writes attributes in double quotes, and links never nest.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

_LINK = re.compile(r'<a\s(?P<attrs>[^>]*?\bhref="(?P<href>https?://[^"]*)"[^>]*)>(?P<text>.*?)</a>', re.S | re.I)
ICON = ('<svg class="cc-external__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24">'
        '<path d="M14 3v2h3.59l-9.83 9.83 1.41 1.41L19 6.41V10h2V3zm5 16H5V5h7V3H5a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h14a2 2 0 0 0 2-2v-7h-2z"/></svg>')


def mark_external(html: Markup, own_host: str, words: str) -> Markup:
    """``html`` with every link to another host than ``own_host`` marked (class ``cc-external``,
    an icon, and ``words`` for screen readers)."""
    if "http" not in html:
        return html
    hidden = f'<span class="cc-visually-hidden"> {escape(words)}</span>'

    def mark(match: re.Match) -> str:
        host = (urlsplit(match.group("href").replace("&amp;", "&")).hostname or "").lower()
        if not host or host == own_host or "cc-external" in match.group("attrs"):
            return match.group(0)
        attrs = match.group("attrs")
        if re.search(r'\bclass="', attrs):
            attrs = re.sub(r'\bclass="', 'class="cc-external ', attrs, count=1)
        else:
            attrs = f'class="cc-external" {attrs}'
        return f'<a {attrs}>{match.group("text")}{ICON}{hidden}</a>'

    return Markup(_LINK.sub(mark, str(html)))
