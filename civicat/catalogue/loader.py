"""Loading a catalogue directory: every file read, every problem collected, then one verdict."""

from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from .diagnostics import CatalogueError, Diagnostic
from .errors import translate
from .model import KINDS, Form, Office, Service, Site, Topics
from .source import Source, read

FOLDERS = {"office": "offices", "service": "services", "form": "forms"}


@dataclass
class Page:
    """A free Markdown page from catalogue/pages/ (imprint, privacy …)."""

    name: str
    path: Path
    text: str


@dataclass
class Catalogue:
    """A loaded catalogue. Every object's ``id`` is filled in (from its file name when not written)."""

    root: Path
    site: Site
    topics: Topics
    offices: dict[str, Office] = field(default_factory=dict)
    services: dict[str, Service] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    pages: dict[str, Page] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)
    sources: dict[tuple[str, str], Source] = field(default_factory=dict)
    """Where each object was written: (kind, id) → its Source, for messages that point into files."""


def shown_path(path: Path) -> str:
    """The path as the editor would type it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


@dataclass
class _Parsed:
    source: Source
    obj: Any


def _parse(path: Path, model: type[BaseModel], problems: list[Diagnostic], default_id: str | None = None,
           read_already: tuple[Source | None, list[Diagnostic]] | None = None) -> _Parsed | None:
    src, found = read_already or _read(path)
    problems.extend(found)
    if src is None or src.data is None:
        return None
    shown = src.path
    if not isinstance(src.data, dict):
        problems.append(Diagnostic.error(shown, 1, 1, "(file)", "the file must hold keys like `title: …`, not a single value or list",
                                         "start each line of the top level with a key followed by a colon"))
        return None
    if default_id is not None and "id" not in src.data:
        src.data = {"id": default_id, **src.data}
    try:
        obj = model.model_validate(src.data)
    except ValidationError as exc:
        problems.extend(translate(src, model, exc))
        return _Parsed(src, None)
    return _Parsed(src, obj)


def _read(path: Path) -> tuple[Source | None, list[Diagnostic]]:
    """One file read and parsed (not yet checked against the model)."""
    shown = shown_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        return None, [Diagnostic.error(shown, line, 1, "(file)", "the file is not UTF-8 text",
                                       "save it as UTF-8 in your editor (File → Save with encoding)")]
    return read(shown, text)


Meanwhile = Callable[[Any], None]
"""Work for this process while a helper parses (``collect``'s ``meanwhile``); gets the Site or None."""


def _read_all(paths: list[Path], meanwhile: Meanwhile | None = None,
              site: Any = None) -> list[tuple[Source | None, list[Diagnostic]]]:
    """Every file read and parsed; a large catalogue on two cores or more in two processes.

    Parsing YAML is most of loading (at 2,000 services: 1.9 s of 2.6 s). A forked helper parses
    the second half and sends back the data without the node trees (``Source.without_tree``),
    which are composed again only for a file with a problem to point into. With ``meanwhile``
    this process parses a smaller share and then does that work (``civicat build`` prepares its
    language workers) before it takes the helper's files."""
    if len(paths) < PARALLEL_FROM or (os.cpu_count() or 1) < 2 or not _can_fork():
        return [_read(path) for path in paths]
    import concurrent.futures
    import multiprocessing

    mine = int(len(paths) * (OWN_SHARE_WITH_WORK if meanwhile else 0.5))
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        theirs = pool.submit(_read_light, paths[mine:])
        ours = [_read(path) for path in paths[:mine]]
        if meanwhile is not None:
            meanwhile(site)
        return ours + theirs.result()


PARALLEL_FROM = 400
"""Files from which reading is split over two processes (below it, starting one costs more)."""
OWN_SHARE_WITH_WORK = 0.4
"""This process's share of the files when it has ``meanwhile`` work: measured at 2,000 services,
the build's preparation (~0.5 s) then ends when the helper does."""


def _read_light(paths: list[Path]) -> list[tuple[Source | None, list[Diagnostic]]]:
    gc.disable()  # the helper lives only for this
    return [(src.without_tree() if src is not None else None, problems) for src, problems in map(_read, paths)]


def _can_fork() -> bool:
    """Forking is safe only from a process with no other threads: a thread could hold a lock that
    the child then waits for forever (``civicat serve`` has threads; it reads single files)."""
    import multiprocessing
    import threading

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


def _files(folder: Path) -> list[Path]:
    found = sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    return [p for p in found if not any(part.startswith(".") for part in p.relative_to(folder).parts)]


@contextlib.contextmanager
def _gc_paused():
    """Pause the cyclic garbage collector while loading.

    Reading builds hundreds of thousands of small objects that live as long as the catalogue; the
    collector would walk them again and again (measured: 2.7 s of 4.7 s for 2,000 services).
    Nothing here forms reference cycles that need it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        # Move what was loaded out of the collector's view before it runs again: re-enabled, it
        # would otherwise walk all of it at the next allocation (measured: 1.4 s of 5.7 s).
        # Refcounting still frees these objects when the catalogue is dropped.
        gc.freeze()
        if was_enabled:
            gc.enable()


def collect(root: Path, *, meanwhile: Meanwhile | None = None) -> tuple[Catalogue | None, list[Diagnostic]]:
    """Read and check a catalogue; returns it (None when it cannot be built) and all diagnostics.
    ``meanwhile`` runs while a helper process parses (large catalogues only; it may not run)."""
    with _gc_paused():
        return _collect(Path(root), meanwhile)


def _collect(root: Path, meanwhile: Meanwhile | None = None) -> tuple[Catalogue | None, list[Diagnostic]]:
    from .checks import check  # checks import the loader's types

    root = Path(root)
    problems: list[Diagnostic] = []
    if not root.is_dir():
        problems.append(Diagnostic.error(shown_path(root), 1, 1, "(folder)", "the catalogue folder does not exist",
                                         "pass the folder that holds site.yaml, e.g. `civicat validate catalogue/`"))
        return None, problems

    singles: dict[str, _Parsed | None] = {}
    for name, model in (("site", Site), ("topics", Topics)):
        path = root / f"{name}.yaml"
        if not path.exists():
            problems.append(Diagnostic.error(shown_path(path), 1, 1, "(file)", f"{name}.yaml is missing",
                                             f"create it; `civicat new {name}` is not needed — copy the demo's catalogue/{name}.yaml"))
            singles[name] = None
            continue
        singles[name] = _parse(path, model, problems)

    parsed: dict[str, list[tuple[str, _Parsed]]] = {kind: [] for kind in FOLDERS}
    files = [(kind, path) for kind, folder in FOLDERS.items() for path in _files(root / folder)]
    site_read = singles.get("site")
    read_all = _read_all([path for _kind, path in files], meanwhile, site_read.obj if site_read else None)
    for (kind, path), done in zip(files, read_all):
        item = _parse(path, KINDS[kind], problems, default_id=path.stem, read_already=done)
        if item is not None:
            parsed[kind].append((kind, item))
    for kind, folder in FOLDERS.items():
        stray = [p for p in (root / folder).rglob("*") if p.is_file() and p.suffix not in (".yaml", ".yml", ".md")
                 and not p.name.startswith(".")] if (root / folder).is_dir() else []
        for path in stray:
            problems.append(Diagnostic.warning(shown_path(path), 1, 1, "(file)", "this file is ignored",
                                               "only .yaml files are read here; rename it to .yaml or move it"))

    pages: dict[str, Page] = {}
    if (root / "pages").is_dir():
        for path in sorted((root / "pages").glob("*.md")):
            pages[path.stem] = Page(path.stem, path, path.read_text(encoding="utf-8"))

    site = singles["site"].obj if singles.get("site") else None
    topics = singles["topics"].obj if singles.get("topics") else None
    catalogue = None
    if site is not None and topics is not None:
        catalogue = Catalogue(root=root, site=site, topics=topics, pages=pages)
        catalogue.sources[("site", "site")] = singles["site"].source  # type: ignore[union-attr]
        catalogue.sources[("topics", "topics")] = singles["topics"].source  # type: ignore[union-attr]
    problems.extend(check(catalogue, parsed, singles))
    if any(p.severity == "error" for p in problems):
        return None, _ordered(problems)
    assert catalogue is not None
    catalogue.warnings = _ordered(problems)
    return catalogue, catalogue.warnings


def _ordered(problems: list[Diagnostic]) -> list[Diagnostic]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda d: (d.path, d.line, d.col, d.key, d.message))


def load(root: Path | str, *, meanwhile: Meanwhile | None = None) -> Catalogue:
    """Load a catalogue or raise :class:`CatalogueError` listing every error found."""
    catalogue, problems = collect(Path(root), meanwhile=meanwhile)
    if catalogue is None:
        raise CatalogueError(problems)
    return catalogue
