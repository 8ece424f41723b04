"""``civicat validate``, ``civicat schema`` and ``civicat new``: the editor's commands."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_DIR = "catalogue"


def load_or_report(folder: str):
    """The catalogue in ``folder``, or None after printing its errors (each at its file and line)
    to stderr: for the commands that make something from the catalogue and stop, exit 1, when it
    has errors. ``civicat validate`` reports more (warnings, formats for CI) and loads by itself."""
    from ..catalogue import CatalogueError, load

    try:
        return load(Path(folder))
    except CatalogueError as exc:
        print(exc, file=sys.stderr)
        return None


def _validate(args: argparse.Namespace) -> int:
    from ..catalogue import collect, reports
    from ..catalogue.summary import arrange

    catalogue, problems = collect(Path(args.dir))
    errors = [p for p in problems if p.severity == "error"]
    warnings = [p for p in problems if p.severity == "warning"]
    shown, summaries = arrange(problems, all_warnings=args.warnings)
    shown = [p for p in shown if p.severity == "error" or not args.quiet]
    # CI systems get every problem at its line (errors first); people get warnings counted by kind.
    every, _ = arrange(problems, all_warnings=True)
    every = [p for p in every if p.severity == "error" or not args.quiet]
    as_text = [str(p) for p in shown] + ([str(s) for s in summaries] if not args.quiet else [])
    if args.format == "gitlab" and not args.output:
        print(reports.gitlab(every), end="")
    else:
        for line in reports.github(every) if args.format == "github" and not args.output else as_text:
            print(line)
    if args.output:  # the report goes to a file; the job's log still shows the problems as text
        report = (reports.gitlab(every) if args.format == "gitlab"
                  else "".join(line + "\n" for line in (reports.github(every) if args.format == "github" else as_text)))
        Path(args.output).write_text(report, encoding="utf-8")
    files = len({p.path for p in problems})
    if errors:
        print(f"\n{len(errors)} error(s), {len(warnings)} warning(s) in {files} file(s). Nothing was built: fix the errors above.",
              file=sys.stderr)
        return 1
    assert catalogue is not None
    counts = (f"{len(catalogue.services)} services, {len(catalogue.offices)} offices, {len(catalogue.forms)} forms, "
              f"{len(catalogue.topics.topics)} topics, {len(catalogue.topics.life_situations)} life situations, "
              f"{len(catalogue.topics.audiences)} audiences")
    print(f"\nOK: {counts}" + (f"; {len(warnings)} warning(s)" if warnings else "."), file=sys.stderr)
    return 0


def _schema(args: argparse.Namespace) -> int:
    from ..catalogue import schema

    out = Path(args.out) if args.out else Path(args.dir) / "schema"
    if args.check:
        stale = schema.stale(out)
        for path in stale:
            print(f"{path}: out of date with the model — run `civicat schema` and commit the result")
        return 1 if stale else 0
    for path in schema.write(out):
        print(f"wrote {path}")
    return 0


def _new(args: argparse.Namespace) -> int:
    from ..catalogue.scaffold import create

    try:
        path = create(Path(args.dir), args.kind, args.id)
    except (ValueError, FileExistsError, FileNotFoundError) as exc:
        print(f"civicat new: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path} — replace every text marked TODO, then run `civicat validate {args.dir}`")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="check the catalogue and report every problem at once")
    p.add_argument("dir", nargs="?", default=DEFAULT_DIR, help="catalogue folder (default: catalogue)")
    shown = p.add_mutually_exclusive_group()
    shown.add_argument("-q", "--quiet", action="store_true", help="show errors only, not warnings")
    shown.add_argument("-w", "--warnings", action="store_true",
                       help="list every warning (by default a kind with more than 3 is counted in one line)")
    p.add_argument("--format", choices=("text", "github", "gitlab"), default="text",
                   help="text (default); github: annotations on the pull request's lines; "
                        "gitlab: a Code Quality report (JSON); both hold every problem")
    p.add_argument("--output", help="write the report to this file; the problems are still printed as text")
    p.set_defaults(func=_validate)

    p = sub.add_parser("schema", help="write the JSON Schema files editors' IDEs use")
    p.add_argument("dir", nargs="?", default=DEFAULT_DIR, help="catalogue folder (default: catalogue)")
    p.add_argument("--out", help="folder for the schema files (default: DIR/schema)")
    p.add_argument("--check", action="store_true", help="exit 1 when the files differ from the model")
    p.set_defaults(func=_schema)

    p = sub.add_parser("new", help="write a valid, commented starting file")
    p.add_argument("kind", choices=["service", "office", "form"])
    p.add_argument("id", help="id of the new entry, e.g. dog-tax")
    p.add_argument("--dir", default=DEFAULT_DIR, help="catalogue folder (default: catalogue)")
    p.set_defaults(func=_new)
