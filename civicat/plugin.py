"""The mkdocs plugin: a thin adapter that hands the renderer's pages to mkdocs in memory.

Pages become ``File.generated`` files whose ``Page`` already carries the HTML (no Markdown is
converted for them); only the index pages are in the navigation, every other page is
``not_in_nav`` — mkdocs-material would otherwise write the whole site into every page's sidebar.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .render import RenderedPage, RenderedSite, render_site
from .render.chrome import chrome
from .render.env import TEMPLATES_DIR

log = get_plugin_logger(__name__)


class CivicatConfig(Config):
    catalogue = opt.Type(str, default="catalogue")
    """The catalogue folder, relative to mkdocs.yml."""
    language = opt.Optional(opt.Type(str))
    """Language of this build; defaults to theme.language."""
    today = opt.Optional(opt.Type(str))
    """Build as if on this date (YYYY-MM-DD), for reproducible tests; defaults to today."""


class GeneratedPage(Page):
    """A page whose HTML the renderer made: reading and rendering it costs nothing."""

    def __init__(self, rendered: RenderedPage, file: File, config: Any):
        super().__init__(rendered.nav_title or rendered.title, file, config)
        self.civicat = rendered.meta()
        self._html = str(rendered.body)
        self.meta = {"description": rendered.description}
        if rendered.keywords:
            self.meta["tags"] = rendered.keywords  # material/search indexes tags with a high boost
        if not rendered.search:
            self.meta["search"] = {"exclude": True}

    def read_source(self, config: Any) -> None:
        self.markdown = ""

    def render(self, config: Any, files: Files) -> None:
        self.content = self._html


def _component_source(uri: str) -> bool:
    """Theme component files that are for developers, not visitors (strings, docs, examples)."""
    return uri.startswith("components/") and (uri.endswith((".yaml", ".md")) or "/examples/" in uri)


class CivicatPlugin(BasePlugin[CivicatConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.catalogue: Any = None
        """Set by civicat.build before the build to reuse one loaded catalogue for every language."""
        self.rendered: RenderedSite | None = None
        self.material_bundle: str | None = None

    def on_config(self, config: Any) -> Any:
        if self.catalogue is None:
            from .catalogue import load

            root = Path(config.config_file_path).parent / self.config.catalogue
            self.catalogue = load(root)
        lang = self.config.language or config.theme["language"]
        today = dt.date.fromisoformat(self.config.today) if self.config.today else None
        self.rendered = render_site(self.catalogue, lang, today=today)
        for warning in self.rendered.warnings:
            log.warning(warning)
        extra = chrome(self.catalogue, lang)
        extra["t"] = {**extra["t"], **component_strings(config.theme.custom_dir, lang)}
        extra["material_bundle"] = material_bundle()
        config.extra["civicat"] = extra
        config.site_name = extra["site_name"]
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        assert self.rendered is not None
        for rendered in self.rendered.pages:
            inclusion = InclusionLevel.INCLUDED if rendered.nav_order is not None else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, rendered.src_uri, content="", inclusion=inclusion)
            GeneratedPage(rendered, file, config)
            files.append(file)
        for asset in self.rendered.assets:
            files.append(File.generated(config, asset.path, content=asset.content))
        for file in list(files):
            if _component_source(file.src_uri):
                files.remove(file)
        return files

    def on_nav(self, nav: Navigation, config: Any, files: Files) -> Navigation:
        """The sidebar: the index pages in the renderer's order, nothing else."""
        assert self.rendered is not None
        index = sorted((p for p in self.rendered.pages if p.nav_order is not None), key=lambda p: p.nav_order)
        items = [files.get_file_from_path(p.src_uri).page for p in index]
        return Navigation(items, items)

    def on_post_build(self, config: Any) -> None:
        """Cut the two third-party addresses out of Material's bundle (see ``offline_bundle``)."""
        for path in Path(config.site_dir, "assets", "javascripts").glob("bundle.*.min.js"):
            text = path.read_text(encoding="utf-8")
            fixed = offline_bundle(text)
            if fixed != text:
                path.write_text(fixed, encoding="utf-8")

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        """Let the theme include our components (civicat/templates/components/…)."""
        env.loader = ChoiceLoader([env.loader, FileSystemLoader(str(TEMPLATES_DIR))])
        return env


def component_strings(custom_dir: str | None, lang: str) -> dict[str, Any]:
    """UI strings that theme components bring along (``theme/components/<name>/strings.yaml``,
    one table per language), merged into the theme's ``t``: e.g. ``t.readaloud.button``."""
    import yaml

    merged: dict[str, Any] = {}
    if not custom_dir:
        return merged
    for path in sorted(Path(custom_dir).glob("components/*/strings.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        table = data.get(lang) or data.get("en") or {}
        merged.update(table)
    return merged


THIRD_PARTY = re.compile(r'"https://unpkg\.com/[^"]*"')


def offline_bundle(text: str) -> str:
    """Material's bundle loads a ResizeObserver polyfill (old browsers only) and mermaid (pages with
    diagrams; we have none) from unpkg.com. The site makes no third-party requests: those addresses
    become an empty inline script, so even an old browser asks no other origin."""
    return THIRD_PARTY.sub('"data:text/javascript,"', text)


def material_bundle() -> str:
    """Site path of mkdocs-material's script bundle (its name carries a hash that changes by release)."""
    import material

    folder = Path(material.__file__).parent / "templates" / "assets" / "javascripts"
    found = sorted(folder.glob("bundle.*.min.js"))
    if not found:
        raise RuntimeError(f"mkdocs-material's bundle.*.min.js not found in {folder}")
    return f"assets/javascripts/{found[0].name}"
