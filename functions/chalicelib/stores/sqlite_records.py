"""The SQLite tables beside the submissions: history events, the audit log and small records
(staff members, sessions, sign-in states). A mixin of ``SqliteStore``, which provides
``_conn()`` and ``_write()``; kept apart because it is a second idea (staff work), not storage of
what citizens send."""
import json

from .. import clock

RECORDS_SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    reference  TEXT NOT NULL,
    at         TEXT NOT NULL,
    id         TEXT NOT NULL,
    event      TEXT NOT NULL,            -- JSON
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (reference, at, id)
);
CREATE TABLE IF NOT EXISTS audit (
    at         TEXT NOT NULL,
    id         TEXT NOT NULL,
    entry      TEXT NOT NULL,            -- JSON, never updated
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (at, id)
);
CREATE TABLE IF NOT EXISTS records (
    kind       TEXT NOT NULL,
    key        TEXT NOT NULL,
    record     TEXT NOT NULL,            -- JSON
    expires_at INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
);
"""


class RecordsMixin:
    def _now_epoch(self) -> int:
        return clock.epoch(clock.now())

    # --- events ------------------------------------------------------------------------------

    def add_event(self, reference: str, event: dict, expires_at: int) -> None:
        with self._write() as conn:
            conn.execute("INSERT INTO events (reference, at, id, event, expires_at)"
                         " VALUES (?, ?, ?, ?, ?)",
                         (reference, event["at"], event["id"],
                          json.dumps(event, ensure_ascii=False), expires_at))

    def list_events(self, reference: str) -> list[dict]:
        rows = self._conn().execute(
            "SELECT event FROM events WHERE reference = ? AND expires_at > ? ORDER BY at, id",
            (reference, self._now_epoch())).fetchall()
        return [json.loads(row[0]) for row in rows]

    # --- audit -------------------------------------------------------------------------------

    def append_audit(self, entry: dict, expires_at: int) -> None:
        with self._write() as conn:
            conn.execute("INSERT INTO audit (at, id, entry, expires_at) VALUES (?, ?, ?, ?)",
                         (entry["at"], entry["id"], json.dumps(entry, ensure_ascii=False),
                          expires_at))

    def list_audit(self, before: str | None, limit: int) -> list[dict]:
        where, params = "expires_at > ?", [self._now_epoch()]
        if before:
            at, _, entry_id = before.partition("#")
            where += " AND (at < ? OR (at = ? AND id < ?))"
            params += [at, at, entry_id]
        rows = self._conn().execute(
            f"SELECT entry FROM audit WHERE {where} ORDER BY at DESC, id DESC LIMIT ?",
            (*params, int(limit) + 1)).fetchall()
        return [json.loads(row[0]) for row in rows]

    # --- records -----------------------------------------------------------------------------

    def put_record(self, kind: str, key: str, record: dict, expires_at: int,
                   only_new: bool = False) -> bool:
        encoded = json.dumps(record, ensure_ascii=False)
        with self._write() as conn:
            if only_new:
                row = conn.execute("SELECT expires_at FROM records WHERE kind = ? AND key = ?",
                                   (kind, key)).fetchone()
                if row is not None and row[0] > self._now_epoch():
                    return False
            conn.execute("INSERT INTO records (kind, key, record, expires_at) VALUES (?, ?, ?, ?)"
                         " ON CONFLICT (kind, key) DO UPDATE SET record = excluded.record,"
                         " expires_at = excluded.expires_at", (kind, key, encoded, expires_at))
        return True

    def get_record(self, kind: str, key: str) -> dict | None:
        row = self._conn().execute(
            "SELECT record FROM records WHERE kind = ? AND key = ? AND expires_at > ?",
            (kind, key, self._now_epoch())).fetchone()
        return json.loads(row[0]) if row else None

    def delete_record(self, kind: str, key: str) -> None:
        with self._write() as conn:
            conn.execute("DELETE FROM records WHERE kind = ? AND key = ?", (kind, key))

    def list_records(self, kind: str) -> list[dict]:
        rows = self._conn().execute(
            "SELECT record FROM records WHERE kind = ? AND expires_at > ? ORDER BY key",
            (kind, self._now_epoch())).fetchall()
        return [json.loads(row[0]) for row in rows]

    @staticmethod
    def _purge_records(conn, now_epoch: int) -> int:
        removed = 0
        for table in ("events", "audit", "records"):
            removed += conn.execute(f"DELETE FROM {table} WHERE expires_at <= ?",
                                    (now_epoch,)).rowcount
        return removed
