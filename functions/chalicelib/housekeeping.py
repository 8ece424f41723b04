"""What the 5-minute schedule does (``@app.schedule`` on AWS, a thread in the local server)."""
import logging

from . import clock, jsonlog
from .stores import get_store

log = logging.getLogger("civicat.housekeeping")


def run() -> dict:
    """Resend due notifications, then delete what is past retention (SQLite; DynamoDB has TTL)."""
    from .notify.delivery import retry_pending

    jsonlog.configure()
    counts = retry_pending()
    counts["purged"] = get_store().purge_expired(clock.epoch(clock.now()))
    if counts["tried"] or counts["purged"]:
        log.info("housekeeping: %s", counts, extra={"fields": {"event": "housekeeping", **counts}})
    return counts
