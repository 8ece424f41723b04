"""``civicat staff``: the office staff who may sign in to the staff pages (the local default; with
OpenID Connect the identity provider decides, see README). Runs the functions' own
``functions/staff_admin.py`` against the same store as ``civicat serve`` (``--var``), or the store
of ``CIVICAT_STORE`` (e.g. ``dynamodb://civicat-submissions`` with AWS credentials)."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ADMIN = REPO / "functions" / "staff_admin.py"


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("staff", help="add, list or remove office staff of the staff pages")
    commands = p.add_subparsers(dest="staff_command", required=True, metavar="ACTION")
    add = commands.add_parser("add", help="add a person (or change their offices); prints their one-time link")
    add.add_argument("name", help="the name they sign in with, e.g. anna.berg")
    add.add_argument("--office", action="append", default=[], metavar="ID",
                     help="an office they work for (catalogue/offices/<ID>.yaml); repeat for more")
    add.add_argument("--admin", action="store_true", help="sees every office, the audit log, may erase")
    add.add_argument("--display", default=None, help="the name colleagues see, e.g. \"Anna Berg\"")
    add.add_argument("--url", default="http://127.0.0.1:8000/staff", help="where the staff pages are (for the link)")
    add.add_argument("--email", default=None, help="also mail the link to this address (through the functions' notifier)")
    commands.add_parser("list", help="everyone on the staff list")
    remove = commands.add_parser("remove", help="take a person off the list")
    remove.add_argument("name")
    for one in commands.choices.values():
        one.add_argument("--var", default="var", help="folder of the local store (default: var)")
        one.add_argument("--catalogue", default="catalogue", help="catalogue folder (default: catalogue)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.staff_command == "add":
        problem = _check_offices(Path(args.catalogue), args.office, args.admin)
        if problem:
            print(problem, file=sys.stderr)
            return 2
    extra = []
    if args.staff_command == "add":
        extra = [args.name, *(f"--office={o}" for o in args.office)]
        extra += ["--admin"] if args.admin else []
        extra += [f"--display={args.display}"] if args.display else []
        if args.email:
            extra += [f"--email={args.email}", f"--link={args.url.rstrip('/')}/welcome/"]
    elif args.staff_command == "remove":
        extra = [args.name]
    done = run_admin([args.staff_command, *extra], Path(args.var))
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return 1
    if args.staff_command == "add":
        token = done.stdout.strip()
        mailed = f" (mailed to {args.email})" if args.email else ""
        print(f"{args.name} is on the staff list. Send them this one-time link{mailed} (valid 72 hours) to choose their password:\n"
              f"  {args.url.rstrip('/')}/welcome/{token}")
    else:
        print(done.stdout, end="")
    return 0


def run_admin(arguments: list[str], var: Path) -> subprocess.CompletedProcess:
    """``functions/staff_admin.py`` in its own process (the functions never share civicat's)."""
    env = {**os.environ}
    env.setdefault("CIVICAT_STORE", f"sqlite:///{(var / 'submissions.db').resolve()}")
    env.setdefault("CIVICAT_OUTBOX_DIR", str((var / "outbox").resolve()))  # what civicat serve mails to
    env.setdefault("CIVICAT_FORMS", str((var / "forms.json").resolve()) if (var / "forms.json").exists()
                   else str(REPO / "functions" / "chalicelib" / "forms.json"))
    var.mkdir(parents=True, exist_ok=True)
    return subprocess.run([sys.executable, str(ADMIN), *arguments], env=env, capture_output=True, text=True)


def _check_offices(catalogue_dir: Path, offices: list[str], admin: bool) -> str | None:
    if not offices and not admin:
        return "civicat staff add: give at least one --office ID (or --admin) — a person without an office sees nothing"
    from ..catalogue import CatalogueError, load

    try:
        known = sorted(load(catalogue_dir).offices)
    except CatalogueError as exc:
        return str(exc)
    unknown = [o for o in offices if o not in known]
    if unknown:
        return (f"civicat staff add: --office {unknown[0]}: no such office in {catalogue_dir}/offices — "
                f"use one of: {', '.join(known)}")
    return None
