"""A consistent copy of the local submissions database while ``civicat serve`` keeps writing.

Copying ``submissions.db`` with ``cp`` while the server runs can catch a half-written page or miss
what still sits in the ``-wal`` file. SQLite's online backup API copies the database as one read
transaction sees it: in WAL mode (the store's mode) readers never block writers, so citizens'
submissions go on being stored during the copy, and the copy holds every submission committed
before it started, each complete. The copy is written beside its target and renamed into place
when it is finished and checked, so a backup file is never half written; it is switched to a
rollback journal, so it is one self-contained file.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path


class BackupError(RuntimeError):
    """The backup could not be made; the message says why and what to do."""


def default_target(source: Path, now: dt.datetime | None = None) -> Path:
    """``var/backups/submissions-20261204T181500Z.db`` beside ``var/submissions.db``."""
    stamp = (now or dt.datetime.now(dt.timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    return source.parent / "backups" / f"{source.stem}-{stamp}{source.suffix}"


def backup(source: Path, target: Path) -> dict[str, int]:
    """Copy ``source`` to ``target``; returns the number of rows of each table in the copy."""
    if not source.is_file():
        raise BackupError(f"{source}: no such database — the store is var/submissions.db of the folder "
                          "civicat serve runs in (--var), or CIVICAT_STORE's file")
    if target.exists():
        raise BackupError(f"{target}: already exists — choose another name; a backup never overwrites one")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    live = sqlite3.connect(source, timeout=30)
    try:
        copy = sqlite3.connect(partial)
        try:
            live.backup(copy, pages=-1)  # one step: one read transaction, one consistent state
            copy.execute("PRAGMA journal_mode=DELETE")
            problems = copy.execute("PRAGMA integrity_check").fetchall()
            if problems != [("ok",)]:
                raise BackupError(f"{source}: the copy failed its integrity check ({problems[0][0]}); "
                                  "the database itself may be damaged — keep it and the older backups")
            tables = [row[0] for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
            counts = {t: copy.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        finally:
            copy.close()
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        raise BackupError(f"{source}: {error}") from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        live.close()
    with open(partial, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(partial, target)
    return counts
