"""Header hygiene: nothing a citizen typed may add or split a mail header.

The mails are built with the ``compat32`` classes, which would write a CR/LF in a header value as
is; so every value is cleaned first: control characters (CR,
LF, tab, NUL …) become spaces, runs of spaces collapse, and the length is capped.
"""
import re

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u0085\u2028\u2029]+")
_ADDRESS = re.compile(r"^[^@\s<>(),;:\"\[\]\\]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$")


def clean(value, limit: int = 180) -> str:
    """A single-line header-safe text."""
    text = _CONTROL.sub(" ", str(value or ""))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def safe_address(value) -> str | None:
    """The address if it is a plain ``local@domain.tld`` without anything header-like, else None."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if _ADDRESS.match(value) else None
