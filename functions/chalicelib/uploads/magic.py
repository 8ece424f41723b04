"""What a file is, by its first bytes, not by its name or the type the browser claimed."""

SIGNATURES = {
    "application/pdf": (b"%PDF",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
HEAD_BYTES = 16


def sniff(head: bytes) -> str | None:
    """The MIME type whose signature ``head`` starts with, or None."""
    for content_type, signatures in SIGNATURES.items():
        if any(head.startswith(signature) for signature in signatures):
            return content_type
    return None


def matches(head: bytes, allowed) -> str | None:
    """The sniffed type if it is one of ``allowed``, else None."""
    found = sniff(head)
    return found if found in allowed else None
