"""The site root: a language chooser page (plain links, no script), its styles, a sitemap index,
robots.txt and the not-found page in every language (with its small script), from
``templates/root/``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

from .context import direction
from .env import environment
from .strings import Strings

if TYPE_CHECKING:
    from ..catalogue import Catalogue

STYLESHEET = "root.css"
NOT_FOUND_SCRIPT = "404.js"


def _context(catalogue: "Catalogue", languages: list[str]) -> dict[str, Any]:
    from ..catalogue.text import localize

    first = languages[0]
    items = [{"code": lang, "dir": direction(lang), "endonym": Strings(lang).endonym(),
              "intro": Strings(lang).t("root.intro").rstrip(":"),
              **{key: Strings(lang).t(f"not_found.{key}") for key in ("title", "text", "home", "az")}}
             for lang in languages]
    return {
        "name": str(localize(catalogue.site.name, first, catalogue.site.default_language)),
        "first": items[0],
        "languages": items,
        "title": " · ".join(dict.fromkeys(Strings(lang).t("root.title") for lang in languages)),
        "base": str(catalogue.site.base_url).rstrip("/") + "/",
        "root": urlparse(str(catalogue.site.base_url)).path.rstrip("/") + "/",
        "nav_label": Strings(first).t("nav.language"),
        "favicon": f"{first}/assets/images/favicon.png",
        "stylesheet": STYLESHEET,
    }


def root_files(catalogue: "Catalogue", languages: list[str]) -> dict[str, str]:
    """File name → content of everything at the site root."""
    env = environment()
    context = _context(catalogue, languages)
    files = {name: env.get_template(f"root/{name}").render(context) + "\n"
             for name in ("index.html", "404.html", "sitemap.xml", "robots.txt")}
    for name in (STYLESHEET, NOT_FOUND_SCRIPT):
        files[name] = env.get_template(f"root/{name}").render()
    return files


def write_root(catalogue: "Catalogue", out: Path, languages: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name, text in root_files(catalogue, languages).items():
        (out / name).write_text(text, encoding="utf-8")
