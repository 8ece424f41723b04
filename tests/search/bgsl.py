"""A catalogue in Bulgarian and Slovenian for the search's query sets: the demo district, copied,
with the bg/sl texts of ``fixtures/bgsl.yaml`` merged into its services and bg and sl among the
site's languages.

The demo has no bg/sl content, and these two languages have no stemmer (``civicat.search.stems``):
the engines' prefix and inflection matching alone must find "личната карта" for "лична карта"
and "osebne izkaznice" for "osebna izkaznica". Only the pages are rendered and indexed (no site
build): that is what search reads, at a fraction of a build's time.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from .support import HERE, REPO, engine

LANGS = ("bg", "sl")
TEXTS = HERE / "fixtures" / "bgsl.yaml"


def texts() -> dict[str, dict]:
    """{service id: {title: {bg, sl}, summary: {bg, sl}, keywords: [{de, bg, sl}, …]}}: a search
    word joins the service's entry of the same German word, or is a new entry (every entry has a
    German text, as the catalogue requires)."""
    return yaml.safe_load(TEXTS.read_text(encoding="utf-8"))


def write_catalogue(out: Path) -> Path:
    """The demo catalogue with the bg/sl texts merged in, written to ``out``."""
    shutil.copytree(REPO / "catalogue", out)
    site_file = out / "site.yaml"
    site = yaml.safe_load(site_file.read_text(encoding="utf-8"))
    site["languages"] = list(dict.fromkeys([*site["languages"], *LANGS]))
    site_file.write_text(yaml.safe_dump(site, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for sid, extra in texts().items():
        path = out / "services" / f"{sid}.yaml"
        service = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("title", "summary"):
            service[key].update(extra[key])
        keywords = service.setdefault("keywords", [])
        for entry in extra.get("keywords", []):
            same = next((k for k in keywords if k.get("de", "").casefold() == entry["de"].casefold()), None)
            if same is None:
                keywords.append(entry)
            else:
                same.update(entry)
        path.write_text(yaml.safe_dump(service, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def write_indexes(catalogue, out: Path, today: dt.date | None = None) -> Path:
    """Write ``catalogue``'s search index of each of ``LANGS`` to ``out/<lang>/search``, as a build
    would (its pages rendered, not written); returns ``out``."""
    from civicat.render import SiteContext, render_site
    from civicat.search import language_index

    for lang in LANGS:
        rendered = render_site(catalogue, lang, today=today)
        language_index(SiteContext(catalogue, lang, today=today), rendered.pages).write(out / lang / "search")
    return out


def engines(site: Path) -> dict:
    """{lang: the functions' engine on ``site``'s index of that language}."""
    return {lang: engine(site / lang / "search") for lang in LANGS}
