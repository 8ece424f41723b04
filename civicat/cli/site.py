"""``civicat build [--out DIR] [--lang de,en]`` and ``civicat render --out DIR --lang de``.

Added to the command line by ``civicat.cli`` (``add_parser``); each subcommand's ``func`` returns
the exit code: 0 built (warnings allowed), 1 the catalogue has errors (nothing built).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path


SHOWN_WARNINGS = 10
"""Warnings a build prints before it refers to `civicat validate` (a build log is no editing tool)."""


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    build = subparsers.add_parser("build", help="build the website: one mkdocs build per language into DIR/<lang>/")
    build.add_argument("dir", nargs="?", default="catalogue", help="the catalogue folder (default: catalogue)")
    build.add_argument("--out", default="site", help="output folder (default: site)")
    build.add_argument("--lang", help="comma-separated languages to build (default: all of site.yaml)")
    build.add_argument("-v", "--verbose", action="store_true", help="print every warning, not only the first ten")
    build.add_argument("-j", "--jobs", type=int, help="languages to build at a time (default: one more than the cores)")
    build.set_defaults(func=run)
    render = subparsers.add_parser(
        "render", help="write one language's site as a project that Zensical (Material's successor) builds: "
                       "DIR/mkdocs.yml, DIR/docs/, DIR/overrides/; then `zensical build` in DIR")
    render.add_argument("dir", nargs="?", default="catalogue", help="the catalogue folder (default: catalogue)")
    render.add_argument("--out", required=True, help="the project folder to write (its docs/ and overrides/ are replaced)")
    render.add_argument("--lang", help="language (default: the site's default language)")
    render.set_defaults(func=run_render)


def _load(path: str, *, prepare_builds: bool = False):
    from ..catalogue import CatalogueError
    from ..mkdocs.build import load_catalogue

    try:
        return load_catalogue(Path(path), prepare_builds=prepare_builds)
    except CatalogueError as exc:
        for problem in exc.diagnostics:
            print(problem, file=sys.stderr)
        print("\nNothing was built: fix the errors above.", file=sys.stderr)
        return None


def run(args: argparse.Namespace) -> int:
    from ..mkdocs.build import build_site, default_jobs

    started = time.perf_counter()
    catalogue = _load(args.dir, prepare_builds=True)
    if catalogue is None:
        return 1
    loaded = time.perf_counter() - started
    languages = args.lang.split(",") if args.lang else list(catalogue.site.languages)
    jobs = args.jobs or default_jobs(len(languages))
    report = build_site(Path(args.dir), Path(args.out), languages=languages, catalogue=catalogue, jobs=jobs)
    shown = report.warnings if args.verbose else report.warnings[:SHOWN_WARNINGS]
    for warning in shown:
        print(warning, file=sys.stderr)
    if len(report.warnings) > len(shown):
        print(f"… and {len(report.warnings) - len(shown)} more warning(s): `civicat validate {args.dir}` lists them all", file=sys.stderr)
    print(summary(report, time.perf_counter() - started, loaded), file=sys.stderr)
    return 0


def summary(report, seconds: float, loading: float) -> str:
    """The last line of a build: every page written (the language chooser too) and the whole time,
    reading the catalogue included — what a reader would measure with a stopwatch."""
    per_language = ", ".join(f"{lang} {count:,}" for lang, count in report.pages.items())
    total = sum(report.pages.values()) + 1
    return (f"built {total:,} pages into {report.out}/ ({per_language}, and the language chooser) in {seconds:.1f} s, "
            f"{loading:.1f} s of it reading the catalogue; open-now data runs until {report.hours_until} — rebuild before then")


def run_render(args: argparse.Namespace) -> int:
    from ..mkdocs.build import repo_config_file
    from ..zensical import ZensicalMissing, write_project

    catalogue = _load(args.dir)
    if catalogue is None:
        return 1
    lang = args.lang or catalogue.site.default_language
    if lang not in catalogue.site.languages:
        print(f"--lang {lang}: the site has no such language; site.yaml lists {', '.join(catalogue.site.languages)}",
              file=sys.stderr)
        return 2
    try:
        rendered = write_project(catalogue, lang, Path(args.out), config_file=repo_config_file())
    except ZensicalMissing as exc:
        print(f"Nothing was written: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {len(rendered.pages)} pages into {args.out}/docs/ with the theme and mkdocs.yml: "
          f"`cd {args.out} && zensical build` builds the site into {args.out}/site/", file=sys.stderr)
    return 0
