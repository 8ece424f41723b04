"""``civicat export`` and ``civicat import``: the catalogue in open standards, and back.

``civicat export cpsv-ap`` writes ``cpsv-ap.ttl`` and ``cpsv-ap.jsonld`` (CPSV-AP 3.2, for the Single
Digital Gateway and state portals); ``civicat export open-data`` the open data files every build
publishes. ``civicat import cpsv-ap FILE --out DIR`` writes catalogue YAML from a CPSV-AP file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the catalogue as CPSV-AP 3.2 or as the open data files")
    p.add_argument("what", choices=["cpsv-ap", "open-data"], help="cpsv-ap: Turtle and JSON-LD; open-data: JSON, "
                                                                   "CSV, iCalendar, DCAT-AP")
    p.add_argument("dir", nargs="?", default="catalogue", help="catalogue folder (default: catalogue)")
    p.add_argument("--out", default="export", help="folder to write to (default: export)")
    p.add_argument("--check", action="store_true", help="cpsv-ap: validate against the official SHACL shapes "
                                                        "(needs pyshacl) and exit 1 on a violation")
    p.set_defaults(func=run_export)

    p = sub.add_parser("import", help="write catalogue YAML from a CPSV-AP file (Turtle, JSON-LD, RDF/XML)")
    p.add_argument("what", choices=["cpsv-ap"])
    p.add_argument("file", help="the CPSV-AP file")
    p.add_argument("--out", required=True, help="catalogue folder to write into (files there are replaced)")
    p.add_argument("--language", default="de", help="the catalogue's default language (default: de); texts "
                                                    "without a language tag are taken as this one")
    p.set_defaults(func=run_import)


def run_export(args: argparse.Namespace) -> int:
    from .catalogue import load_or_report

    catalogue = load_or_report(args.dir)
    if catalogue is None:
        return 1
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.what == "open-data":
        from ..exports import opendata

        for path in opendata.write(catalogue, out):
            print(f"wrote {path}")
        return 0
    from ..exports import cpsvap

    g = cpsvap.graph(catalogue)
    for name, fmt in (("cpsv-ap.ttl", "turtle"), ("cpsv-ap.jsonld", "json-ld")):
        (out / name).write_text(cpsvap.serialize(g, fmt), encoding="utf-8")
        print(f"wrote {out / name}")
    if args.check:
        from ..exports import shacl

        try:
            report = shacl.check(g)
        except ImportError:
            print("--check needs pyshacl: install the test extra (./scripts/test does) or `pip install pyshacl`",
                  file=sys.stderr)
            return 2
        for line in report.lines():
            print(line)
        return 0 if report.violations == 0 else 1
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..exports import cpsvap_import, yamlfiles

    source = Path(args.file)
    try:
        g = cpsvap_import.parse(source)
    except (OSError, ValueError, SyntaxError) as exc:
        print(f"{source}: cannot read it as RDF ({exc}) — give a Turtle (.ttl), JSON-LD (.jsonld) or RDF/XML (.rdf) "
              "file", file=sys.stderr)
        return 1
    out = Path(args.out)
    forms = {p.stem for p in (out / "forms").glob("*.yaml")} if (out / "forms").is_dir() else set()
    imported = cpsvap_import.read(g, args.language, forms)
    for path in yamlfiles.write(imported.files, out):
        print(f"wrote {path}")
    for note in imported.notes:
        print(f"note: {note}")
    print(f"next: civicat validate {out}")
    return 0
