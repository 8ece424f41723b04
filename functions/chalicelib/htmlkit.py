"""A tiny HTML builder that escapes everything it is not told is safe.

The Lambda bundle carries no template engine, so pages and mails are built from ``el()`` calls.
Every string passed as a child or attribute value is escaped; only ``Markup`` (the output of
``el()``/``join()`` or a literal the programmer wrapped on purpose) is inserted as is. This is the
autoescape rule of STYLE.md, enforced by types instead of by a template setting.
"""
from html import escape as _escape

VOID = frozenset({"br", "hr", "img", "input", "link", "meta"})


class Markup(str):
    """A string that already is safe HTML."""

    __slots__ = ()


def escape(value) -> Markup:
    """HTML-escape ``value`` (quotes too) unless it already is Markup."""
    if isinstance(value, Markup):
        return value
    return Markup(_escape("" if value is None else str(value), quote=True))


def join(parts, separator: str = "") -> Markup:
    """Concatenate children, escaping the ones that are plain strings."""
    return Markup(_escape(separator).join(escape(p) for p in parts if p is not None))


def el(tag: str, attrs: dict | None = None, *children) -> Markup:
    """``<tag attr="value">children</tag>``; attributes with None/False are left out,
    True gives a bare boolean attribute, and names ending in ``_`` lose it (``class_``)."""
    parts = [tag]
    for name, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        parts.append(name if value is True else f'{name}="{escape(value)}"')
    opening = "<" + " ".join(parts) + ">"
    if tag in VOID:
        return Markup(opening)
    return Markup(opening + join(_flatten(children)) + f"</{tag}>")


def _flatten(children):
    for child in children:
        if isinstance(child, (list, tuple)):
            yield from _flatten(child)
        elif child is not None:
            yield child


def text_block(value) -> Markup:
    """Escaped multi-line text with line breaks kept (for messages citizens wrote)."""
    return Markup(escape(value).replace("\r\n", "\n").replace("\n", "<br>\n"))
