"""Choose the store from ``CIVICAT_STORE`` on first use, and keep it per value.

``sqlite:///var/submissions.db`` (relative to the working directory), ``sqlite:////abs/path.db``
or ``dynamodb://table-name`` (with ``AWS_ENDPOINT_URL``/``CIVICAT_AWS_ENDPOINT`` for an emulator).
"""
import threading

from .. import settings
from .base import (STATUSES, Conflict, InboxQuery, Store, StoreError, Submission, Upload,
                   UploadTaken)

_stores: dict = {}
_lock = threading.Lock()


def get_store() -> Store:
    url = settings.store_url()
    store = _stores.get(url)
    if store is None:
        with _lock:
            store = _stores.get(url)
            if store is None:
                store = _stores[url] = open_store(url)
    return store


def reset_cache() -> None:
    """Forget the stores built so far (tests switch ``CIVICAT_STORE`` between cases)."""
    with _lock:
        _stores.clear()


def open_store(url: str) -> Store:
    if url.startswith("sqlite:///"):
        from .sqlite import SqliteStore

        # Like SQLAlchemy: three slashes and a relative path, four for an absolute one.
        return SqliteStore(url[len("sqlite:///"):])
    if url.startswith("dynamodb://"):
        from .dynamodb import DynamoStore

        return DynamoStore(url[len("dynamodb://"):].strip("/"))
    raise ValueError(f"CIVICAT_STORE: expected sqlite:///path or dynamodb://table, got {url!r}")

__all__ = ["STATUSES", "Conflict", "InboxQuery", "Store", "UploadTaken", "StoreError", "Submission", "Upload", "get_store", "open_store",
           "reset_cache"]
