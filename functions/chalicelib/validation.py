"""Check a submission against its form, exactly by the contract's rules.

Input is what the body parser produced: for JSON the decoded values, for form posts strings
(or lists of strings for repeated names). Output is the cleaned values and a list of errors, each
``(field, message)`` with the message in the citizen's language taken from the contract
(``fields[].messages``), or from ``i18n`` for what the contract cannot say.

Message keys: ``required``, ``too_short``, ``too_long``, ``pattern``, ``invalid`` (wrong format
or not an offered option) and ``range`` (number or date outside ``min``/``max``; the compiler
writes it, and ``invalid`` stands in where a contract has none).

Rules (docs/forms-contract.md): limits apply to the trimmed value; ``select``/``radio`` values
must be one of ``options[].value``; ``checkbox`` is true for ``"on"``/``"true"``/``true``;
``checkboxes`` is a list of option values; the format each type implies (``date`` is
``YYYY-MM-DD``, ``postcode`` has 5 digits …) is the field's ``format`` in the contract, compiled
from civicat/fieldrules.py like the page's ``pattern``; lat/lon come both or neither.
"""
import math
import re
from datetime import date
from typing import NamedTuple

from . import i18n
from .contract import text

META_NAMES = ("lang", "submission_key", "started_at", "website")
LOCATION_NAMES = ("location_address", "location_lat", "location_lon")
SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
UPLOAD_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# Control characters a browser never sends in a text field; tab and newlines are handled apart.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRUE = ("on", "true", "1", "yes")
_FALSE = ("", "off", "false", "0", "no")
ADDRESS_MAX = 300


class FieldError(NamedTuple):
    field: str | None
    message: str

    def as_dict(self) -> dict:
        return {"field": self.field, "message": self.message}


class _Invalid(Exception):
    def __init__(self, key: str):
        self.key = key


def allowed_names(form) -> set:
    names = set(META_NAMES) | {field.name for field in form.fields}
    if form.consent:
        names.add("consent")
    if form.location:
        names.update(LOCATION_NAMES)
    if form.attachments:
        names.add("attachments")
    return names


def unknown_fields(form, values: dict, lang: str) -> list:
    allowed = allowed_names(form)
    return [FieldError(name, i18n.t("unknown_field", lang, name=name))
            for name in sorted(values) if name not in allowed]


def message(field, key: str, lang: str, default_lang: str) -> str:
    """The contract's message for ``key`` in ``lang``; for ``range`` the ``invalid`` one if the
    contract has no ``range``; i18n's generic one if the contract has neither."""
    for candidate in ((key, "invalid") if key == "range" else (key,)):
        found = text(field.messages.get(candidate), lang, default_lang)
        if found:
            return found
    generic = "invalid" if key == "range" else key
    number = {"too_long": field.max_length, "too_short": field.min_length}.get(generic)
    return i18n.t(f"field_{generic}", lang, **({"count": number} if number is not None else {}))


def validate_fields(form, values: dict, lang: str, default_lang: str) -> tuple[dict, list]:
    """Clean every field of ``form``; returns (clean values without empty optionals, errors)."""
    clean, errors = {}, []
    for field in form.fields:
        try:
            value = check_field(field, values.get(field.name))
        except _Invalid as problem:
            errors.append(FieldError(field.name, message(field, problem.key, lang, default_lang)))
            continue
        if value is not None:
            clean[field.name] = value
    return clean, errors


def check_field(field, raw):
    """The cleaned value of one field, or None when empty and optional; raises _Invalid."""
    kind = field.type
    if kind == "checkbox":
        checked = _checkbox(raw)
        if field.required and not checked:
            raise _Invalid("required")
        return checked
    if kind == "checkboxes":
        chosen = _list_of_strings(raw)
        if not chosen:
            if field.required:
                raise _Invalid("required")
            return None
        if any(value not in field.option_values for value in chosen):
            raise _Invalid("invalid")
        return list(dict.fromkeys(chosen))  # keep order, drop repeats
    if kind == "number" and isinstance(raw, (int, float)) and not isinstance(raw, bool):
        raw = repr(raw)
    value = _single_string(raw, multiline=(kind == "textarea"))
    if value == "":
        if field.required:
            raise _Invalid("required")
        return None
    if field.min_length is not None and len(value) < field.min_length:
        raise _Invalid("too_short")
    if field.max_length is not None and len(value) > field.max_length:
        raise _Invalid("too_long")
    value = _typed(field, value)
    if field.pattern is not None and not field.pattern.fullmatch(str(value)):
        raise _Invalid("pattern")
    return value


