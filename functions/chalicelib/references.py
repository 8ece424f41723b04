"""Reference numbers citizens can read aloud, and the secret that unlocks their status.

A reference looks like ``HBN-2026-4F7KQ``: the form's prefix, the year in the site's time zone and
five characters of Crockford's base32, whose alphabet has no I, L, O or U, so that nothing is
mistaken for 1, 0 or V when read over the phone. 32^5 ≈ 33.5 million per prefix and year; the
store's conditional write detects the rare collision and the caller draws again.
"""
import re

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 5
_SHAPE = re.compile(r"^[A-Z]{1,10}-[0-9]{4}-[0-9A-HJKMNP-TV-Z]{5}$")
# What people type for the letters Crockford leaves out.
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})


def new_reference(prefix: str, year: int) -> str:
    import secrets  # lazily: pulls in hashlib/OpenSSL, not needed at cold start

    code = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{prefix}-{year}-{code}"


def normalize(text: str) -> str | None:
    """``hbn-2026-4f7kq`` or ``HBN-2026-4F7KO`` → ``HBN-2026-4F7K0``; None if it cannot be one."""
    text = (text or "").strip().upper()
    prefix, _, rest = text.partition("-")
    year, _, code = rest.partition("-")
    candidate = f"{prefix}-{year}-{code.translate(_READ_AS)}"
    return candidate if _SHAPE.match(candidate) else None


def new_token() -> str:
    """The status token: 128 random bits, URL-safe."""
    import secrets

    return secrets.token_urlsafe(16)


def same_token(given: str | None, stored: str | None) -> bool:
    """Constant-time comparison, so response times do not reveal how much of a token matched."""
    import hmac

    if not given or not stored:
        return False
    return hmac.compare_digest(given.encode(), stored.encode())


def year_in(timezone_name: str, moment) -> int:
    """The calendar year at ``moment`` in the site's time zone (UTC if the zone is unknown)."""
    try:
        from zoneinfo import ZoneInfo

        return moment.astimezone(ZoneInfo(timezone_name)).year
    except Exception:  # no tz database on this system: the year differs only on New Year's Eve
        return moment.year
