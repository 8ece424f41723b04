"""The ``civicat`` command: one module per group of subcommands (``COMMANDS``).

``catalogue`` (validate, schema, new), ``site`` (build, render), ``forms`` (the forms contract),
``serve`` (the embedded default), ``staff`` (the staff list of the staff pages), ``deploy`` (AWS: package the
stack, upload the site), ``backup`` (a copy of the local submissions database while it runs), ``standards``
(export and import in open standards). Each subcommand is a small function; exit codes: 0 fine (warnings
allowed), 1 problems found, 2 wrong usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from . import backup, catalogue, deploy, forms, serve, site, staff, standards

COMMANDS = (catalogue, site, forms, serve, staff, deploy, backup, standards)
"""Each module adds its subcommands (``add_parser``) and imports what they need only when run."""


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="civicat", description="Citizen service catalogue: validate, build and serve.")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.add_parser(sub)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


def entry() -> None:
    """The ``civicat`` program: ``main`` and then, for the commands that only read and write files,
    an exit that skips tearing down the loaded catalogue and site object by object. At 2,000
    services that teardown (a last full garbage collection and millions of deallocations) took
    3.6 s after the build had printed its summary; the files are all written and closed by then.
    ``civicat serve`` ends the ordinary way: it has children and temporary folders to clean up."""
    args = sys.argv[1:]
    code = main(args)
    if args and args[0] in {"validate", "build", "render", "schema", "forms", "export", "import"}:
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    entry()
