"""``civicat backup`` copies the local submissions database while the forms API keeps storing
citizens' submissions: every copy is a complete, consistent database of its own, and no citizen
gets an error because a backup was running."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import urllib.request

import pytest

from civicat.cli import main
from tests.functions.servers import LocalServer, server_env
from tests.functions.support import FORMS, kontakt


class Citizens:
    """Threads posting contact messages until stopped; remembers each stored reference and when
    its answer came."""

    def __init__(self, base_url: str, threads: int = 4):
        self.url = base_url + "/forms/kontakt"
        self.stop = threading.Event()
        self.stored: list[tuple[float, str]] = []
        self.failures: list[str] = []
        self.threads = [threading.Thread(target=self.run, args=(n,), daemon=True) for n in range(threads)]

    def run(self, number: int) -> None:
        sent = 0
        while not self.stop.is_set():
            sent += 1
            body = json.dumps(kontakt(email="", message=f"Bürger {number}, Nachricht {sent}.")).encode()
            request = urllib.request.Request(self.url, data=body, headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=30) as answer:
                    self.stored.append((time.monotonic(), json.loads(answer.read())["reference"]))
            except Exception as error:  # noqa: BLE001 - every failure is a finding
                self.failures.append(repr(error))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(timeout=30)

    def acknowledged(self) -> set[str]:
        moment = time.monotonic()
        return {ref for at, ref in list(self.stored) if at < moment}


@pytest.mark.slow
def test_backups_taken_while_citizens_submit_hold_every_acknowledged_submission(tmp_path, capsys):
    paths = {"db": tmp_path / "var" / "submissions.db", "outbox": tmp_path / "var" / "outbox",
             "uploads": tmp_path / "var" / "uploads"}
    paths["db"].parent.mkdir()
    backups = []
    with LocalServer(server_env(paths, CIVICAT_FORMS=str(FORMS))) as server, Citizens(server.base_url) as citizens:
        deadline = time.monotonic() + 30
        while len(citizens.stored) < 20 and time.monotonic() < deadline:
            time.sleep(0.05)
        for number in range(3):
            before = citizens.acknowledged()
            target = tmp_path / "backups" / f"copy-{number}.db"
            assert main(["backup", "--var", str(tmp_path / "var"), "--out", str(target)]) == 0
            backups.append((target, before))
            time.sleep(0.2)
        during = len(citizens.stored)
        time.sleep(0.3)
    assert citizens.failures == []
    assert len(citizens.stored) > during  # the citizens kept being served after the backups too

    counts = []
    for target, before in backups:
        assert not target.with_name(target.name + "-wal").exists()  # one self-contained file
        with sqlite3.connect(f"file:{target}?mode=ro", uri=True) as copy:
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
            rows = copy.execute("SELECT reference, frozen FROM submissions").fetchall()
        references = {reference for reference, _ in rows}
        assert before <= references
        counts.append(len(references))
        assert all(json.loads(frozen)["data"]["message"].startswith("Bürger ") for _, frozen in rows)
    assert counts == sorted(set(counts))  # each later copy holds more: writes went on between them
    assert "wrote " in capsys.readouterr().out


def test_a_backup_never_overwrites_an_older_one(tmp_path, capsys):
    database = tmp_path / "submissions.db"
    with sqlite3.connect(database) as db:
        db.execute("CREATE TABLE submissions (reference TEXT)")
    older = tmp_path / "monday.db"
    older.write_bytes(b"the older backup")

    assert main(["backup", "--database", str(database), "--out", str(older)]) == 1

    assert "already exists" in capsys.readouterr().err
    assert older.read_bytes() == b"the older backup"


def test_a_missing_database_is_named_with_where_it_is_expected(tmp_path, capsys):
    assert main(["backup", "--var", str(tmp_path / "nowhere")]) == 1
    err = capsys.readouterr().err
    assert "nowhere/submissions.db: no such database" in err and "--var" in err


def test_the_default_name_says_when_the_backup_was_made(tmp_path, capsys):
    (tmp_path / "var").mkdir()
    with sqlite3.connect(tmp_path / "var" / "submissions.db") as db:
        db.execute("CREATE TABLE submissions (reference TEXT)")
        db.execute("INSERT INTO submissions VALUES ('HBN-2027-ABCDE')")

    assert main(["backup", "--var", str(tmp_path / "var")]) == 0

    [made] = (tmp_path / "var" / "backups").iterdir()
    assert made.name.startswith("submissions-20") and made.name.endswith("Z.db")
    assert capsys.readouterr().out.strip().endswith("(1 submissions)")
