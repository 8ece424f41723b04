"""The SQLite store is safe with many writers: threads and processes, same key or not."""
import multiprocessing
import sqlite3
from concurrent.futures import ThreadPoolExecutor

import pytest

from chalicelib import clock, references
from chalicelib.stores import Submission
from chalicelib.stores.sqlite import SqliteStore


def make(key: str, **changes) -> Submission:
    now = clock.now()
    return Submission(reference="", submission_key=key, form_id="kontakt", status_token="t" * 22,
                      lang="de", created_at=clock.iso(now), expires_at=clock.epoch(now) + 3600,
                      data={"name": "Erika"}, **changes)


def draw():
    return references.new_reference("HBN", 2026)


def test_the_database_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    store = SqliteStore(str(tmp_path / "s.db"))
    store.insert_submission(make("kontakt:a" * 3), draw)
    conn = store._conn()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_a_colliding_reference_is_drawn_again(tmp_path):
    store = SqliteStore(str(tmp_path / "s.db"))
    draws = iter(["HBN-2026-AAAAA", "HBN-2026-AAAAA", "HBN-2026-BBBBB"])
    first, _ = store.insert_submission(make("kontakt:first-key-0001"), lambda: next(draws))
    second, created = store.insert_submission(make("kontakt:second-key-001"), lambda: next(draws))
    assert (first.reference, second.reference, created) == ("HBN-2026-AAAAA", "HBN-2026-BBBBB",
                                                            True)


def test_many_threads_inserting_distinct_keys_get_distinct_references(tmp_path):
    store = SqliteStore(str(tmp_path / "s.db"))
    with ThreadPoolExecutor(max_workers=16) as pool:
        refs = list(pool.map(lambda i: store.insert_submission(make(f"kontakt:k{i:06d}"), draw)[0]
                             .reference, range(400)))
    assert len(set(refs)) == 400
    assert len(store.list_submissions("kontakt", limit=1000)) == 400


def _insert_from_process(path: str, start: int, count: int, shared_key: str) -> list:
    store = SqliteStore(path)
    out = []
    for i in range(start, start + count):
        out.append(store.insert_submission(make(f"kontakt:p{i:06d}"), draw)[0].reference)
    out.append(store.insert_submission(make(shared_key), draw)[0].reference)
    return out


@pytest.mark.slow
def test_several_processes_write_at_once_without_losing_or_duplicating(tmp_path):
    path = str(tmp_path / "s.db")
    SqliteStore(path).insert_submission(make("kontakt:warm-up-000001"), draw)
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        results = pool.starmap(_insert_from_process,
                               [(path, n * 100, 100, "kontakt:shared-key-0001") for n in range(4)])
    own = [ref for result in results for ref in result[:-1]]
    shared = {result[-1] for result in results}
    assert len(set(own)) == 400
    assert len(shared) == 1  # the same key from four processes: one submission
    rows = sqlite3.connect(path).execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
    assert rows == 1 + 400 + 1


def test_expired_submissions_are_invisible_before_they_are_purged(tmp_path, monkeypatch):
    store = SqliteStore(str(tmp_path / "s.db"))
    sub, _ = store.insert_submission(make("kontakt:short-lived-01"), draw)
    later = clock.later(clock.now(), 7200)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert store.get_submission(sub.reference) is None
    assert store.list_submissions("kontakt") == []
    assert store.purge_expired(clock.epoch(later)) == 1


def test_an_expired_key_may_be_used_again(tmp_path, monkeypatch):
    store = SqliteStore(str(tmp_path / "s.db"))
    old, _ = store.insert_submission(make("kontakt:reused-key-0001"), draw)
    later = clock.later(clock.now(), 7200)
    monkeypatch.setattr(clock, "now", lambda: later)
    new, created = store.insert_submission(make("kontakt:reused-key-0001"), draw)
    assert created and new.reference != old.reference


def test_a_new_database_locked_by_another_process_is_waited_for_not_an_error(tmp_path):
    """The API and its delivery worker open a fresh database at the same moment: switching it to
    WAL needs a lock SQLite does not wait for, which once made a citizen's first submission a 500."""
    import threading
    import time

    path = tmp_path / "s.db"
    other = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    other.execute("CREATE TABLE early (x)")  # a database still in its first journal mode
    other.execute("BEGIN IMMEDIATE")
    other.execute("INSERT INTO early VALUES (1)")
    released = []

    def release():
        time.sleep(0.4)
        released.append(time.monotonic())
        other.execute("COMMIT")

    threading.Thread(target=release).start()
    store = SqliteStore(str(path))
    stored, created = store.insert_submission(make("kontakt:first-submission"), draw)
    assert created and stored.reference and released and time.monotonic() >= released[0]
    assert store._conn().execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    other.close()


def _hold_write_lock(path, seconds: float):
    """Another process' writer (the delivery worker) holding the lock for ``seconds``."""
    import subprocess
    import sys

    code = ("import sqlite3, sys, time; c = sqlite3.connect(sys.argv[1], isolation_level=None); "
            "c.execute('BEGIN IMMEDIATE'); c.execute(\"INSERT INTO rate_hits VALUES ('holder', 1, 9e9)\"); "
            "print('held', flush=True); time.sleep(float(sys.argv[2])); c.execute('COMMIT')")
    holder = subprocess.Popen([sys.executable, "-c", code, str(path), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_a_write_waits_for_another_process_writer_and_then_succeeds(tmp_path):
    path = tmp_path / "s.db"
    store = SqliteStore(str(path))
    store.insert_submission(make("kontakt:warm-up-000001"), draw)
    holder = _hold_write_lock(path, 0.5)
    stored, created = store.insert_submission(make("kontakt:while-locked-01"), draw)
    holder.wait()
    holder.stdout.close()
    assert created  # it waited for the other writer (whose row it saw committed), then wrote:
    assert store._conn().execute("SELECT count FROM rate_hits WHERE key = 'holder'").fetchone()[0] == 1
    assert store.get_by_key("kontakt:while-locked-01").reference == stored.reference
    assert store._conn().execute("PRAGMA busy_timeout").fetchone()[0] >= 5000  # readers still wait


def test_a_write_locked_out_beyond_the_timeout_fails_clearly_and_stores_nothing(tmp_path, monkeypatch):
    from chalicelib.stores import sqlite as sqlite_store

    path = tmp_path / "s.db"
    store = SqliteStore(str(path))
    store.insert_submission(make("kontakt:warm-up-000001"), draw)
    monkeypatch.setattr(sqlite_store, "BUSY_TIMEOUT_MS", 200)
    holder = _hold_write_lock(path, 2)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        store.insert_submission(make("kontakt:locked-out-0001"), draw)
    holder.wait()
    holder.stdout.close()
    assert store.get_by_key("kontakt:locked-out-0001") is None
    stored, created = store.insert_submission(make("kontakt:locked-out-0001"), draw)  # and then it can
    assert created
