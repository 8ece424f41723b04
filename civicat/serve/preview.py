"""``civicat serve`` between edits: a service file edited, added or deleted is written again in a
fraction of a second, and the editor sees in the browser when a change is not live.

A full build of 2,000 services in 5 languages takes about 15 s (BENCHMARKS.md); an editor who saves a file
wants to see the page at once. So serve keeps the loaded catalogue and, per language, the mkdocs
build's state (config, theme environment, files, navigation: ``CivicatPlugin.built``). When only
service files changed — edited, new or deleted — each is read and checked again on its own (with
its references to the rest of the catalogue: ``recheck``), and only the pages that show something
of it are rendered, written or removed: its own page in every language first, then the lists it
appears in (``civicat.render.affected``) and the search index. Anything else — site.yaml, topics,
offices, forms, free pages — rebuilds everything, as before.

A change with errors keeps the last good pages, and the preview says so on every page: it writes
the errors to ``/_preview/status.json`` in the served folder, which a small script (``overlay/``,
loaded only by preview builds) shows as a banner until the file is fixed.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from ..catalogue import CatalogueError, apply, recheck
from ..catalogue.diagnostics import Diagnostic
from ..mkdocs.build import load_catalogue

STILL_SERVING = "civicat serve: the catalogue has errors; still serving the last good build."
OVERLAY = Path(__file__).with_name("overlay")
"""The banner's script and styles, copied to ``/_preview/`` of the served folder."""
SHOWN_ERRORS = 10
"""Errors listed in the banner; the terminal has all of them."""


