"""Every rule of a form field that a browser and the forms API must agree on, in one place.

The compiled contract carries, per field, the control's HTML attributes (``input``: type,
``autocomplete``, ``inputmode``, ``pattern``, lengths …) and the check its type implies
(``format``, a regular expression the function matches the whole value against). The site's form
page and the function's own form page both render ``input`` as it is, and the function validates
with ``format``: nothing here is repeated in ``functions/`` or in ``civicat/render/forms.py``.
"""

from __future__ import annotations

from typing import Any

NUMBER = r"[+\-]?[0-9]+([.,][0-9]+)?"
"""A number as the function reads it: German decimal comma or point."""
COORDINATE = r"[+\-]?[0-9]{1,3}([.,][0-9]+)?"
"""Latitude and longitude (the location part every feedback form may have)."""
POSTCODE = "[0-9]{5}"
TEL = r"\+?[0-9 \(\)\/.\-]{3,}"
"""Written so that both Python's ``re`` and the browser's ``pattern`` (compiled with the ``v``
flag, which wants ( ) / - escaped inside a class) read it the same way."""
DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}"
EMAIL = (r"[^@\s<>(),;:\"\[\]\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
         r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,63}")
"""Only the function checks it; browsers have their own rule for ``type=email``."""

FORMATS = {"email": EMAIL, "tel": TEL, "postcode": POSTCODE, "date": DATE}
"""The check each type implies (message key ``invalid``), matched against the whole value."""
BROWSER_PATTERNS = {"tel": TEL, "postcode": POSTCODE, "number": NUMBER}
"""Put in ``pattern`` where the field has none of its own and the input type checks nothing."""
TEXTUAL = ("text", "email", "tel", "postcode", "number", "date")
"""Field types rendered as one ``<input>``."""
INPUT_TYPES = {"email": "email", "tel": "tel", "date": "date"}
"""HTML input types; every other textual type is ``text`` (GOV.UK: no ``type=number``)."""
AUTOCOMPLETE_BY_NAME = {"name": "name", "email": "email", "phone": "tel", "street": "street-address",
                        "postcode": "postal-code", "city": "address-level2"}
"""``autocomplete`` when the editor gave none: the usual field names of our forms."""
AUTOCOMPLETE_BY_TYPE = {"email": "email", "tel": "tel", "postcode": "postal-code"}


EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg,.jpeg", "image/png": ".png"}


def accept(types: list[str]) -> str:
    """A file input's ``accept``: the types, and their file name endings for systems that go by those."""
    return ",".join([*types, *(EXTENSIONS[t] for t in types if t in EXTENSIONS)])


def autocomplete(kind: str, name: str, given: str | None) -> str | None:
    """The editor's ``autocomplete``, else one guessed from the field's name or type."""
    return given or AUTOCOMPLETE_BY_NAME.get(name) or AUTOCOMPLETE_BY_TYPE.get(kind)


def input_attributes(kind: str, name: str, *, pattern: str | None, autocomplete_given: str | None,
                     min_length: int | None, max_length: int | None) -> dict[str, Any]:
    """The control's attributes besides id, name, class, value, ``required`` and ``aria-*``
    (which the page sets): in the order they are written."""
    attrs: dict[str, Any] = {}
    if kind in TEXTUAL:
        attrs["type"] = INPUT_TYPES.get(kind, "text")
    if kind in (*TEXTUAL, "textarea", "select"):
        attrs["autocomplete"] = autocomplete(kind, name, autocomplete_given)
    if kind in TEXTUAL:
        attrs["pattern"] = pattern or BROWSER_PATTERNS.get(kind)
    if kind in (*TEXTUAL, "textarea"):
        attrs["minlength"] = min_length
        attrs["maxlength"] = max_length
    if kind == "email":
        attrs.update(spellcheck="false", autocapitalize="none")
    elif kind == "postcode":
        attrs.update(inputmode="numeric", spellcheck="false")
    elif kind == "number":
        attrs.update(inputmode="decimal", spellcheck="false")
    return {key: value for key, value in attrs.items() if value is not None}


def type_format(kind: str) -> str | None:
    return FORMATS.get(kind)
