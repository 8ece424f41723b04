"""Open311 GeoReport v2 views of the feedback forms ("ideas and complaints").

Only public facts leave here: service code and name, status (open/closed), dates, and where the
problem is (address, lat/long). Never the description, names, e-mail addresses, photos or the
office's message — citizens did not agree to publish those.
"""
from . import clock
from .contract import text

STATUS_MAP = {"received": "open", "in_progress": "open", "answered": "closed"}
DATATYPES = {"text": "string", "email": "string", "tel": "string", "postcode": "string",
             "textarea": "text", "number": "number", "date": "datetime",
             "select": "singlevaluelist", "radio": "singlevaluelist", "checkbox": "singlevaluelist",
             "checkboxes": "multivaluelist"}


def feedback_forms(contract) -> list:
    return [form for form in contract.forms.values() if form.kind == "feedback"]


def service(form, lang: str, default: str) -> dict:
    return {"service_code": form.service_code, "service_name": text(form.title, lang, default),
            "description": None, "metadata": bool(form.fields), "type": "batch",
            "keywords": None, "group": form.kind}


def definition(form, lang: str, default: str) -> dict:
    attributes = []
    for order, field in enumerate(form.fields, start=1):
        attribute = {"variable": True, "code": field.name,
                     "datatype": DATATYPES.get(field.type, "string"),
                     "required": field.required, "datatype_description": None,
                     "order": order, "description": text(field.label, lang, default)}
        if field.type == "checkbox":
            attribute["values"] = [{"key": "true", "name": text(field.label, lang, default)}]
        elif field.options:
            attribute["values"] = [{"key": o.value, "name": text(o.label, lang, default)}
                                   for o in field.options]
        attributes.append(attribute)
    return {"service_code": form.service_code, "attributes": attributes}


def request(form, submission, lang: str, default: str) -> dict:
    location = submission.location or {}
    updated = submission.updated_at or submission.created_at
    return {
        "service_request_id": submission.reference,
        "status": STATUS_MAP.get(submission.status, "open"),
        "status_notes": None,
        "service_name": text(form.title, lang, default),
        "service_code": form.service_code,
        "description": None,
        "agency_responsible": text(form.recipient.get("name"), lang, default) or None,
        "service_notice": None,
        "requested_datetime": _datetime(submission.created_at),
        "updated_datetime": _datetime(updated),
        "expected_datetime": None,
        "address": location.get("address"),
        "address_id": None,
        "zipcode": None,
        "lat": location.get("lat"),
        "long": location.get("lon"),
        "media_url": None,
    }


def _datetime(stored: str) -> str:
    """Open311 uses W3C date-times with an offset; ours are already UTC with ``Z``."""
    return clock.iso(clock.parse(stored)).replace(".000Z", "Z")