def _typed(field, value: str):
    kind = field.type
    # The type's format (e-mail address, telephone number, postcode, date) is the contract's.
    if field.format is not None and not field.format.fullmatch(value):
        raise _Invalid("invalid")
    if kind == "email":
        if len(value) > 254:
            raise _Invalid("invalid")
    elif kind == "tel":
        if sum(c.isdigit() for c in value) < 3:
            raise _Invalid("invalid")
    elif kind in ("select", "radio"):
        if value not in field.option_values:
            raise _Invalid("invalid")
    elif kind == "date":
        try:
            date.fromisoformat(value)
        except ValueError:
            raise _Invalid("invalid") from None
        if (field.min and value < str(field.min)) or (field.max and value > str(field.max)):
            raise _Invalid("range")
    elif kind == "number":
        number = _number(value)
        if number is None:
            raise _Invalid("invalid")
        if (field.min is not None and number < field.min) or \
                (field.max is not None and number > field.max):
            raise _Invalid("range")
        return number
    return value


def _number(value: str):
    """``12``, ``12.5`` or ``12,5`` (German decimal comma) → int or float; None if not a number."""
    candidate = value.replace(" ", "")
    if candidate.count(",") == 1 and "." not in candidate:
        candidate = candidate.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", candidate):
        return None
    number = float(candidate)
    if not math.isfinite(number):
        return None
    return int(number) if number.is_integer() and abs(number) < 2 ** 53 else number


def _single_string(raw, multiline: bool) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):  # a list here is a repeated name or a JSON array: not one value
        raise _Invalid("invalid")
    raw = _CONTROL.sub("", raw)
    if multiline:
        raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    else:
        raw = " ".join(raw.replace("\t", " ").splitlines())
    return raw.strip()


def _checkbox(raw) -> bool:
    if isinstance(raw, list):
        raw = raw[-1] if raw else None  # a hidden "off" before the box is a common pattern
    if raw is None or raw is False:
        return False
    if raw is True:
        return True
    if isinstance(raw, str) and raw.strip().lower() in _TRUE:
        return True
    if isinstance(raw, str) and raw.strip().lower() in _FALSE:
        return False
    raise _Invalid("invalid")


def _list_of_strings(raw) -> list:
    if raw is None or raw == "":
        return []
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
        raise _Invalid("invalid")
    return [v.strip() for v in raw if v.strip()]


# --- parts every form may have -----------------------------------------------------------------

def check_consent(form, values: dict, lang: str) -> list:
    if not form.consent:
        return []
    try:
        if _checkbox(values.get("consent")):
            return []
    except _Invalid:
        pass
    return [FieldError("consent", i18n.t("consent_required", lang))]


def check_location(form, values: dict, lang: str) -> tuple[dict | None, list]:
    """``{address, lat, lon}`` (missing parts None) or None when nothing was given."""
    if not form.location:
        return None, []
    errors = []
    try:
        address = _single_string(values.get("location_address"), multiline=False)
    except _Invalid:
        address = ""
        errors.append(FieldError("location_address", i18n.t("location_address_too_long", lang)))
    if len(address) > ADDRESS_MAX:
        errors.append(FieldError("location_address", i18n.t("location_address_too_long", lang)))
    lat = _coordinate(values.get("location_lat"), 90)
    lon = _coordinate(values.get("location_lon"), 180)
    if lat is False:
        errors.append(FieldError("location_lat", i18n.t("location_lat_invalid", lang)))
    if lon is False:
        errors.append(FieldError("location_lon", i18n.t("location_lon_invalid", lang)))
    if lat is not False and lon is not False and (lat is None) != (lon is None):
        missing = "location_lat" if lat is None else "location_lon"
        errors.append(FieldError(missing, i18n.t("location_both", lang)))
    if errors:
        return None, errors
    if not address and lat is None:
        return None, []
    return {"address": address or None, "lat": lat, "lon": lon}, []


def _coordinate(raw, limit: int):
    """A float within ±limit, None if empty, False if invalid."""
    if raw is None or raw == "":
        return None
    if isinstance(raw, bool):
        return False
    if isinstance(raw, (int, float)):
        number = float(raw)
    else:
        try:
            number = _number(_single_string(raw, multiline=False))
        except _Invalid:
            return False
        if number is None:
            return False
        number = float(number)
    if not math.isfinite(number) or abs(number) > limit:
        return False
    return round(number, 7)


def attachment_ids(form, values: dict, lang: str) -> tuple[list, list]:
    """The well-formed upload ids of the submission (existence is checked by uploads.service)."""
    if not form.attachments:
        return [], []
    raw = values.get("attachments")
    try:
        ids = _list_of_strings(raw)
    except _Invalid:
        return [], [FieldError("attachments", i18n.t("attachment_unknown", lang))]
    ids = list(dict.fromkeys(ids))
    if len(ids) > form.attachments.max_files:
        return [], [FieldError("attachments", i18n.t("attachments_too_many", lang,
                                                      count=form.attachments.max_files))]
    if not all(UPLOAD_ID.match(i) for i in ids):
        return [], [FieldError("attachments", i18n.t("attachment_unknown", lang))]
    return ids, []
