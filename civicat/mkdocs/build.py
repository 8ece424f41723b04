"""``civicat build``: one mkdocs-material build per language, a language chooser and a sitemap index.

Each language gets its own mkdocs config derived from the repository's ``mkdocs.yml``: theme
language (and with it the text direction), site URL and output folder. The plugin writes each
language's search index after its pages (``civicat.search``). The
catalogue is loaded and validated once and handed to every language's build. ``civicat build``
builds the languages side by side in forked worker processes (one mkdocs build cannot use a
second core); ``civicat serve`` builds them in its own process and keeps them for its edits.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import multiprocessing
import os
import sys
import threading
import time
import traceback
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from pathlib import Path
from typing import Any

from ..render.root import write_root

log = logging.getLogger("civicat.build")


@dataclass
class BuildReport:
    out: Path
    languages: list[str]
    pages: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    hours_until: dt.date | None = None
    """Last day of the open-now data: rebuild before then (README: scheduled rebuild)."""
    configs: dict[str, Any] = field(default_factory=dict)
    """Each language's mkdocs config after the build (only with ``keep``): the state to write pages again."""
    open_data: int = 0
    """Open data files written to ``open-data/`` at the root (``civicat.exports.opendata``)."""


def repo_config_file() -> Path:
    """The repository's ``mkdocs.yml`` (next to the ``civicat`` package, or in the current folder)."""
    here = Path(__file__).resolve().parents[2] / "mkdocs.yml"
    return here if here.exists() else Path("mkdocs.yml").resolve()


def language_config(config_file: Path, lang: str, out: Path, catalogue: Any, *, today: dt.date | None = None,
                    preview: bool = False) -> Any:
    """mkdocs config of one language's build (``preview``: pages load civicat serve's error banner)."""
    from mkdocs.config import load_config

    base_url = str(catalogue.site.base_url).rstrip("/") + "/"
    cfg = load_config(config_file=str(config_file), site_dir=str(out / lang), site_url=f"{base_url}{lang}/")
    cfg.theme["language"] = lang
    plugin = cfg.plugins["civicat"]
    plugin.catalogue = catalogue
    plugin.config["language"] = lang
    if today:
        plugin.config["today"] = today.isoformat()
    plugin.config["preview"] = preview
    return cfg


def load_catalogue(root: Path, *, prepare_builds: bool = False, config_file: Path | None = None) -> Any:
    """``civicat.catalogue.load`` for a build, with the garbage collector kept away from the result.

    The loaded catalogue is ~2 million objects (2,000 services) that live as long as the build.
    The loader pauses the collector while reading; re-enabled, the collector walks all of them
    young, then again in each older generation (1 s, then 3 s a time). Frozen at once, they are
    never walked, and forked builds do not copy the memory they share with the parent by touching it.
    Raises ``CatalogueError`` as ``load`` does. With ``prepare_builds`` the time this process would
    wait for the loader's helper goes into what forked language builds need (``_warm_up``).
    """
    from ..catalogue import load

    def prepare(site: Any) -> None:
        if site is not None:
            _warm_up(list(site.languages), config_file or repo_config_file())

    enabled = gc.isenabled()
    gc.disable()
    try:
        catalogue = load(root, meanwhile=prepare if prepare_builds else None)
        gc.freeze()
    finally:
        if enabled:
            gc.enable()
    return catalogue


