"""The one place that reads the time, so tests can move it:
``monkeypatch.setattr(clock, "now", …)``.

Timestamps are stored as ISO 8601 strings in UTC with millisecond precision and a ``Z`` suffix:
they sort as text, which the SQLite indexes and the DynamoDB sort keys rely on.
"""
from datetime import datetime, timedelta, timezone


def now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(timezone.utc)


def iso(moment: datetime) -> str:
    """``2026-03-01T09:30:00.000Z``: sortable text for storage and APIs."""
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse(text: str) -> datetime:
    """The inverse of :func:`iso` (also accepts any ISO 8601 string with an offset)."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def epoch(moment: datetime) -> int:
    """Whole seconds since 1970, the unit of DynamoDB's TTL attribute."""
    return int(moment.timestamp())


def later(moment: datetime, seconds: float) -> datetime:
    return moment + timedelta(seconds=seconds)
