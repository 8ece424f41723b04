"""``civicat serve`` between edits: an edited service is written again in a fraction of a second.

A full build of 2,000 services in 5 languages takes about 15 s (BENCHMARKS.md); an editor who saves a file
wants to see the page at once. So serve keeps the loaded catalogue and, per language, the mkdocs
build's state (config, theme environment, files, navigation: ``CivicatPlugin.built``). When only
existing service files changed, each is read and checked again on its own (with its references
to the rest of the catalogue), and only the pages that show something of it are rendered and
written: its own page in every language first, then the lists it appears in
(``civicat.render.affected``) and the search index. Anything else — site.yaml, topics, offices,
forms, free pages, a new, deleted or renamed file — rebuilds everything, as before.
"""

from __future__ import annotations

import gc
import sys
import time
import traceback
from pathlib import Path
from typing import Any

from ..catalogue import CatalogueError, apply, recheck
from ..catalogue.diagnostics import Diagnostic
from ..mkdocs.build import load_catalogue

STILL_SERVING = "civicat serve: the catalogue has errors; still serving the last good build."


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

    # -- full builds ---------------------------------------------------------------------------
    def build(self) -> bool:
        """Load, check and build everything (keeping each language's state); False on errors."""
        from .. import contract
        from ..mkdocs.build import build_site

        started = time.perf_counter()
        try:
            loaded = load_catalogue(self.catalogue_dir)
        except CatalogueError as exc:
            _report(exc.diagnostics)
            self.complete = False
            return False
        replaced = bool(self.configs)
        self.configs = {}  # let the previous build's state go before the next one is made
        report = build_site(self.catalogue_dir, self.out, catalogue=loaded, keep=True)
        self.contract.parent.mkdir(parents=True, exist_ok=True)
        contract.write(loaded, self.contract)  # the API re-reads it when it changes
        self.catalogue, self.configs, self.complete = loaded, report.configs, True
        self.service_files = {Path(src.path).resolve(): sid for (kind, sid), src in loaded.sources.items() if kind == "service"}
        self.pending, self.unindexed, self.deferred = {}, set(), None
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
            services = self._edited_services(paths)
            return self.build() if services is None else self.update(services)
        except Exception:  # a bug must not stop the watcher: say it, and rebuild everything next time
            traceback.print_exc()
            self.complete = False
            print(STILL_SERVING.replace("the catalogue has errors", "the update failed"), file=sys.stderr)
            return False

    def _edited_services(self, paths: list[str]) -> dict[str, Path] | None:
        """{service id: file} when every changed file is an existing service's file, else None."""
        if not self.complete or not paths:
            return None
        found: dict[str, Path] = {}
        for name in paths:
            path = Path(name).resolve()
            if path not in self.service_files or not path.is_file():
                return None  # new, deleted or not a service: the rest of the site may depend on it
            found[self.service_files[path]] = path
        return found

    def update(self, services: dict[str, Path]) -> bool:
        """Check the edited service files; write their pages now and the pages that list them soon."""
        from ..render.affected import after_service_edit

        started = time.perf_counter()
        edits = []
        for sid, path in services.items():
            done = recheck(self.catalogue, path)
            if any(p.severity == "error" for p in done.problems):
                _report(done.problems)
                return False
            if not done.ok or done.item.obj.id != sid:
                return self.build()  # emptied or renamed: other files may refer to it
            edits.append((sid, done))
        own: set[str] = set()
        for sid, done in edits:
            old = apply(self.catalogue, done)
            page, listing = after_service_edit(self.catalogue, sid, old, done.item.obj)
            own.add(page)
            for lang in self.configs:
                self.pending.setdefault(lang, set()).update(listing)
        for lang, plugin in self.plugins():
            plugin.forget()
            plugin.refresh(own)
            self.pending[lang] -= own
            self.unindexed.add(lang)  # the index is large (7 KB a page): written with the rest, soon after
        self.deferred = sum(len(paths) for paths in self.pending.values())
        self.deferring_since = time.perf_counter()
        count = len(edits)
        print(f"civicat serve: updated {count} service{'s' if count != 1 else ''} in "
              f"{(time.perf_counter() - started) * 1000:.0f} ms (in {len(self.configs)} languages); "
              f"{self.deferred} pages that list {'them' if count != 1 else 'it'} follow", file=sys.stderr)
        return True

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


def _report(problems: list[Diagnostic]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(STILL_SERVING, file=sys.stderr)
