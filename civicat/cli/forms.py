"""``civicat forms``: compile the forms contract for functions/ (also part of ``civicat build``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forms", help="compile catalogue/forms/ into the contract functions/ reads")
    p.add_argument("dir", nargs="?", default="catalogue", help="catalogue folder (default: catalogue)")
    p.add_argument("--out", default=None, help="contract file (default: functions/chalicelib/forms.json)")
    p.add_argument("--check", action="store_true", help="exit 1 when the file differs from the catalogue")
    p.add_argument("--site", default=None,
                   help="a site built by `civicat build`: also write its frame for the API's own pages "
                        "(shell/<lang>.html beside the contract)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .. import contract
    from .catalogue import load_or_report

    catalogue = load_or_report(args.dir)
    if catalogue is None:
        return 1
    out = Path(args.out) if args.out else contract.CONTRACT_PATH
    if args.check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != contract.render(catalogue):
            print(f"{out}: out of date with {args.dir}/forms — run `civicat forms` (or `civicat build`) and commit it")
            return 1
        return 0
    print(f"wrote {contract.write(catalogue, out)}")
    if args.site:
        from ..render.shell import ShellError, write_for_functions

        try:
            for path in write_for_functions(Path(args.site), list(catalogue.site.languages), out.parent,
                                            str(catalogue.site.base_url)):
                print(f"wrote {path}")
        except ShellError as exc:
            print(exc, file=sys.stderr)
            return 1
    return 0
