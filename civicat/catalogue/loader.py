"""Loading a catalogue directory: every file read, every problem collected, then one verdict.

The one place that builds a ``Catalogue``: ``collect``/``load`` for a whole folder, and
``recheck`` + ``apply`` for one file read again while ``civicat serve`` runs. The checks across
files (``checks``) only report.
"""

from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from pydantic import BaseModel, ValidationError

from .checks import check, check_file
from .diagnostics import CatalogueError, Diagnostic
from .errors import translate
from .loaded import Catalogue, Ids, Page, Parsed
from .model import KINDS, Site, Topics
from .source import Source, read

FOLDERS = {"office": "offices", "service": "services", "form": "forms"}


def shown_path(path: Path) -> str:
    """The path as the editor would type it: relative to the working directory when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _parse(path: Path, model: type[BaseModel], problems: list[Diagnostic], default_id: str | None = None,
           read_already: tuple[Source | None, list[Diagnostic]] | None = None) -> Parsed | None:
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
        return Parsed(src, None)
    return Parsed(src, obj)


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
    root = Path(root)
    problems: list[Diagnostic] = []
    if not root.is_dir():
        problems.append(Diagnostic.error(shown_path(root), 1, 1, "(folder)", "the catalogue folder does not exist",
                                         "pass the folder that holds site.yaml, e.g. `civicat validate catalogue/`"))
        return None, problems

    singles: dict[str, Parsed | None] = {}
    for name, model in (("site", Site), ("topics", Topics)):
        path = root / f"{name}.yaml"
        if not path.exists():
            problems.append(Diagnostic.error(shown_path(path), 1, 1, "(file)", f"{name}.yaml is missing",
                                             f"create it; `civicat new {name}` is not needed — copy the demo's catalogue/{name}.yaml"))
            singles[name] = None
            continue
        singles[name] = _parse(path, model, problems)

    parsed: dict[str, list[Parsed]] = {kind: [] for kind in FOLDERS}
    files = [(kind, path) for kind, folder in FOLDERS.items() for path in _files(root / folder)]
    site_read = singles.get("site")
    read_all = _read_all([path for _kind, path in files], meanwhile, site_read.obj if site_read else None)
    for (kind, path), done in zip(files, read_all):
        item = _parse(path, KINDS[kind], problems, default_id=path.stem, read_already=done)
        if item is not None:
            parsed[kind].append(item)
    for kind, folder in FOLDERS.items():
        stray = [p for p in (root / folder).rglob("*") if p.is_file() and p.suffix not in (".yaml", ".yml", ".md")
                 and not p.name.startswith(".")] if (root / folder).is_dir() else []
        for path in stray:
            problems.append(Diagnostic.warning(shown_path(path), 1, 1, "(file)", "this file is ignored",
                                               "only .yaml files are read here; rename it to .yaml or move it", "ignored-file"))

    pages: dict[str, Page] = {}
    if (root / "pages").is_dir():
        for path in sorted((root / "pages").glob("*.md")):
            pages[path.stem] = Page(path.stem, path, path.read_text(encoding="utf-8"))

    ids, duplicates = _index(parsed)
    problems.extend(check(parsed, singles, _sources(ids), duplicates, pages))
    if any(p.severity == "error" for p in problems):
        return None, _ordered(problems)
    site, topics = singles["site"], singles["topics"]
    assert site is not None and topics is not None  # no errors: both were read
    catalogue = Catalogue(root=root, site=site.obj, topics=topics.obj, pages=pages)
    catalogue.sources[("site", "site")] = site.source
    catalogue.sources[("topics", "topics")] = topics.source
    for kind, by_id in ids.items():
        for oid, item in by_id.items():
            catalogue.objects(kind)[oid] = item.obj
            catalogue.sources[(kind, oid)] = item.source
    catalogue.warnings = _ordered(problems)
    return catalogue, catalogue.warnings


def _sources(ids: dict[str, dict[str, Parsed]]) -> Ids:
    return {kind: {oid: item.source for oid, item in by_id.items()} for kind, by_id in ids.items()}


def _index(parsed: dict[str, list[Parsed]]) -> tuple[dict[str, dict[str, Parsed]], list[tuple[str, Parsed, Source]]]:
    """Every object's id → its parsed file (the first, when two use one id), and each later file
    that uses an id again with the first one's source."""
    ids: dict[str, dict[str, Parsed]] = {kind: {} for kind in parsed}
    duplicates: list[tuple[str, Parsed, Source]] = []
    for kind, items in parsed.items():
        for item in items:
            raw_id = item.source.data.get("id") if isinstance(item.source.data, dict) else None
            if not isinstance(raw_id, str):
                continue
            if raw_id in ids[kind]:
                duplicates.append((kind, item, ids[kind][raw_id].source))
            else:
                ids[kind][raw_id] = item
    return ids, duplicates


def _ordered(problems: list[Diagnostic]) -> list[Diagnostic]:
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda d: (d.path, d.line, d.col, d.key, d.message))


def load(root: Path | str, *, meanwhile: Meanwhile | None = None) -> Catalogue:
    """Load a catalogue or raise :class:`CatalogueError` listing every error found."""
    catalogue, problems = collect(Path(root), meanwhile=meanwhile)
    if catalogue is None:
        raise CatalogueError(problems)
    return catalogue


