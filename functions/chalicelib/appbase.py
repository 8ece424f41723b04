"""The Chalice application object, made safe for a threaded local server.

Chalice keeps the request being handled in ``app.current_request``, one attribute on the app. On
Lambda one process handles one request at a time, but the local server (``local_server.py``)
handles requests in threads, where a shared attribute would hand one thread's request to another.
``ThreadLocalChalice`` keeps both per-request attributes in thread-local storage; Chalice itself
only ever assigns and reads them, so behaviour on Lambda is unchanged.
"""
import os
import threading

from chalice import Chalice, IAMAuthorizer


class ThreadLocalChalice(Chalice):
    """A Chalice app whose ``current_request`` and ``lambda_context`` are per thread."""

    def __init__(self, *args, **kwargs):
        self._per_thread = threading.local()
        super().__init__(*args, **kwargs)

    @property
    def current_request(self):
        return getattr(self._per_thread, "request", None)

    @current_request.setter
    def current_request(self, value):
        self._per_thread.request = value

    @property
    def lambda_context(self):
        return getattr(self._per_thread, "context", None)

    @lambda_context.setter
    def lambda_context(self, value):
        self._per_thread.context = value


def staff_authorizer():
    """The API Gateway authorizer for ``/staff/...`` routes, or None.

    Chosen once at import, because Chalice binds authorizers when routes are declared:
    ``CIVICAT_STAFF_AUTH=iam`` (set for the prod stage in ``.chalice/config.json``) puts AWS IAM
    (SigV4) authorization in front of the staff routes; anything else leaves them to the bearer
    token check in ``chalicelib.staffauth``.
    """
    if os.environ.get("CIVICAT_STAFF_AUTH", "token").strip().lower() == "iam":
        return IAMAuthorizer()
    return None
