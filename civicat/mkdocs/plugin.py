"""The mkdocs plugin: a thin adapter that hands the renderer's pages to mkdocs in memory.

Pages become ``File.generated`` files whose ``Page`` already carries the HTML (no Markdown is
converted for them); only the index pages are in the navigation, every other page is
``not_in_nav`` — mkdocs-material would otherwise write the whole site into every page's sidebar.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import threading
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, ChoiceLoader, FileSystemLoader
from jinja2.bccache import Bucket
from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..render import RenderedPage, RenderedSite, SiteContext, render_pages, render_site
from ..render.chrome import chrome
from ..render.env import TEMPLATES_DIR
from ..render.shell import shell_page
from .internals import populate_page, render_page, write_page

log = get_plugin_logger(__name__)


class CivicatConfig(Config):
    catalogue = opt.Type(str, default="catalogue")
    """The catalogue folder, relative to mkdocs.yml."""
    language = opt.Optional(opt.Type(str))
    """Language of this build; defaults to theme.language."""
    today = opt.Optional(opt.Type(str))
    """Build as if on this date (YYYY-MM-DD), for reproducible tests; defaults to today."""
    preview = opt.Type(bool, default=False)
    """Pages load civicat serve's error banner (``/_preview/preview.js``); never in ``civicat build``."""


PAGE_PATH_MARKER = "\x1ecc-page-path\x1e"
"""Stands for the page's path in a header rendered once for many pages (theme/main.html)."""


class TemplateData(dict):
    """A dict whose keys are also attributes, for the theme's templates.

    Jinja reads ``cc.path`` by trying an attribute first and the key only after an AttributeError;
    at ~150 such lookups a page the exceptions cost about 0.2 ms a page. Keys named like a dict
    method stay keys only, as jinja reads them from a plain dict; ``keep`` values stay as they are
    (JSON-LD only goes to ``tojson``)."""

    def __init__(self, data: dict[str, Any], keep: tuple[str, ...] = ()):
        super().__init__((key, value if key in keep else _template_data(value)) for key, value in data.items())
        self.__dict__.update((key, value) for key, value in self.items() if isinstance(key, str) and key not in _DICT_NAMES)


_DICT_NAMES = frozenset(dir(dict))


def _template_data(value: Any) -> Any:
    if isinstance(value, dict):
        return TemplateData(value)
    if isinstance(value, list):
        return [_template_data(item) for item in value]
    return value


class GeneratedPage(Page):
    """A page whose HTML the renderer made: reading and rendering it costs nothing."""

    def __init__(self, rendered: RenderedPage, file: File, config: Any):
        super().__init__(rendered.nav_title or rendered.title, file, config)
        self.update(rendered)

    def update(self, rendered: RenderedPage) -> None:
        """Take the renderer's (new) page: at the build, and in ``civicat serve`` after an edit."""
        self.title = rendered.nav_title or rendered.title
        self.later = rendered.later
        self.civicat = TemplateData(rendered.meta(), keep=("jsonld",))
        self._html = str(rendered.body)
        self.meta = {"description": rendered.description}

    def read_source(self, config: Any) -> None:
        self.markdown = ""

    def render(self, config: Any, files: Files) -> None:
        self.content = self._html


class _TemplateCache(BytecodeCache):
    """Compiled theme templates, shared by the builds of all languages in this process: mkdocs
    makes a new template environment per build, which would compile Material's templates again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])  # checks the source's checksum

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


THEME_TEMPLATES = _TemplateCache()


def theme_loader(theme: Any) -> ChoiceLoader:
    """The theme's templates, then our components (``civicat/templates/components/…``)."""
    return ChoiceLoader([theme, FileSystemLoader(str(TEMPLATES_DIR))])


def empty_docs_dir() -> Path:
    """A folder that stays empty, for mkdocs' docs_dir (see ``CivicatPlugin.on_config``)."""
    import tempfile

    folder = Path(tempfile.gettempdir()) / f"civicat-no-docs-{os.getuid() if hasattr(os, 'getuid') else 0}"
    folder.mkdir(exist_ok=True)
    return folder


