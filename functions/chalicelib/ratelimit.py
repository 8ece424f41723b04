"""Per-client submission limit, counted in the store so that it holds across Lambda instances.

A fixed window: hits are counted under ``<bucket>:<client>:<window start>``; the counter item
expires with its window. The client is the source IP as API Gateway saw it, or — behind
``CIVICAT_TRUSTED_PROXIES`` proxies such as CloudFront — the address those proxies appended to
``X-Forwarded-For``. Addresses are stored only as a salted hash.
"""
import math
from typing import NamedTuple

from . import clock, settings


class Decision(NamedTuple):
    allowed: bool
    retry_after: int  # seconds; 0 when allowed


class Window(NamedTuple):
    """The current window of one client: the counter's key, when it expires, how many hits it
    allows, and how long a refused client is told to wait."""
    key: str
    expires_at: int
    limit: int
    retry_after: int


def client_ip(request) -> str:
    """The client address, trusting exactly as many ``X-Forwarded-For`` hops as configured."""
    source = ((request.context or {}).get("identity") or {}).get("sourceIp") or "unknown"
    trusted = settings.trusted_proxies()
    if trusted > 0:
        hops = [h.strip() for h in (request.headers.get("x-forwarded-for") or "").split(",")
                if h.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    return source


def pseudonym(ip: str) -> str:
    import hashlib

    return hashlib.sha256((settings.secret() + "|" + ip).encode()).hexdigest()[:20]


def window(ip: str, bucket: str = "submit", factor: int = 1) -> Window | None:
    """The client's current window (None: no limit configured). ``factor`` multiplies the
    configured limit (uploads: one submission may carry several files)."""
    rule = settings.rate_limit()
    if rule is None:
        return None
    limit, length = rule
    now = clock.now().timestamp()
    start = int(now // length) * length
    return Window(f"{bucket}:{pseudonym(ip)}:{start}", start + length + 60, limit * factor,
                  max(1, math.ceil(start + length - now)))


def check(store, ip: str, bucket: str = "submit", factor: int = 1) -> Decision:
    """Count this attempt; refuse it if the client is over its window's limit. (A submission is
    counted in the same step as it is stored: ``Store.insert_counted``.)"""
    current = window(ip, bucket, factor)
    if current is None or store.hit_rate(current.key, current.expires_at) <= current.limit:
        return Decision(True, 0)
    return Decision(False, current.retry_after)
