"""Turn a request body into values, refusing what is too large or of an unknown type.

Size is checked before anything is parsed: first the declared ``Content-Length``, then the bytes
actually received (API Gateway and the local server have read the body by then; what we avoid is
spending time and memory on parsing it).

What is parsed is then checked for what no form can send but a hostile client can: JSON nested
deeper than a form's values ever are (``"[" * 5000`` would exhaust Python's recursion limit in
the parser or in any later walk over the values) and text with a lone surrogate (``"\\ud800"`` in
JSON), which no store and no answer can encode. Both are refused here, before the rate limit
counts the request and before anything is stored.
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


MAX_DEPTH = 8  # a form's values are a dict of strings, numbers and lists of strings: depth 2


class PayloadError(Exception):
    """``status`` is the HTTP status (400, 413, 415, 422); ``key`` names the i18n message;
    ``field`` the field it concerns, if one."""

    def __init__(self, status: int, key: str, field: str | None = None):
        super().__init__(key)
        self.status, self.key, self.field = status, key, field
        self.lang = None  # the body's ``lang`` when it could be read, for the answer


def parse_json(body) -> object:
    """Decode a JSON body (empty → ``{}``), refusing malformed, too deeply nested and unreadable
    text with a PayloadError instead of an uncaught exception."""
    if isinstance(body, str):
        body = body.encode("utf-8", "surrogatepass")
    body = body or b""
    if not body.strip():
        return {}
    try:
        value = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PayloadError(400, "bad_request") from None
    try:
        check_values(value)
    except PayloadError as problem:
        if isinstance(value, dict) and isinstance(value.get("lang"), str):
            problem.lang = value["lang"]
        raise
    return value


def check_values(value) -> None:
    """Refuse nesting deeper than MAX_DEPTH (400) and lone surrogates in any key or text (422,
    naming the top-level field). Iterative: the walk itself must not recurse."""
    pending = [(value, 0, None)]
    while pending:
        item, depth, field = pending.pop()
        if depth > MAX_DEPTH:
            raise PayloadError(400, "bad_request")
        if isinstance(item, str):
            if _unreadable(item):
                raise PayloadError(422, "bad_characters", field)
        elif isinstance(item, dict):
            for key, inner in item.items():
                name = field if field is not None else _printable(key)
                if _unreadable(key):
                    raise PayloadError(422, "bad_characters", name)
                pending.append((inner, depth + 1, name))
        elif isinstance(item, list):
            pending.extend((inner, depth + 1, field) for inner in item)


def _unreadable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _printable(name: str) -> str:
    """A field name as it can be shown and encoded: a lone surrogate as its JSON escape."""
    return json.dumps(name)[1:-1] if _unreadable(name) else name


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
        values = parse_json(body)
        if not isinstance(values, dict):
            raise PayloadError(400, "bad_request")
        return Payload(JSON, values, [])
    if kind == FORM:
        try:
            parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=200)
        except (UnicodeDecodeError, ValueError):
            raise PayloadError(400, "bad_request") from None
        values = {name: items[0] if len(items) == 1 else items for name, items in parsed.items()}
        check_values(values)
        return Payload(FORM, values, [])
    try:
        values, files = multipart.parse(headers.get("content-type", ""), body)
    except (multipart.MultipartError, ValueError, LookupError):
        raise PayloadError(400, "bad_request") from None
    check_values(values)
    return Payload(MULTIPART, values, files)