def build_site(catalogue_dir: Path, out: Path, *, languages: list[str] | None = None,
               config_file: Path | None = None, today: dt.date | None = None, catalogue: Any = None,
               jobs: int = 1, keep: bool = False, preview: bool = False) -> BuildReport:
    """Build the whole site into ``out``: ``out/<lang>/`` per language, ``out/index.html``, ``out/sitemap.xml``.

    ``jobs`` > 1 builds that many languages at a time in forked processes (each language is one
    mkdocs build, which cannot be split); ``keep`` builds in this process and keeps each language's
    mkdocs config in ``report.configs`` so that ``civicat serve`` can write changed pages again;
    ``preview`` makes every page load ``civicat serve``'s error banner (never in a production build).
    Raises ``civicat.catalogue.CatalogueError`` when the catalogue has errors (nothing is built).
    """
    started = time.perf_counter()
    if catalogue is None:
        catalogue = load_catalogue(Path(catalogue_dir))
    gc.freeze()  # see load_catalogue
    out = Path(out).resolve()
    langs = list(languages or catalogue.site.languages)
    report = BuildReport(out=out, languages=langs)
    report.warnings.extend(str(w) for w in getattr(catalogue, "warnings", []))
    config_file = config_file or repo_config_file()
    from ..exports import opendata

    day = today or dt.date.today()
    forked = not (keep or jobs <= 1 or len(langs) == 1 or not _can_fork())
    try:
        if not forked:
            opendata.cached(catalogue, day)  # before the languages: each language's page lists these
            results = []
            for lang in langs:
                results.append(_build_language(config_file, lang, out, catalogue, today, report if keep else None, preview))
                if not keep:
                    gc.collect()  # the finished language's pages and files (they link each other)
        else:
            results = _build_forked(config_file, langs, out, catalogue, today, jobs)
    finally:
        gc.unfreeze()  # what outlives the build (a previous catalogue in `civicat serve`) can be collected again
    for lang, (pages, until, warnings) in zip(langs, results):
        report.pages[lang] = pages
        report.hours_until = until
        if lang == langs[0]:
            report.warnings.extend(warnings)
    write_root(catalogue, out, langs)
    if not forked:
        opendata.write(catalogue, out, day)  # a forked build's open data worker wrote them
    report.open_data = len(opendata.plan(catalogue, day))
    if report.hours_until:
        log.info("open-now data runs until %s: rebuild the site before then (daily is best)", report.hours_until)
    report.seconds = time.perf_counter() - started
    return report


Result = tuple[int, "dt.date | None", list[str]]
"""What a language's build reports: pages written, last day of the open-now data, warnings."""


def _build_language(config_file: Path, lang: str, out: Path, catalogue: Any, today: dt.date | None,
                    keep: BuildReport | None = None, preview: bool = False) -> Result:
    from mkdocs.commands.build import build

    cfg = language_config(config_file, lang, out, catalogue, today=today, preview=preview)
    build(cfg)
    rendered = cfg.plugins["civicat"].rendered
    if keep is not None:
        keep.configs[lang] = cfg
    return len(rendered.pages), rendered.hours_until, list(rendered.warnings)


def _can_fork() -> bool:
    """Forking is safe only from a process with no other threads (a thread could hold a lock that
    the child then waits for forever); ``civicat serve`` builds in-process anyway (``keep``)."""
    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _build_forked(config_file: Path, langs: list[str], out: Path, catalogue: Any, today: dt.date | None,
                  jobs: int) -> list[Result]:
    """The languages in ``jobs`` forked worker processes, each taking the next language when it is
    done with one. A worker inherits the loaded catalogue (nothing is pickled); what a first build
    costs once (compiling the theme's templates) it pays once for all its languages.

    One more process makes the open data files meanwhile (``civicat.exports.opendata``: seconds
    at 2,000 services, which the languages' workers would otherwise wait for): each language's
    "Open data" page, which lists their sizes, is rendered last and waits for them if need be."""
    from ..exports import opendata

    _warm_up(list(catalogue.site.languages), config_file)
    context = multiprocessing.get_context("fork")
    day = today or dt.date.today()
    elsewhere = opendata.Elsewhere(catalogue, day, context)
    opendata.made_elsewhere(catalogue, day, elsewhere)
    sys.stdout.flush()
    sys.stderr.flush()  # or the workers would print what the parent had not yet written
    waiting, results, workers, done = list(langs), {}, {}, []
    try:
        ours, theirs = context.Pipe()
        maker = context.Process(target=_open_data_worker, args=(theirs, elsewhere, catalogue, out, day), daemon=True)
        maker.start()
        theirs.close()
        workers[ours] = (maker, None)
        for _ in range(min(jobs, len(langs))):
            ours, theirs = context.Pipe()
            worker = context.Process(target=_worker, args=(theirs, config_file, out, catalogue, today), daemon=True)
            worker.start()
            theirs.close()
            ours.send(lang := waiting.pop(0))
            workers[ours] = (worker, lang)
        while workers:
            for conn in wait(list(workers)):
                worker, lang = workers[conn]
                try:
                    status, value = conn.recv()
                except EOFError:
                    status, value = "error", f"the worker ended without a result (exit code {worker.exitcode})"
                if status != "ok":
                    raise RuntimeError(f"building the {lang} site failed:\n{value}" if lang else
                                       f"making the open data files failed:\n{value}")
                if lang is None:  # the open data files are written
                    done.append((conn, workers.pop(conn)[0]))
                    continue
                results[lang] = value
                next_lang = waiting.pop(0) if waiting else None
                conn.send(next_lang)  # None: no more languages, the worker ends
                if next_lang is None:
                    done.append((conn, workers.pop(conn)[0]))
                else:
                    workers[conn] = (worker, next_lang)
    finally:
        for conn, worker in [*done, *((conn, worker) for conn, (worker, _lang) in workers.items())]:
            worker.join(timeout=5 if not workers else 0)
            if worker.is_alive():
                worker.terminate()
            conn.close()
        opendata.forget()  # the sizes were this build's; the files' content is only on disk
    return [results[lang] for lang in langs]


