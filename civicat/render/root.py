"""The site root: a language chooser page (plain links, no script) and a sitemap index."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from markupsafe import escape

from .context import direction
from .strings import Strings

if TYPE_CHECKING:
    from ..catalogue import Catalogue

_STYLE = (
    "body{margin:0;font:1.1rem/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff}"
    "main{max-width:40rem;margin:0 auto;padding:2rem 1rem}"
    "h1{font-size:1.6rem}ul{list-style:none;padding:0}li{margin:.6rem 0}"
    "a{display:inline-block;min-height:44px;padding:.4rem .2rem;color:#2f3d8f;font-size:1.2rem;text-decoration:underline}"
    "a:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px;box-shadow:0 0 0 5px #ffdd00}"
    ".intro{margin:.2rem 0 0}section{margin-bottom:1.2rem}"
)


def root_page(catalogue: "Catalogue", languages: list[str]) -> str:
    """The chooser: the site's name and one link per language, each in its own language."""
    from ..catalogue.text import localize

    default = catalogue.site.default_language
    base = str(catalogue.site.base_url).rstrip("/") + "/"
    first = languages[0]
    name = localize(catalogue.site.name, first, default)
    alternates = "".join(f'<link rel="alternate" hreflang="{l}" href="{base}{l}/">' for l in languages)
    alternates += f'<link rel="alternate" hreflang="x-default" href="{base}">'
    items = []
    for lang in languages:
        s = Strings(lang)
        d = direction(lang)
        items.append(
            f'<li lang="{lang}" dir="{d}"><a href="{lang}/" hreflang="{lang}">{escape(s.endonym())}</a>'
            f' <span class="intro">– {escape(s.t("root.intro").rstrip(":"))}</span></li>'
        )
    title = " · ".join(dict.fromkeys(Strings(l).t("root.title") for l in languages))
    return (
        f'<!doctype html><html lang="{first}" dir="{direction(first)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(str(name))}</title>"
        f'<meta name="description" content="{escape(title)}">{alternates}<link rel="icon" href="{first}/assets/images/favicon.png"><style>{_STYLE}</style></head>'
        f"<body><main><h1>{escape(str(name))}</h1>"
        f'<nav aria-label="{escape(Strings(first).t("nav.language"))}"><ul>{"".join(items)}</ul></nav>'
        f"</main></body></html>\n"
    )


def sitemap_index(catalogue: "Catalogue", languages: list[str]) -> str:
    base = str(catalogue.site.base_url).rstrip("/") + "/"
    entries = "".join(f"<sitemap><loc>{base}{lang}/sitemap.xml</loc></sitemap>" for lang in languages)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>\n'
    )


def write_root(catalogue: "Catalogue", out: Path, languages: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "index.html").write_text(root_page(catalogue, languages), encoding="utf-8")
    (out / "sitemap.xml").write_text(sitemap_index(catalogue, languages), encoding="utf-8")
    (out / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\nSitemap: {str(catalogue.site.base_url).rstrip('/')}/sitemap.xml\n", encoding="utf-8"
    )
