"""``civicat backup``: a consistent copy of the local submissions database, safe while it runs."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def run(args: argparse.Namespace) -> int:
    from ..backup import BackupError, backup, default_target

    source = Path(args.database) if args.database else Path(args.var) / "submissions.db"
    target = Path(args.out) if args.out else default_target(source)
    try:
        counts = backup(source, target)
    except BackupError as exc:
        print(f"civicat backup: {exc}", file=sys.stderr)
        return 1
    rows = ", ".join(f"{n} {table}" for table, n in counts.items()) or "no tables"
    print(f"wrote {target} ({rows})")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="copy the local submissions database safely while civicat serve runs")
    p.add_argument("--var", default="var", help="the folder civicat serve keeps its data in (default: var)")
    p.add_argument("--database", help="the SQLite file itself (default: VAR/submissions.db)")
    p.add_argument("--out", help="the backup file (default: VAR/backups/submissions-<UTC time>.db)")
    p.set_defaults(func=run)
