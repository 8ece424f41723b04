"""``POST requests``: GeoReport v2's parameters onto the ideas-and-complaints form's fields.

A report sent by an Open311 client is a submission like one from the web form: the same
validation, rate limit, idempotency (the same post twice is one report), store and mail to the
office (``submissions.submit``). This module only translates, through the contract:

    service_code            → the feedback form with that code
    description             → the form's description field (``open311.description_field``)
    attribute[code]         → the field ``code``; ``attribute[code][]`` for several values
    lat, long               → location_lat, location_lon
    address_string          → location_address
    email, phone            → the form's e-mail and phone fields
    first_name, last_name   → the form's name field (joined), or its given/family name fields
    media_url               → kept with the report (``data["media_url"]``), shown to the office,
                              published only after approval

Personal data the form does not ask for (a phone number, a name, an e-mail address) is not
stored: the form is what the citizen was told we collect (data minimisation). The answer's
``service_notice`` names what was not kept, so nothing disappears unnoticed. A description, an
attribute or a location the service cannot take is an error naming the parameter.
``jurisdiction_id``, ``device_id`` and ``account_id`` identify the client, not the problem, and are
not kept. Errors name GeoReport's parameter, not our field.
"""
import re

from . import open311, settings

IGNORED = ("api_key", "jurisdiction_id", "device_id", "account_id", "lang", "service_code")
LOCATION = {"lat": "location_lat", "long": "location_lon", "address_string": "location_address"}
MEDIA_URL = re.compile(r"^https?://[^\s<>\"]{3,2000}$")
_ATTRIBUTE = re.compile(r"^attribute\[([^\]]*)\](\[\])?$")


class Mapped:
    def __init__(self):
        self.values: dict = {}
        self.extra: dict = {}
        self.errors: list = []          # (GeoReport parameter, message)
        self.not_kept: list = []        # personal parameters the form does not ask for
        self.param_of: dict = {}        # our field name → the parameter that filled it


def map_params(form, params: dict) -> Mapped:
    """The form's values from GeoReport's parameters (str, or list of str for repeated names)."""
    out = Mapped()
    described = open311.description_field(form)
    contacts = open311.contact_fields(form)
    attributes = {field.name for field in open311.attribute_fields(form)}
    if form.consent:
        attributes.add("consent")
    names = {}
    for param, raw in params.items():
        value = raw[-1] if isinstance(raw, list) and not param.endswith("[]") else raw
        attribute = _ATTRIBUTE.match(param)
        if param in IGNORED:
            continue
        if attribute:
            code = attribute.group(1)
            if code not in attributes:
                out.errors.append((param, f"this service has no attribute {code!r}; its "
                                          f"attributes are: {', '.join(sorted(attributes))}"))
                continue
            _put(out, code, raw if attribute.group(2) else value, param)
        elif param == "description":
            if described is None:
                out.errors.append((param, "this service takes no description; use its attributes"))
            else:
                _put(out, described.name, value, param)
        elif param in LOCATION:
            if not form.location:
                out.errors.append((param, "this service takes no location; leave it out"))
            else:
                _put(out, LOCATION[param], value, param)
        elif param == "address_id":
            if value:
                out.errors.append((param, "address ids are not known here; send address_string "
                                          "or lat and long instead"))
        elif param in ("email", "phone"):
            if value and param not in contacts:
                out.not_kept.append(param)
            elif param in contacts:
                _put(out, contacts[param].name, value, param)
        elif param in ("first_name", "last_name"):
            names[param] = value if isinstance(value, str) else ""
        elif param == "media_url":
            if value and not (isinstance(value, str) and MEDIA_URL.match(value.strip())):
                out.errors.append((param, "expected an http or https address of a photo, at most "
                                          "2000 characters"))
            elif value:
                out.extra["media_url"] = value.strip()
        # Other names are extensions of other servers: not ours to judge, and not kept.
    _names(out, form, contacts, names)
    if form.location and not any(out.values.get(f) not in (None, "") for f in LOCATION.values()):
        out.errors.append(("lat", "give the place: lat and long, or address_string"))
    return out


def _names(out: Mapped, form, contacts: dict, names: dict) -> None:
    given = (names.get("first_name") or "").strip()
    family = (names.get("last_name") or "").strip()
    if not (given or family):
        return
    if "first_name" in contacts or "last_name" in contacts:
        for param, part in (("first_name", given), ("last_name", family)):
            if part and param in contacts:
                _put(out, contacts[param].name, part, param)
            elif part:
                out.not_kept.append(param)
    elif "name" in contacts:
        _put(out, contacts["name"].name, " ".join(p for p in (given, family) if p),
             "first_name" if given else "last_name")
    else:
        out.not_kept.extend(p for p in ("first_name", "last_name") if names.get(p, "").strip())


def _put(out: Mapped, name: str, value, param: str) -> None:
    out.values[name] = value
    out.param_of[name] = param


def parameter(form, mapped: Mapped, field: str | None) -> str:
    """The GeoReport parameter to name in an error about one of our fields."""
    if field is None:
        return "request"
    if field in mapped.param_of:
        return mapped.param_of[field]
    described = open311.description_field(form)
    named = {ours.name: theirs for theirs, ours in open311.contact_fields(form).items()}
    named.update({ours: theirs for theirs, ours in LOCATION.items()})
    if described is not None:
        named[described.name] = "description"
    theirs = named.get(field) or f"attribute[{field}]"
    return "first_name" if theirs == "name" else theirs


def key_accepted(given) -> bool:
    """``api_key`` where ``CIVICAT_OPEN311_API_KEYS`` is set; anything when it is not."""
    keys = settings.open311_api_keys()
    if not keys:
        return True
    import hmac

    given = given if isinstance(given, str) else ""
    return any(hmac.compare_digest(given.encode(), key.encode()) for key in keys)