def write_atomically(data: bytes, path: Path) -> None:
    """Write ``path`` by renaming a finished file over it: a reader sees the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    partial.write_bytes(data)
    os.replace(partial, path)


class CivicatPlugin(BasePlugin[CivicatConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.lang = ""
        self.today: dt.date | None = None
        self.catalogue: Any = None
        """Set by civicat.mkdocs.build before the build to reuse one loaded catalogue for every language."""
        self.rendered: RenderedSite | None = None
        self.search: Any = None
        """The language's search index (``civicat.search.Index``), kept to write it again after edits."""
        self.nav: Navigation | None = None
        self.site: SiteContext | None = None
        """The renderer's view of the catalogue for ``refresh``, kept for a series of calls."""
        self.doc_files: list[File] | None = None
        self.built: tuple[Any, Any, Files, Navigation | None] | None = None
        """(config, theme environment, files, navigation) of the build, to write pages again later."""

    def on_config(self, config: Any) -> Any:
        # Every page is generated (on_files); mkdocs would still read every file of docs_dir into
        # the site. It reads an empty folder of ours instead, so no project needs an empty folder.
        config.docs_dir = str(empty_docs_dir())
        if self.catalogue is None:
            from ..catalogue import load

            root = Path(config.config_file_path).parent / self.config.catalogue
            self.catalogue = load(root)
        lang = self.lang = self.config.language or config.theme["language"]
        today = self.today = dt.date.fromisoformat(self.config.today) if self.config.today else None
        self.rendered = render_site(self.catalogue, lang, today=today)
        for warning in self.rendered.warnings:
            log.warning(warning)
        extra = chrome(self.catalogue, lang)
        extra["preview"] = bool(self.config.preview)
        config.extra["civicat"] = TemplateData(extra)
        config.extra["civicat"].memo = config.extra["civicat"]["memo"] = {}  # see theme/main.html
        config.extra["civicat"].page_path_marker = config.extra["civicat"]["page_path_marker"] = PAGE_PATH_MARKER
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
        return files

    def on_nav(self, nav: Navigation, config: Any, files: Files) -> Navigation:
        """The sidebar: the index pages in the renderer's order, nothing else."""
        assert self.rendered is not None
        index = sorted((p for p in self.rendered.pages if p.nav_order is not None), key=lambda p: p.nav_order)
        items = [files.get_file_from_path(p.src_uri).page for p in index]
        self.nav = Navigation(items, items)
        return self.nav

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """A page rendered without what another process was still making (``RenderedPage.later``:
        the open data files' sizes) is rendered again now, just before the theme writes it; the
        open data page comes last, so by then the files are usually written."""
        if isinstance(page, GeneratedPage) and page.later:
            from ..exports import opendata

            assert self.rendered is not None
            opendata.cached(self.catalogue, self.today)  # waits until the files are written
            if self.site is None:
                self.site = SiteContext(self.catalogue, self.lang, today=self.today)
            for rendered in render_pages(self.site, {page.civicat["path"]}):
                page.update(rendered)
                page.content = page._html
                self.rendered.pages = [rendered if p.path == rendered.path else p for p in self.rendered.pages]
        return context

    def on_post_build(self, config: Any) -> None:
        """Write the search index (``civicat.search``) into ``search/``, cut the two
        third-party addresses out of Material's bundle (see ``offline_bundle``), and write the forms
        API's frame."""
        from ..search import language_index

        assert self.rendered is not None
        if self.site is None:
            self.site = SiteContext(self.catalogue, self.lang, today=self.today)
        self.search = language_index(self.site, self.rendered.pages)
        self.search.write(Path(config.site_dir, "search"))
        for path in Path(config.site_dir, "assets", "javascripts").glob("bundle.*.min.js"):
            text = path.read_text(encoding="utf-8")
            fixed = offline_bundle(text)
            if fixed != text:
                path.write_text(fixed, encoding="utf-8")
        self.write_shell()

    def write_shell(self) -> None:
        """``_shell/index.html``: the frame of the forms API's pages (civicat/render/shell.py),
        rendered like every page but not among the build's files, so it is in no navigation,
        search index or sitemap."""
        assert self.built is not None
        config, env, files, nav = self.built
        rendered = shell_page(self.lang)
        page = GeneratedPage(rendered, File.generated(config, rendered.src_uri, content=""), config)
        populate_page(page, config, files)
        html = render_page(page, config, files.documentation_pages(), nav, env)
        write_atomically(html.encode("utf-8", errors="xmlcharrefreplace"), Path(page.file.abs_dest_path))

    def on_env(self, env: Any, config: Any, files: Files) -> Any:
        """Let the theme include our components (civicat/templates/components/…), compile the theme's
        templates once for all languages, and keep what writing a page again needs (``refresh``)."""
        env.loader = theme_loader(env.loader)
        env.bytecode_cache = THEME_TEMPLATES
        self.built = (config, env, files, self.nav)
        return env

    def forget(self) -> None:
        """The catalogue was edited: the next ``refresh`` looks at it anew (titles, lists, indexes)."""
        self.site = None

    def refresh(self, paths: set[str]) -> int:
        """Render the pages at ``paths`` again from the (edited) catalogue and write them as the
        build did, with the state kept from it: ``civicat serve`` after an edit. Their search
        documents are replaced; ``write_search_index`` writes the index."""
        from ..search import document

        assert self.built is not None
        config, env, files, nav = self.built
        if self.site is None:
            self.site = SiteContext(self.catalogue, self.lang, today=self.today)
        if self.doc_files is None:
            self.doc_files = files.documentation_pages()
        pages = render_pages(self.site, paths)
        for rendered in pages:
            file = files.get_file_from_path(rendered.src_uri)
            if file is None:  # a page the build did not have (a new service file)
                file = File.generated(config, rendered.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
                GeneratedPage(rendered, file, config)
                files.append(file)
                self.doc_files.append(file)
            page = file.page
            page.update(rendered)
            if self.search is not None:
                doc = document(self.site, rendered)
                if doc is None:
                    self.search.remove(rendered.path)
                else:
                    self.search.put(doc)
            populate_page(page, config, files)
            # A browser may be reading the page: it must see the old file or the new one, whole.
            write_page(page, config, self.doc_files, nav, env, write_atomically)
        return len(pages)

    def remove(self, paths: set[str]) -> int:
        """Take the pages at ``paths`` out of the site: the written file, its place among the
        build's files and its search entries (``civicat serve`` after a service file was deleted)."""
        assert self.built is not None
        config, _env, files, _nav = self.built
        if self.doc_files is None:
            self.doc_files = files.documentation_pages()
        removed = 0
        for path in paths:
            file = files.get_file_from_path(f"{path}index.md")
            if file is None:
                continue
            files.remove(file)
            if file in self.doc_files:
                self.doc_files.remove(file)
            if self.search is not None:
                self.search.remove(path)
            written = Path(file.abs_dest_path)
            written.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # the page's folder, if nothing else is in it
                written.parent.rmdir()
            removed += 1
        return removed

    def write_search_index(self) -> None:
        """The search index with the documents of every page as last written (after ``refresh``):
        only its changed files are written, ``meta.json`` last."""
        assert self.built is not None
        if self.search is not None:
            self.search.write(Path(self.built[0].site_dir, "search"))


THIRD_PARTY = re.compile(r'"https://unpkg\.com/[^"]*"')


def offline_bundle(text: str) -> str:
    """Material's bundle loads a ResizeObserver polyfill (old browsers only) and mermaid (pages with
    diagrams; we have none) from unpkg.com. The site makes no third-party requests: those addresses
    become an empty inline script, so even an old browser asks no other origin."""
    return THIRD_PARTY.sub('"data:text/javascript,"', text)
