"""``civicat serve``: build the site and serve it with working forms (the embedded default)."""

from __future__ import annotations

import argparse
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    from ..serve.server import serve

    return serve(Path(args.catalogue), Path(args.out), args.host, args.port, Path(args.var))


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="build the site and serve it with working forms (the embedded default)")
    p.add_argument("--catalogue", default="catalogue", help="catalogue folder (default: catalogue)")
    p.add_argument("--out", default="site", help="build folder (default: site)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port of the site and, under /api, the forms API (default: 8000)")
    p.add_argument("--var", default="var", help="folder for submissions, mails and uploads (default: var)")
    p.set_defaults(func=run)