@dataclass
class Recheck:
    """One file of a loaded catalogue read and checked again (``recheck``)."""

    kind: str
    """office, service or form"""
    item: Parsed | None
    """The file as read; None when it holds no keys at all or is gone. ``item.obj`` is None when
    the model refused it."""
    problems: list[Diagnostic]
    removed: str | None = None
    """The id of the object whose file was deleted (then ``item`` is None)."""
    path: str = ""
    """The file, as messages name it."""

    @property
    def ok(self) -> bool:
        """Whether it can go into the catalogue (or, deleted, out of it): no errors."""
        if any(p.severity == "error" for p in self.problems):
            return False
        return self.removed is not None or (self.item is not None and self.item.obj is not None)


def kind_of(catalogue: Catalogue, path: Path) -> str | None:
    """office, service or form for a file in that kind's folder of ``catalogue``, else None."""
    try:
        first = Path(path).resolve().relative_to(Path(catalogue.root).resolve()).parts[0]
    except (ValueError, IndexError):
        return None
    return next((kind for kind, folder in FOLDERS.items() if folder == first), None)


def recheck(catalogue: Catalogue, path: Path) -> Recheck:
    """Read an office, service or form file of ``catalogue`` again — edited, new or deleted — and
    check it as ``load`` would: the file itself, its references to the rest of the catalogue, its
    languages; for a deleted file, what still refers to its id. The same messages as a full load,
    in a fraction of its time (``civicat serve`` after a change)."""
    kind = kind_of(catalogue, path)
    if kind is None:
        raise ValueError(f"{path} is not in the offices/, services/ or forms/ folder of {catalogue.root}")
    if not Path(path).exists():
        return _recheck_deleted(catalogue, kind, Path(path))
    problems: list[Diagnostic] = []
    item = _parse(Path(path), KINDS[kind], problems, default_id=Path(path).stem)
    if item is not None and item.obj is not None:
        problems.extend(check_file(kind, item, catalogue.ids(), catalogue.terms(), catalogue.site))
        first = catalogue.sources.get((kind, item.obj.id))
        if first is not None and Path(first.path).resolve() != Path(path).resolve():
            line, col = item.source.where(("id",))
            problems.append(Diagnostic.error(item.source.path, line, col, "id",
                                             f'duplicate {kind} id "{item.obj.id}" (also used by {first.path})',
                                             "give one of them another id (the id defaults to the file name)"))
    return Recheck(kind, item, _ordered(problems), path=shown_path(Path(path)))


def _recheck_deleted(catalogue: Catalogue, kind: str, path: Path) -> Recheck:
    """A deleted file: which object it held, and every file that still refers to that object."""
    where = path.resolve()
    gone = next((oid for (k, oid), src in catalogue.sources.items() if k == kind and Path(src.path).resolve() == where), None)
    if gone is None:
        return Recheck(kind, None, [], path=shown_path(path))  # never read (an editor's temporary file)
    ids = catalogue.ids()
    del ids[kind][gone]
    problems: list[Diagnostic] = []
    for (other_kind, oid), src in catalogue.sources.items():
        obj = catalogue.objects(other_kind).get(oid) if other_kind in ids else None
        if obj is None or (other_kind, oid) == (kind, gone) or not _refers_to(obj, gone):
            continue
        found = check_file(other_kind, Parsed(src, obj), ids, catalogue.terms(), catalogue.site)
        problems.extend(p for p in found if p.severity == "error")
    site = catalogue.sources.get(("site", "site"))
    if kind == "office" and catalogue.site.main_office == gone and site is not None:
        problems.append(Diagnostic.error(site.path, *site.where(("main_office",)), "main_office",
                                         f'there is no office with id "{gone}"',
                                         "use the id of an existing office (catalogue/offices/) or create it"))
    return Recheck(kind, None, _ordered(problems), removed=gone, path=shown_path(path))


def _refers_to(obj: Any, oid: str) -> bool:
    """Whether an object names ``oid`` anywhere among its references (ids are only ever values)."""
    return oid in {getattr(obj, "recipient", None), getattr(obj, "service", None)} or any(
        oid in (getattr(obj, name, None) or []) for name in ("offices", "forms", "related"))


def apply(catalogue: Catalogue, done: Recheck) -> Any:
    """Put the object of a successful ``recheck`` in place of the one with its id (or take it out,
    when its file was deleted); the file's warnings replace its old ones. Returns the object it
    replaced or removed (None if it is new)."""
    if not done.ok:
        raise ValueError("only a recheck without errors can be applied")
    if done.removed is not None:
        source = catalogue.sources.pop((done.kind, done.removed))
        catalogue.warnings = [w for w in catalogue.warnings if w.path != source.path]
        return catalogue.objects(done.kind).pop(done.removed)
    assert done.item is not None
    obj, source = done.item.obj, done.item.source
    objects = catalogue.objects(done.kind)
    old = objects.get(obj.id)
    objects[obj.id] = obj
    catalogue.sources[(done.kind, obj.id)] = source
    catalogue.warnings = _ordered([w for w in catalogue.warnings if w.path != source.path] + done.problems)
    return old
