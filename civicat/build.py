"""``civicat build``: one mkdocs-material build per language, a language chooser and a sitemap index.

Each language gets its own mkdocs config derived from the repository's ``mkdocs.yml``: theme
language (and with it the text direction), search language, site URL and output folder. The
catalogue is loaded and validated once and handed to every language's build.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .render.root import write_root

log = logging.getLogger("civicat.build")

LUNR_LANGUAGES = {
    "ar", "da", "de", "du", "el", "en", "es", "fi", "fr", "he", "hi", "hu", "hy", "it", "ja", "kn", "ko",
    "nl", "no", "pt", "ro", "ru", "sa", "sv", "ta", "te", "th", "tr", "vi", "zh",
}
"""Languages mkdocs-material's search (lunr) has stemmers for. Others (bg, sl …) search with the
English tokenizer and an empty pipeline: no English stemming or stop words, and no trimmer (lunr's
trimmer strips every non-ASCII letter from the ends of a word, which would empty Cyrillic words)."""
SEPARATOR = r'[\s\-.,;:!?()\[\]"„“”«»/]+'
"""Word separator for languages without a lunr stemmer: spaces, hyphens and punctuation."""


@dataclass
class BuildReport:
    out: Path
    languages: list[str]
    pages: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    hours_until: dt.date | None = None
    """Last day of the open-now data: rebuild before then (README: scheduled rebuild)."""


def repo_config_file() -> Path:
    """The repository's ``mkdocs.yml`` (next to the ``civicat`` package, or in the current folder)."""
    here = Path(__file__).resolve().parent.parent / "mkdocs.yml"
    return here if here.exists() else Path("mkdocs.yml").resolve()


def search_settings(lang: str) -> dict[str, Any]:
    """The search plugin's settings for ``lang`` (theme.language alone would break bg and sl)."""
    if lang in LUNR_LANGUAGES:
        return {"lang": [lang]}
    return {"lang": ["en"], "pipeline": [], "separator": SEPARATOR}


def language_config(config_file: Path, lang: str, out: Path, catalogue: Any, *, today: dt.date | None = None) -> Any:
    """mkdocs config of one language's build."""
    from mkdocs.config import load_config

    base_url = str(catalogue.site.base_url).rstrip("/") + "/"
    cfg = load_config(config_file=str(config_file), site_dir=str(out / lang), site_url=f"{base_url}{lang}/")
    cfg.theme["language"] = lang
    search = cfg.plugins.get("material/search") or cfg.plugins.get("search")
    if search is not None:
        for key, value in search_settings(lang).items():
            search.config[key] = value
    plugin = cfg.plugins["civicat"]
    plugin.catalogue = catalogue
    plugin.config["language"] = lang
    if today:
        plugin.config["today"] = today.isoformat()
    return cfg


def build_site(catalogue_dir: Path, out: Path, *, languages: list[str] | None = None,
               config_file: Path | None = None, today: dt.date | None = None, catalogue: Any = None) -> BuildReport:
    """Build the whole site into ``out``: ``out/<lang>/`` per language, ``out/index.html``, ``out/sitemap.xml``.

    Raises ``civicat.catalogue.CatalogueError`` when the catalogue has errors (nothing is built).
    """
    from mkdocs.commands.build import build

    started = time.perf_counter()
    if catalogue is None:
        from .catalogue import load

        catalogue = load(Path(catalogue_dir))
    out = Path(out).resolve()
    langs = list(languages or catalogue.site.languages)
    report = BuildReport(out=out, languages=langs)
    report.warnings.extend(str(w) for w in getattr(catalogue, "warnings", []))
    for lang in langs:
        cfg = language_config(config_file or repo_config_file(), lang, out, catalogue, today=today)
        build(cfg)
        rendered = cfg.plugins["civicat"].rendered
        report.pages[lang] = len(rendered.pages)
        report.hours_until = rendered.hours_until
        if lang == langs[0]:
            report.warnings.extend(rendered.warnings)
    write_root(catalogue, out, langs)
    if report.hours_until:
        log.info("open-now data runs until %s: rebuild the site before then (daily is best)", report.hours_until)
    report.seconds = time.perf_counter() - started
    return report
