"""Value types of the catalogue: one validator and one editor-facing message per kind of value.

Each type is declared once here; the model uses it, the JSON Schema for editors is derived from it,
and the validator's message for a wrong value is the ``ValueError`` text raised below. Messages
are written for editors, not programmers: what was expected, with an example, and what was found.
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, PlainValidator, WithJsonSchema

LANG_RE = re.compile(r"^[a-z]{2,3}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The patterns go into the JSON Schema too, where editors' tools compile them as JavaScript regular
# expressions in unicode mode: no escapes that mode refuses (such as \").
EMAIL_RE = re.compile(r"""^[^@\s<>"',;]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$""")
# International or national German notation: +49 3621 214-0, 03621 2140, (03621) 214 0.
PHONE_RE = re.compile(r"^(?:\+[1-9][0-9]{0,2}|\(?0)[0-9 ()/\-]{4,24}[0-9]$")
URL_RE = re.compile(r"""^https?://[^\s/$.?#][^\s<>"]*$""")
LEIKA_RE = re.compile(r"^[0-9]{14}$")


def shown(value: Any) -> str:
    """How a wrong value is quoted back to the editor."""
    if isinstance(value, str):
        return f'"{value}"' if len(value) <= 60 else f'"{value[:57]}..."'
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)


def validate_text(value: Any) -> str | dict[str, str]:
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("text is empty — write the text, or remove the key if it is optional")
        return value
    if isinstance(value, dict):
        if not value:
            raise ValueError("no text given — write the text, or a map of languages like `de: …` and `en: …`")
        out: dict[str, str] = {}
        for lang, text in value.items():
            if not isinstance(lang, str) or not LANG_RE.match(lang):
                raise ValueError(
                    f"{shown(lang)} is not a language code — use two-letter codes like `de`, `en`, `ar`"
                )
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"the `{lang}` text is {shown(text)} — write the {lang} text in quotes or remove the `{lang}` line")
            out[lang] = text
        return out
    raise ValueError(
        f"expected text, got {shown(value)} — write the text, or a map like `de: …` / `en: …`"
        + (" (put numbers and `yes`/`no` in quotes)" if isinstance(value, (int, float, bool)) else "")
    )


_TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1, "description": "Text in the site's default language"},
        {
            "type": "object",
            "description": "The text per language, e.g. de: …, en: …, ar: …",
            "propertyNames": {"pattern": LANG_RE.pattern},
            "additionalProperties": {"type": "string", "minLength": 1},
            "minProperties": 1,
        },
    ]
}

Text = Annotated[str | dict[str, str], PlainValidator(validate_text), WithJsonSchema(_TEXT_SCHEMA)]


def is_text(annotation: Any) -> bool:
    """Whether a field's annotation is ``Text``: a plain string or a map of language → string."""
    return any(getattr(meta, "func", None) is validate_text for meta in getattr(annotation, "__metadata__", ()))
"""A text an editor writes: a string in the default language, or a map language → text."""


class Unquoted(ValueError):
    """A number where text belongs: the message names what was written (``errors`` knows it)."""

    def __init__(self, name: str, example: str):
        self.name, self.example = name, example
        super().__init__(f"expected {name} like {example}, got a number — put it in quotes")


def _pattern(name: str, regex: re.Pattern[str], example: str, hint: str = ""):
    def check(value: Any) -> str:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            raise Unquoted(name, example)
        if not isinstance(value, str) or not regex.match(value.strip()):
            raise ValueError(f"expected {name} like {example}, got {shown(value)}{hint}")
        return value.strip()

    return check


def _schema(pattern: re.Pattern[str], description: str, **extra: Any) -> WithJsonSchema:
    return WithJsonSchema({"type": "string", "pattern": pattern.pattern, "description": description, **extra})