class Preview:
    """The served site and what is needed to write its pages again."""

    def __init__(self, catalogue_dir: Path, out: Path, contract: Path):
        self.catalogue_dir = Path(catalogue_dir)
        self.out = Path(out)
        self.contract = contract
        self.catalogue: Any = None
        self.configs: dict[str, Any] = {}
        self.complete = False
        """False after a full rebuild failed: the kept state is older than other files on disk."""
        self.service_files: dict[Path, str] = {}
        """Each service's file → its id."""
        self.pending: dict[str, set[str]] = {}
        """Language → pages still to write after an edit (lists that show the edited services)."""
        self.unindexed: set[str] = set()
        """Languages whose search index is still to be written after an edit."""
        self.deferred: int | None = None
        self.deferring_since = 0.0
        self.words: dict[str, Any] = {}
        """The banner's words in each language of the site (``civicat/i18n``, section ``preview``)."""
        self.unapplied: set[Path] = set()
        """Service files whose last change had errors: checked again with every change (a fix in
        another file may resolve them), until they go in or a full build reads everything anew."""

    # -- full builds ---------------------------------------------------------------------------
    def build(self) -> bool:
        """Load, check and build everything (keeping each language's state); False on errors."""
        from .. import contract
        from ..mkdocs.build import build_site

        started = time.perf_counter()
        try:
            loaded = load_catalogue(self.catalogue_dir)
        except CatalogueError as exc:
            self._failed(exc.diagnostics)
            self.complete = False
            return False
        replaced = bool(self.configs)
        self.configs = {}  # let the previous build's state go before the next one is made
        report = build_site(self.catalogue_dir, self.out, catalogue=loaded, keep=True, preview=True)
        self._install_overlay(loaded)
        self.contract.parent.mkdir(parents=True, exist_ok=True)
        contract.write(loaded, self.contract)  # the API re-reads it when it changes
        from ..render.shell import write_for_functions

        # The frame of the API's own pages, beside the contract (read again when it changes).
        write_for_functions(self.out, list(report.languages), self.contract.parent, str(loaded.site.base_url))
        self.catalogue, self.configs, self.complete = loaded, report.configs, True
        self.service_files = {Path(src.path).resolve(): sid for (kind, sid), src in loaded.sources.items() if kind == "service"}
        self.pending, self.unindexed, self.deferred, self.unapplied = {}, set(), None, set()
        self._status([])
        # What is kept lives until the next full build; the collector need not walk it after
        # every edit (a full collection over it takes seconds at 2,000 services). The build it
        # replaces (pages and files link each other) is collected first.
        if replaced:
            gc.collect()
        gc.freeze()
        print(f"civicat serve: built {sum(report.pages.values()) + 1} pages in {time.perf_counter() - started:.1f} s",
              file=sys.stderr)
        return True

    # -- edits -----------------------------------------------------------------------------------
    def changed(self, paths: list[str]) -> bool:
        """Bring the site up to date after ``paths`` changed; False when the catalogue has errors."""
        try:
            services = self._service_changes(paths)
            return self.build() if services is None else self.update(services)
        except Exception:  # a bug must not stop the watcher: say it, and rebuild everything next time
            traceback.print_exc()
            self.complete = False
            print(STILL_SERVING.replace("the catalogue has errors", "the update failed"), file=sys.stderr)
            return False

    def _service_changes(self, paths: list[str]) -> list[Path] | None:
        """The service files among ``paths`` (edited, new or deleted) when nothing else changed
        that the loader reads; None when the whole site must be built again."""
        if not self.complete or not paths:
            return None
        services = (self.catalogue_dir / "services").resolve()
        found: list[Path] = []
        for name in paths:
            path = Path(name).resolve()
            if path in self.service_files or (path.suffix in (".yaml", ".yml") and path.is_relative_to(services)
                                              and not any(part.startswith(".") for part in path.relative_to(services).parts)):
                found.append(path)
            elif path.name.startswith(".") or not path.exists():
                continue  # an editor's temporary or backup file: the loader never reads it
            else:
                return None  # site.yaml, topics, offices, forms, pages: the rest of the site may depend on it
        return found

    def update(self, paths: list[Path]) -> bool:
        """Check the changed service files (and those whose last change had errors); take each
        that has none into the catalogue, write its page now and the pages that list it soon."""
        from ..render.affected import after_service_edit

        started = time.perf_counter()
        todo = sorted(set(paths) | self.unapplied, key=lambda path: (not path.exists(), str(path)))  # deletions last
        applied: list[tuple[Path, Any, Any]] = []
        problems: dict[Path, list[Diagnostic]] = {}
        progress = True
        while todo and progress:  # again while one went in: a new file may be what another refers to
            progress = False
            for path in list(todo):
                done = recheck(self.catalogue, path)
                errors = [p for p in done.problems if p.severity == "error"]
                if errors:  # a YAML or model error too: the file is kept as it was until fixed
                    problems[path] = errors
                    continue
                if done.item is None and done.removed is None:
                    if path.exists():
                        return self.build()  # no keys at all: other files may refer to it
                    todo.remove(path)  # gone before it was ever read
                    continue
                if done.item is not None and path in self.service_files and done.item.obj.id != self.service_files[path]:
                    return self.build()  # renamed: other files may refer to the old id
                applied.append((path, done, apply(self.catalogue, done)))
                todo.remove(path)
                problems.pop(path, None)
                progress = True
        self.unapplied = set(todo)
        if applied:
            self._write(applied, after_service_edit, started)
        errors = [problem for path in todo for problem in problems.get(path, [])]
        if errors:
            self._failed(errors)
            return False
        self._status([])
        return True

    def _write(self, applied: list[tuple[Path, Any, Any]], after_service_edit: Any, started: float) -> None:
        own: set[str] = set()
        gone: set[str] = set()
        for path, done, old in applied:
            sid = done.removed or done.item.obj.id
            new = None if done.removed else done.item.obj
            page, listing = after_service_edit(self.catalogue, sid, old, new)
            (gone if new is None else own).add(page)
            if new is None:
                self.service_files.pop(path, None)
            else:
                self.service_files[path] = sid
            for lang in self.configs:
                self.pending.setdefault(lang, set()).update(listing)
        for lang, plugin in self.plugins():
            plugin.forget()
            plugin.remove(gone)
            plugin.refresh(own)
            self.pending[lang] -= own | gone
            self.unindexed.add(lang)  # the index is large (7 KB a page): written with the rest, soon after
        self.deferred = sum(len(paths) for paths in self.pending.values())
        self.deferring_since = time.perf_counter()
        count, new, deleted = len(applied), sum(old is None for _p, _d, old in applied), len(gone)
        changes = f" ({new} new, {deleted} deleted)" if new or deleted else ""
        print(f"civicat serve: updated {count} service{'s' if count != 1 else ''} in "
              f"{(time.perf_counter() - started) * 1000:.0f} ms{changes} (in {len(self.configs)} languages); "
              f"{self.deferred} pages that list {'them' if count != 1 else 'it'} follow", file=sys.stderr)

    def idle(self, seconds: float) -> bool:
        """Write pages that list edited services for about ``seconds``: the watcher calls this
        between looks at the catalogue, so a new edit never waits for them. True while some are left."""
        deadline = time.perf_counter() + seconds
        try:
            for lang, plugin in self.plugins():
                paths = self.pending.get(lang)
                while paths and time.perf_counter() < deadline:
                    plugin.refresh({paths.pop()})
                if not paths and lang in self.unindexed and time.perf_counter() < deadline:
                    plugin.write_search_index()
                    self.unindexed.discard(lang)
        except Exception:  # as in `changed`: say it, keep watching, rebuild everything next time
            traceback.print_exc()
            self.complete, self.pending, self.unindexed = False, {}, set()
            return False
        if any(self.pending.values()) or self.unindexed:
            return True
        if self.deferred is not None:
            print(f"civicat serve: updated the {self.deferred} pages that list the edit and the search index in "
                  f"{time.perf_counter() - self.deferring_since:.1f} s", file=sys.stderr)
            self.deferred = None
        return False

    def plugins(self) -> list[tuple[str, Any]]:
        """(language, its civicat plugin), the site's default language first."""
        return [(lang, config.plugins["civicat"]) for lang, config in self.configs.items()]

    # -- what the editor sees ------------------------------------------------------------------
    def _failed(self, problems: list[Diagnostic]) -> None:
        """Errors keep the last good pages: say so in the terminal and on every page."""
        for problem in problems:
            print(problem, file=sys.stderr)
        print(STILL_SERVING, file=sys.stderr)
        self._status([p for p in problems if p.severity == "error"])

    def _status(self, errors: list[Diagnostic]) -> None:
        """``/_preview/status.json``: the errors the banner shows (none: no banner)."""
        if not (self.out / "_preview").is_dir():
            return  # no build yet: nothing is served
        data = {
            "count": len(errors),
            "errors": [{"where": f"{e.path}:{e.line}:{e.col}", "key": e.key, "message": e.message, "fix": e.fix}
                       for e in errors[:SHOWN_ERRORS]],
            "more": max(0, len(errors) - SHOWN_ERRORS),
            "words": self.words,
        }
        _write_atomically(json.dumps(data, ensure_ascii=False).encode("utf-8"), self.out / "_preview" / "status.json")

    def _install_overlay(self, catalogue: Any) -> None:
        """The banner's files into the served folder, and its script into the language chooser
        page (the language pages load it themselves: a preview build)."""
        from ..render.strings import Strings

        folder = self.out / "_preview"
        folder.mkdir(parents=True, exist_ok=True)
        for path in OVERLAY.iterdir():
            shutil.copyfile(path, folder / path.name)
        self.words = {lang: Strings(lang).get("preview") for lang in dict.fromkeys([*catalogue.site.languages, "en"])}
        root = self.out / "index.html"
        if root.exists():
            html = root.read_text(encoding="utf-8")
            if PREVIEW_SCRIPT not in html:
                root.write_text(html.replace("</head>", f"{PREVIEW_SCRIPT}\n</head>", 1), encoding="utf-8")


PREVIEW_SCRIPT = '<script src="/_preview/preview.js" defer></script>'


def _write_atomically(data: bytes, path: Path) -> None:
    """A reader (the banner's script polls the file) sees the old or the new file, whole."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    partial.write_bytes(data)
    os.replace(partial, path)
