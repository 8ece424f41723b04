"""Open311 GeoReport v2 views of the feedback forms ("ideas and complaints").

What leaves here is public, so the rule is: nothing a citizen wrote is published until staff
approved it (``Store.set_published``). Always public: service code and name, status
(open/closed), dates, the responsible office, and the location's coordinates rounded to
``CIVICAT_OPEN311_DECIMALS`` places (3 ≈ 100 m). Only after approval: the description, the address
as the citizen typed it and the photo link (``media_url``). Never: names, e-mail addresses, phone
numbers, uploaded files, the office's message (it is addressed to the citizen), and nothing at all
of other kinds of forms (applications carry personal data).

The format (JSON or XML) is the caller's business (``open311_xml``); these are plain dicts.
"""
from . import clock, settings
from .contract import text

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
STATUS_MAP = {"received": "open", "in_progress": "open", "answered": "closed"}
DATATYPES = {"text": "string", "email": "string", "tel": "string", "postcode": "string",
             "textarea": "text", "number": "number", "date": "datetime",
             "select": "singlevaluelist", "radio": "singlevaluelist", "checkbox": "singlevaluelist",
             "checkboxes": "multivaluelist"}
# Fields GeoReport names itself (POST parameters), so the service definition leaves them out of
# ``attributes``: the description, and what a client asks of every person (name, e-mail, phone).
PERSONAL_AUTOCOMPLETE = ("name", "given-name", "family-name", "email", "tel")


def feedback_forms(contract) -> list:
    """The only forms Open311 shows: ideas and complaints. Applications never (personal data)."""
    return [form for form in contract.forms.values() if form.kind == "feedback"]


def description_field(form):
    """The field GeoReport's ``description`` fills: one named ``description``, else the first
    long text field; None if the form has neither."""
    return form.field("description") or next(
        (field for field in form.fields if field.type == "textarea"), None)


def contact_fields(form) -> dict:
    """GeoReport's person parameters → the form field that takes them (missing: none)."""
    found = {}
    for field in form.fields:
        token = (field.input.get("autocomplete") or "").lower()
        if field.type == "email" or token == "email":
            found.setdefault("email", field)
        elif field.type == "tel" or token == "tel":
            found.setdefault("phone", field)
        elif token == "given-name":
            found.setdefault("first_name", field)
        elif token == "family-name":
            found.setdefault("last_name", field)
        elif token == "name" or (field.name == "name" and field.type == "text"):
            found.setdefault("name", field)
    return found


def attribute_fields(form) -> list:
    """The form's fields a client fills as ``attribute[code]``: all but the ones GeoReport names."""
    named = {id(description_field(form))} | {id(f) for f in contact_fields(form).values()}
    return [field for field in form.fields if id(field) not in named]


def service(form, lang: str, default: str) -> dict:
    keywords = [text(o.label, lang, default) for f in form.fields if f.type in ("radio", "select")
                for o in f.options]
    return {"service_code": form.service_code, "service_name": text(form.title, lang, default),
            "description": None,
            "metadata": bool(attribute_fields(form)), "type": "batch",
            "keywords": ", ".join(keywords) or None, "group": form.kind}


def definition(form, lang: str, default: str) -> dict:
    attributes = []
    for order, field in enumerate(attribute_fields(form), start=1):
        attribute = {"variable": True, "code": field.name,
                     "datatype": DATATYPES.get(field.type, "string"),
                     "required": field.required,
                     "datatype_description": text(field.hint, lang, default) or None,
                     "order": order, "description": text(field.label, lang, default)}
        if field.type == "checkbox":
            attribute["values"] = [{"key": "true", "name": text(field.label, lang, default)}]
        elif field.options:
            attribute["values"] = [{"key": o.value, "name": text(o.label, lang, default)}
                                   for o in field.options]
        attributes.append(attribute)
    if form.consent:
        attributes.append({"variable": True, "code": "consent", "datatype": "singlevaluelist",
                           "required": True, "datatype_description": None,
                           "order": len(attributes) + 1,
                           "description": text(form.consent_text, lang, default) or "consent",
                           "values": [{"key": "true", "name": "true"}]})
    return {"service_code": form.service_code, "attributes": attributes}


def request(form, submission, lang: str, default: str, published: bool) -> dict:
    """One request as GeoReport publishes it; ``published``: staff approved its text."""
    location = submission.location or {}
    updated = submission.updated_at or submission.created_at
    field = description_field(form)
    description = submission.data.get(field.name) if field and published else None
    return {
        "service_request_id": submission.reference,
        "status": STATUS_MAP.get(submission.status, "open"),
        "status_notes": None,
        "service_name": text(form.title, lang, default),
        "service_code": form.service_code,
        "description": description if isinstance(description, str) else None,
        "agency_responsible": text(form.recipient.get("name"), lang, default) or None,
        "service_notice": None,
        "requested_datetime": w3c(submission.created_at),
        "updated_datetime": w3c(updated),
        "expected_datetime": None,
        "address": location.get("address") if published else None,
        "address_id": None,
        "zipcode": None,
        "lat": rounded(location.get("lat")),
        "long": rounded(location.get("lon")),
        "media_url": submission.data.get("media_url") if published else None,
    }


def rounded(coordinate):
    """A published coordinate, rounded so that it shows the street, not the house."""
    if coordinate is None:
        return None
    return round(float(coordinate), settings.open311_decimals())


def w3c(stored: str) -> str:
    """Open311 uses W3C date-times with an offset; ours are already UTC with ``Z``."""
    return clock.iso(clock.parse(stored)).replace(".000Z", "Z")


def discovery(site, endpoint_url: str, changeset: str) -> dict:
    """The discovery document (GeoReport v2, "Service Discovery")."""
    return {"changeset": changeset, "contact": f"{site.title(site.default_language)}: "
                                               f"{site.base_url}",
            "key_service": "Keys for POST requests are given by the administration on request "
                           "(api_key; only where configured).",
            "endpoints": [{"specification": SPECIFICATION, "url": endpoint_url,
                           "changeset": changeset, "type": "production",
                           "formats": ["application/json", "text/xml"]}]}