def _open_data_worker(conn: Any, elsewhere: Any, catalogue: Any, out: Path, day: dt.date) -> None:
    try:
        elsewhere.make(catalogue, out, day)
        conn.send(("ok", None))
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        conn.send(("error", traceback.format_exc()))


_WARMED: set[tuple[Path, tuple[str, ...]]] = set()


def _warm_up(languages: list[str], config_file: Path) -> None:
    """Do once, before forking, what every worker would do first: import mkdocs and the theme, read
    every language's UI strings (each page names all languages) and hyphenation patterns (a title
    may fall back to another language), compile our page templates and
    the theme's (into ``plugin.THEME_TEMPLATES``, which each worker's template environment reads).
    ``civicat build`` does this while the loader's helper parses (``load_catalogue``)."""
    key = (Path(config_file), tuple(languages))
    if key in _WARMED:
        return
    import mkdocs.commands.build  # noqa: F401
    import mkdocs.config  # noqa: F401

    from . import plugin  # noqa: F401 - jinja's bytecode cache
    from .. import search  # noqa: F401 - the index builder and its stemmers
    from ..render import env as render_env
    from ..render import hyphens
    from ..render.strings import Strings

    for lang in languages:
        Strings(lang)
    hyphens.load(languages)
    ours = render_env.environment()
    for name in ours.list_templates(extensions=["html"]):
        ours.get_template(name)
    try:
        _compile_theme(Path(config_file), languages)
    except Exception:  # noqa: BLE001 - only a head start: each build compiles what it needs anyway
        log.debug("compiling the theme's templates ahead failed", exc_info=True)
    _WARMED.add(key)
    gc.freeze()  # what the warm-up made lives on in every worker


def _compile_theme(config_file: Path, languages: list[str]) -> None:
    """Compile the theme templates a build renders (main.html, the static templates, everything they
    include or import, each language's strings) into the shared bytecode cache: 0.2–0.3 s that
    every worker would otherwise spend on its first language."""
    from jinja2 import TemplateNotFound, meta
    from mkdocs.config import load_config

    from .plugin import THEME_TEMPLATES, theme_loader

    cfg = load_config(config_file=str(config_file))
    env = cfg.theme.get_env()
    env.loader = theme_loader(env.loader)
    env.bytecode_cache = THEME_TEMPLATES
    todo = ["main.html", *cfg.theme.static_templates, *(f"partials/languages/{lang}.html" for lang in {*languages, "en"})]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen or not name.endswith((".html", ".xml")):
            continue
        seen.add(name)
        try:
            source = env.loader.get_source(env, name)[0]
        except TemplateNotFound:
            continue
        env.get_template(name)
        todo.extend(found for found in meta.find_referenced_templates(env.parse(source)) if found)


def _worker(conn: Any, config_file: Path, out: Path, catalogue: Any, today: dt.date | None) -> None:
    while (lang := conn.recv()) is not None:
        try:
            conn.send(("ok", _build_language(config_file, lang, out, catalogue, today)))
        except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
            conn.send(("error", traceback.format_exc()))
            return
        gc.collect()  # the finished language's pages (mkdocs links pages and files both ways)


def default_jobs(languages: int) -> int:
    """Languages to build at a time: one more than the cores, so that the last languages do not
    leave a core idle (5 languages on 2 cores: 3 at a time finish when 2 at a time would be only
    half done with the fifth); at most one per language."""
    return max(1, min(languages, (os.cpu_count() or 1) + 1))