Slug = Annotated[
    str,
    PlainValidator(_pattern("an id", SLUG_RE, '"dog-tax"', " — use lower-case letters, digits and single hyphens")),
    _schema(SLUG_RE, "An id: lower-case letters, digits and hyphens, e.g. dog-tax"),
]
Email = Annotated[
    str,
    PlainValidator(_pattern("an e-mail address", EMAIL_RE, '"buergerbuero@example.de"',
                           " — write it without spaces, with @ (not (at)) and a domain like example.de")),
    _schema(EMAIL_RE, "An e-mail address", format="email"),
]
Phone = Annotated[
    str,
    PlainValidator(
        _pattern("a phone number", PHONE_RE, '"+49 3621 214-0"', " — digits with +, spaces, hyphens, / or brackets only")
    ),
    _schema(PHONE_RE, "A phone number, preferably international: +49 3621 214-0"),
]
Url = Annotated[
    str,
    PlainValidator(_pattern("a web address", URL_RE, '"https://www.example.de/page"', " — start it with https://")),
    _schema(URL_RE, "A web address starting with https://", format="uri"),
]
LeikaKey = Annotated[
    str,
    BeforeValidator(lambda v: str(v) if isinstance(v, int) else v),
    PlainValidator(_pattern("a 14-digit LeiKa key", LEIKA_RE, '"99050012104000"')),
    _schema(LEIKA_RE, "The 14-digit key of the federal service catalogue (LeiKa / FIM), in quotes"),
]
LangCode = Annotated[
    str,
    PlainValidator(_pattern("a language code", LANG_RE, '"de"', " — use two-letter ISO 639-1 codes")),
    _schema(LANG_RE, "A language code like de, en, ar"),
]


def _money(value: Any) -> Decimal:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise ValueError(f"expected a number like 12.50, got {shown(value)}")
    try:
        amount = Decimal(str(value).strip()) if isinstance(value, (int, float, str)) else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        hint = " — write a dot, not a comma, and no currency sign" if isinstance(value, str) and re.search(r"\d", value) else ""
        raise ValueError(f"expected a number like 12.50, got {shown(value)}{hint}")
    if amount < 0:
        raise ValueError(f"expected an amount of 0 or more, got {value}")
    if amount.as_tuple().exponent < -2:  # type: ignore[operator]
        raise ValueError(f"expected at most two decimal places like 12.50, got {value}")
    return amount


Money = Annotated[
    Decimal,
    PlainValidator(_money),
    # No "multipleOf": 0.01 — validators test it in floating point, where 10.20 and 19.99 are not
    # multiples of 0.01; the two decimal places are civicat validate's check alone.
    WithJsonSchema({"type": "number", "minimum": 0, "description": "An amount in euros with at most two decimals, e.g. 12.50"}),
]


def _date(value: Any) -> _dt.date:
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
        german = re.match(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$", value.strip())
        if german:
            d, m, y = german.groups()
            raise ValueError(f'expected a date like 2026-03-31, got {shown(value)} — write it as {y}-{int(m):02d}-{int(d):02d}')
    raise ValueError(f"expected a date like 2026-03-31 (year-month-day), got {shown(value)}")


Date = Annotated[
    _dt.date,
    PlainValidator(_date),
    WithJsonSchema({"type": "string", "format": "date", "description": "A date written year-month-day, e.g. 2026-03-31"}),
]

TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
_SPAN = r"[0-9]{1,2}:[0-5][0-9] *- *[0-9]{1,2}:[0-5][0-9]"
TIMESPANS_RE = re.compile(rf"^ *{_SPAN}(?: *, *{_SPAN})* *$")


def _timespans(value: Any) -> str:
    if isinstance(value, str) and TIMESPANS_RE.match(value):
        return value.strip()
    from ..hours.lint import corrected_times

    better = corrected_times(value) if isinstance(value, str) else None
    raise ValueError(
        f'expected opening times like "09:00-11:00", got {shown(value)} — '
        + (f'did you mean "{better}"?' if better else
           'write only the times of these days, several separated by commas ("09:00-11:00,14:00-15:00"); the days are `start` and `end`'))


TimeSpans = Annotated[
    str,
    PlainValidator(_timespans),
    WithJsonSchema({"type": "string", "pattern": TIMESPANS_RE.pattern,
                    "description": 'Opening times on these days, e.g. "09:00-11:00" or "09:00-11:00,14:00-15:00"'}),
]


def _nonneg_int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"expected a whole number like 30, got {shown(value)} — write digits only, without quotes")
    return value


Count = Annotated[
    int, PlainValidator(_nonneg_int), WithJsonSchema({"type": "integer", "minimum": 0})
]


def nonempty_list(value: list[Any]) -> list[Any]:
    if not value:
        raise ValueError("the list is empty — add at least one entry or remove the key")
    return value


NonEmpty = AfterValidator(nonempty_list)
