"""Read ``multipart/form-data`` bodies with the standard library's MIME parser.

The ``cgi`` module is deprecated (and gone in Python 3.13); ``email`` parses the same format
when given the request's Content-Type header in front of the body.
"""
from typing import NamedTuple


class FilePart(NamedTuple):
    name: str
    filename: str
    content_type: str
    data: bytes


class MultipartError(ValueError):
    pass


def parse(content_type_header: str, body: bytes, max_parts: int = 100) -> tuple[dict, list]:
    """(text values by name — str, or list for repeated names; file parts)."""
    from email import policy
    from email.parser import BytesParser

    if "boundary=" not in content_type_header.lower():
        raise MultipartError("multipart body without boundary")
    head = f"Content-Type: {content_type_header}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
    message = BytesParser(policy=policy.HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise MultipartError("not a multipart body")
    values, files = {}, []
    for count, part in enumerate(message.iter_parts()):
        if count >= max_parts:
            raise MultipartError("too many parts")
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            if filename or payload:  # an empty file input sends a part with no name and no data
                files.append(FilePart(name, filename, part.get_content_type(), payload))
            continue
        text = payload.decode(part.get_content_charset() or "utf-8", errors="replace")
        _add(values, name, text)
    return values, files


def _add(values: dict, name: str, value) -> None:
    if name in values:
        existing = values[name]
        values[name] = (existing if isinstance(existing, list) else [existing]) + [value]
    else:
        values[name] = value
