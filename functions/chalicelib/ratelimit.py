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


def check(store, ip: str, bucket: str = "submit", factor: int = 1) -> Decision:
    """Count this attempt; refuse it if the client is over ``factor`` times the configured limit
    in the current window (uploads use a factor: one submission may carry several files)."""
    rule = settings.rate_limit()
    if rule is None:
        return Decision(True, 0)
    limit, window = rule
    limit *= factor
    now = clock.now().timestamp()
    start = int(now // window) * window
    count = store.hit_rate(f"{bucket}:{pseudonym(ip)}:{start}", expires_at=start + window + 60)
    if count <= limit:
        return Decision(True, 0)
    return Decision(False, max(1, math.ceil(start + window - now)))
