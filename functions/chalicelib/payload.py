"""Turn a request body into values, refusing what is too large or of an unknown type.

Size is checked before anything is parsed: first the declared ``Content-Length``, then the bytes
actually received (API Gateway and the local server have read the body by then; what we avoid is
spending time and memory on parsing it).
"""
import json
from typing import NamedTuple
from urllib.parse import parse_qs

from . import multipart, settings

JSON = "application/json"
FORM = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
ACCEPTED = (JSON, FORM, MULTIPART)


class Payload(NamedTuple):
    kind: str          # JSON | FORM | MULTIPART
    values: dict
    files: list        # multipart.FilePart


class PayloadError(Exception):
    """``status`` is the HTTP status (400, 413, 415); ``key`` names the i18n message."""

    def __init__(self, status: int, key: str):
        super().__init__(key)
        self.status, self.key = status, key


def media_type(headers) -> str:
    """``application/json`` from ``application/json; charset=utf-8``; JSON if absent, like
    Chalice."""
    return (headers.get("content-type") or JSON).split(";")[0].strip().lower()


def body_limit(kind: str, form=None) -> int:
    if kind == MULTIPART and form is not None and form.attachments:
        wanted = settings.max_body_bytes() + form.attachments.max_files * (
            form.attachments.max_size_bytes + 1024)
        return min(wanted, settings.max_multipart_bytes())
    return settings.max_body_bytes()


def check_size(headers, body: bytes, limit: int) -> None:
    declared = headers.get("content-length")
    if declared and declared.strip().isdigit() and int(declared) > limit:
        raise PayloadError(413, "too_large")
    if len(body or b"") > limit:
        raise PayloadError(413, "too_large")


def read(headers, body, form=None) -> Payload:
    kind = media_type(headers)
    if kind not in ACCEPTED:
        raise PayloadError(415, "unsupported_type")
    if isinstance(body, str):
        body = body.encode("utf-8")
    body = body or b""
    check_size(headers, body, body_limit(kind, form))
    if kind == JSON:
        try:
            values = json.loads(body.decode("utf-8")) if body.strip() else {}
        except (UnicodeDecodeError, ValueError):
            raise PayloadError(400, "bad_request") from None
        if not isinstance(values, dict):
            raise PayloadError(400, "bad_request")
        return Payload(JSON, values, [])
    if kind == FORM:
        try:
            parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=200)
        except (UnicodeDecodeError, ValueError):
            raise PayloadError(400, "bad_request") from None
        values = {name: items[0] if len(items) == 1 else items for name, items in parsed.items()}
        return Payload(FORM, values, [])
    try:
        values, files = multipart.parse(headers.get("content-type", ""), body)
    except (multipart.MultipartError, ValueError, LookupError):
        raise PayloadError(400, "bad_request") from None
    return Payload(MULTIPART, values, files)
