"""``civicat render``: one language's site as a project that Zensical builds without civicat.

mkdocs-material 9.8 is in maintenance until its end of life; Zensical, its successor, reads
``mkdocs.yml`` and honours ``custom_dir`` but runs no mkdocs plugin, so it cannot ask civicat for
pages at build time the way ``civicat.mkdocs.plugin`` does. This module writes instead what the
plugin would hand over, as files:

- ``docs/``: every page as Markdown (JSON front matter with the theme's data, the HTML body) and
  every asset (``civicat.render.write_pages``);
- ``overrides/``: the theme folder, plus the component templates the theme imports (which the
  plugin's template loader finds in ``civicat/templates``), without developers' files;
- ``mkdocs.yml``: the repository's settings for this language, with the navigation the plugin would
  make and ``extra.civicat`` (strings, languages, footer) that the plugin puts into the config at
  build time;
- ``docs/search/``: the search index the build writes after the pages (``civicat.search``), which
  Zensical copies into the site like any other file: the site's own search works the same in a
  Zensical site.

``tests/site/test_successor_engine.py`` builds the demo this way and compares it with our build.
Nothing here imports Zensical.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..render import RenderedSite, SiteContext, write_pages
from ..render.chrome import chrome
from ..render.env import COMPONENTS_DIR
from ..search import language_index

if TYPE_CHECKING:
    from ..catalogue import Catalogue

HEADER = """\
# Written by `civicat render` for Zensical: build with `zensical build` in this folder.
# The pages in docs/ were generated from the catalogue; edit the catalogue and render again
# rather than this folder. (mkdocs builds the site with the civicat plugin: `civicat build`.)
"""


def write_project(catalogue: "Catalogue", lang: str, out: Path, *, config_file: Path,
                  today: dt.date | None = None) -> RenderedSite:
    """Write ``lang``'s Zensical project into ``out`` (``docs/`` and ``overrides/`` are replaced,
    ``mkdocs.yml`` overwritten); ``config_file`` is the repository's ``mkdocs.yml``."""
    base = yaml.safe_load(Path(config_file).read_text(encoding="utf-8"))
    theme_dir = Path(config_file).parent / base["theme"]["custom_dir"]
    out = Path(out)
    for folder in ("docs", "overrides"):
        shutil.rmtree(out / folder, ignore_errors=True)
    rendered = write_pages(catalogue, lang, out / "docs", today=today)
    language_index(SiteContext(catalogue, lang, today=today), rendered.pages).write(out / "docs" / "search")
    copy_theme(theme_dir, out / "overrides")
    config = project_config(base, catalogue, lang, rendered)
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)
    (out / "mkdocs.yml").write_text(HEADER + text, encoding="utf-8")
    return rendered


def project_config(base: dict[str, Any], catalogue: "Catalogue", lang: str, rendered: RenderedSite) -> dict[str, Any]:
    """The repository's ``mkdocs.yml`` for ``lang`` as Zensical needs it: what the civicat plugin
    and ``civicat build`` would set at build time is written out."""
    ui = chrome(catalogue, lang)
    in_nav = sorted((page for page in rendered.pages if page.nav_order is not None), key=lambda page: page.nav_order)
    config = {key: value for key, value in base.items() if key not in {"plugins", "nav", "extra"}}
    config.update({
        "site_name": ui["site_name"],
        "site_url": f"{ui['base_url']}{lang}/",
        "docs_dir": "docs",
        "site_dir": "site",
        # Zensical's "modern" look restyles Material's header, type and colours; "classic" is Material's.
        "theme": {**base["theme"], "custom_dir": "overrides", "language": lang, "variant": "classic"},
        # Only the plugins' names; civicat's plugin is what this folder replaces.
        "plugins": [name for name in map(plugin_name, base.get("plugins") or []) if name != "civicat"],
        "nav": [{page.nav_title or page.title: page.src_uri} for page in in_nav],
        "extra": {**(base.get("extra") or {}), "civicat": ui},
    })
    return config


def plugin_name(entry: str | dict[str, Any]) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def copy_theme(theme_dir: Path, target: Path) -> None:
    """The theme folder, and the component templates (macros) that the theme imports from
    ``civicat/templates/components`` (their scripts and styles are in the bundles ``write_pages``
    writes; their READMEs and examples stay behind)."""
    for path in sorted(theme_dir.rglob("*")):
        uri = path.relative_to(theme_dir).as_posix()
        if path.is_file():
            (target / uri).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / uri)
    for path in sorted(COMPONENTS_DIR.glob("*/*.html")):
        uri = path.relative_to(COMPONENTS_DIR.parent).as_posix()
        (target / uri).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target / uri)
