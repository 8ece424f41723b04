"""OpenAPI 3 description of the public API, served at ``GET /openapi.json``.

Written by hand as a dict (the routes are few and their behaviour is the contract we promise);
only the list of form ids is filled in from ``forms.json``. The staff API is not described here:
it is not public. ``tests/functions/test_openapi_conformance.py`` runs schemathesis against the
served document to keep the two honest.
"""
from . import contract as contract_module
from .references import ALPHABET

_NULLABLE_STRING = {"type": "string", "nullable": True}
_REFERENCE = {"type": "string", "pattern": f"^[A-Z]{{1,10}}-[0-9]{{4}}-[{ALPHABET}]{{5}}$",
              "example": "HBN-2026-4F7KQ"}


def _json(schema_ref: str) -> dict:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_ref}"}}}


def _errors(description: str, html: bool = False) -> dict:
    content = _json("Errors")
    if html:
        content["text/html"] = {"schema": {"type": "string"}}
    return {"description": description, "content": content}


def _open311_error(description: str) -> dict:
    return {"description": description, "content": _json("Open311Errors")}


SUBMISSION_PROPERTIES = {
    "lang": {"type": "string", "description": "Language of the answer (site language code)."},
    "submission_key": {"type": "string", "pattern": "^[A-Za-z0-9_-]{16,64}$",
                       "description": "Idempotency key: the same key stores once."},
    "started_at": {"type": "integer", "minimum": 0,
                   "description": "Epoch milliseconds when the form page was rendered."},
    "website": {"type": "string", "maxLength": 0, "description": "Honeypot: leave empty."},
    "consent": {"type": "boolean"},
    "location_address": {"type": "string", "maxLength": 300},
    "location_lat": {"type": "number", "minimum": -90, "maximum": 90},
    "location_lon": {"type": "number", "minimum": -180, "maximum": 180},
    "attachments": {"type": "array", "items": {"type": "string"}, "maxItems": 10},
}


def spec() -> dict:
    contract = contract_module.load()
    form_ids = sorted(contract.forms)
    upload_form_ids = sorted(f.id for f in contract.forms.values() if f.attachments)
    form_id = {"name": "form_id", "in": "path", "required": True,
               "schema": {"type": "string", "enum": form_ids}}
    return {
        "openapi": "3.0.3",
        "info": {"title": "civicat forms API", "version": "1",
                 "description": "Citizens' submissions to the offices of "
                                f"{contract.site.title(contract.site.default_language)}: "
                                "forms, attachments, status, Open311."},
        "paths": {
            "/health": {"get": {
                "summary": "Liveness check", "operationId": "health",
                "responses": {"200": {"description": "Up", "content": _json("Health")}}}},
            "/forms/{form_id}": {"post": {
                "summary": "Submit a form", "operationId": "submitForm",
                "description": "JSON from the page's script answers 201/422 JSON; a form post "
                               "without JavaScript answers 303 to the status page (which thanks) or the form "
                               "again as HTML (422).",
                "parameters": [form_id],
                "requestBody": {"required": True, "content": {
                    "application/json": {"schema": {
                        "$ref": "#/components/schemas/Submission"}},
                    "application/x-www-form-urlencoded": {"schema": {
                        "$ref": "#/components/schemas/Submission"}}}},
                "responses": {
                    "200": {"description": "Already received (same submission_key)",
                            "content": _json("Accepted")},
                    "201": {"description": "Received", "content": _json("Accepted")},
                    "303": {"description": "Form post accepted: go to the status page, which thanks",
                            "headers": {"Location": {"schema": {"type": "string"}}},
                            "content": {"text/html": {"schema": {"type": "string"}}}},
                    "400": _errors("Body is not readable", html=True),
                    "404": _errors("Unknown form", html=True),
                    "413": _errors("Body too large", html=True),
                    "415": {"description": "Unsupported content type",
                            "content": {"application/json": {"schema": {"type": "object"}}}},
                    "422": _errors("Invalid submission (messages in the citizen's language)",
                                   html=True),
                    "429": {**_errors("Too many submissions from this client", html=True),
                            "headers": {"Retry-After": {"required": True,
                                                        "schema": {"type": "string"}}}},
                }}},
            "/forms/{form_id}/uploads": {"post": {
                "summary": "Announce an attachment and get where to upload it",
                "operationId": "announceUpload",
                "parameters": [{**form_id, "schema": {"type": "string",
                                                      "enum": upload_form_ids or form_ids}}],
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "$ref": "#/components/schemas/UploadRequest"}}}},
                "responses": {
                    "201": {"description": "Upload target", "content": _json("UploadTarget")},
                    "400": _errors("Body is not readable"),
                    "404": _errors("Unknown form or form without attachments"),
                    "413": _errors("Body too large"),
                    "415": {"description": "Unsupported content type",
                            "content": {"application/json": {"schema": {"type": "object"}}}},
                    "422": _errors("File type or size not allowed"),
                    "429": {**_errors("Too many uploads from this client"),
                            "headers": {"Retry-After": {"required": True,
                                                        "schema": {"type": "string"}}}},
                }}},
            "/status/{reference}": {"get": {
                "summary": "Status of a submission", "operationId": "getStatus",
                "parameters": [
                    {"name": "reference", "in": "path", "required": True, "schema": _REFERENCE},
                    {"name": "token", "in": "query", "required": True,
                     "schema": {"type": "string"}},
                    {"name": "lang", "in": "query", "required": False,
                     "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "Status", "content": {
                        **_json("Status"), "text/html": {"schema": {"type": "string"}}}},
                    "404": _errors("Unknown reference or wrong token", html=True),
                }}},
            "/search": {"get": {
                "summary": "The site's search results page (for browsers without JavaScript)",
                "operationId": "search",
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}},
                               {"name": "lang", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "Results page", "content": {
                    "text/html": {"schema": {"type": "string"}}}}}}},
            **_open311_paths(),
        },
        "components": {"schemas": {
            "Health": {"type": "object", "required": ["status"],
                       "properties": {"status": {"type": "string"},
                                      "forms": {"type": "integer"}}},
            "Submission": {"type": "object", "properties": SUBMISSION_PROPERTIES,
                           "additionalProperties": True,
                           "description": "Meta fields below plus the form's own fields by name "
                                          "(see forms.json)."},
            "Accepted": {"type": "object", "required": ["reference", "status_url", "status"],
                         "properties": {"reference": _REFERENCE,
                                        "status_url": {"type": "string"},
                                        "status": {"type": "string", "enum": ["received"]}}},
            "Errors": {"type": "object", "required": ["errors"], "properties": {"errors": {
                "type": "array", "items": {
                    "type": "object", "required": ["field", "message"],
                    "properties": {"field": _NULLABLE_STRING,
                                   "message": {"type": "string"}}}}}},
            "Status": {"type": "object",
                       "required": ["reference", "status", "created_at", "updated_at"],
                       "properties": {
                           "reference": _REFERENCE,
                           "status": {"type": "string",
                                      "enum": ["received", "in_progress", "answered"]},
                           "message": _NULLABLE_STRING,
                           "created_at": {"type": "string", "format": "date-time"},
                           "updated_at": {"type": "string", "format": "date-time"}}},
            "UploadRequest": {"type": "object", "required": ["filename", "content_type", "size"],
                              "properties": {"filename": {"type": "string", "maxLength": 200},
                                             "content_type": {"type": "string", "enum": [
                                                 "application/pdf", "image/jpeg", "image/png"]},
                                             "size": {"type": "integer", "minimum": 1},
                                             "lang": {"type": "string"}}},
            "UploadTarget": {"type": "object",
                             "required": ["upload_id", "method", "url", "fields"],
                             "properties": {"upload_id": {"type": "string"},
                                            "method": {"type": "string", "enum": ["POST"]},
                                            "url": {"type": "string"},
                                            "fields": {"type": "object",
                                                       "additionalProperties": {"type": "string"}},
                                            "file_field": {"type": "string"},
                                            "max_size_bytes": {"type": "integer"},
                                            "expires_at": {"type": "string"}}},
            "Open311Service": {"type": "object",
                               "required": ["service_code", "service_name", "metadata", "type"],
                               "properties": {
                                   "service_code": {"type": "string"},
                                   "service_name": {"type": "string"},
                                   "description": _NULLABLE_STRING,
                                   "metadata": {"type": "boolean"},
                                   "type": {"type": "string",
                                            "enum": ["realtime", "batch", "blackbox"]},
                                   "keywords": _NULLABLE_STRING, "group": _NULLABLE_STRING}},
            "Open311Definition": {"type": "object", "required": ["service_code", "attributes"],
                                  "properties": {"service_code": {"type": "string"},
                                                 "attributes": {"type": "array",
                                                                "items": {"type": "object"}}}},
            "Open311Request": {"type": "object",
                               "required": ["service_request_id", "status", "service_code",
                                            "requested_datetime"],
                               "properties": {
                                   "service_request_id": {"type": "string"},
                                   "status": {"type": "string", "enum": ["open", "closed"]},
                                   "service_code": {"type": "string"},
                                   "service_name": _NULLABLE_STRING,
                                   "requested_datetime": {"type": "string",
                                                          "format": "date-time"},
                                   "updated_datetime": {"type": "string", "format": "date-time",
                                                        "nullable": True},
                                   "address": _NULLABLE_STRING,
                                   "lat": {"type": "number", "nullable": True},
                                   "long": {"type": "number", "nullable": True}}},
            "Open311Created": {"type": "array", "items": {
                "type": "object", "required": ["service_request_id"],
                "properties": {"service_request_id": {"type": "string"},
                               "service_notice": _NULLABLE_STRING,
                               "account_id": _NULLABLE_STRING}}},
            "Open311Discovery": {"type": "object", "required": ["changeset", "endpoints"],
                                 "properties": {"changeset": {"type": "string"},
                                                "contact": {"type": "string"},
                                                "key_service": {"type": "string"},
                                                "endpoints": {"type": "array",
                                                              "items": {"type": "object"}}}},
            "Open311Errors": {"type": "array", "items": {
                "type": "object", "required": ["code", "description"],
                "properties": {"code": {"type": "integer"},
                               "description": {"type": "string"}}}},
        }},
    }


def _open311_list(name: str) -> dict:
    return {"application/json": {"schema": {"type": "array", "items": {
        "$ref": f"#/components/schemas/{name}"}}}}


def _open311_paths() -> dict:
    """GeoReport v2 in JSON at the URLs its clients call (``.json``), and without the suffix as
    before. The same paths with ``.xml`` answer the specification's XML shapes (not listed: this
    document describes JSON)."""
    lang = {"name": "lang", "in": "query", "schema": {"type": "string"}}
    services = {"get": {
        "summary": "Open311 service list (feedback forms)", "operationId": "open311Services",
        "parameters": [lang],
        "responses": {"200": {"description": "Services",
                              "content": _open311_list("Open311Service")}}}}
    requests = {
        "get": {
            "summary": "Open311 service requests (public fields only; texts after approval)",
            "operationId": "open311Requests",
            "parameters": [
                {"name": "service_request_id", "in": "query", "schema": {"type": "string"},
                 "description": "Comma-separated ids; overrides every other parameter."},
                {"name": "service_code", "in": "query", "schema": {"type": "string"}},
                {"name": "status", "in": "query",
                 "schema": {"type": "string", "enum": ["open", "closed"]}},
                {"name": "start_date", "in": "query",
                 "schema": {"type": "string", "format": "date-time"}},
                {"name": "end_date", "in": "query",
                 "schema": {"type": "string", "format": "date-time"}},
                lang],
            "responses": {
                "200": {"description": "Requests", "content": _open311_list("Open311Request")},
                "400": _open311_error("Bad query"),
                "404": _open311_error("Unknown service code")}},
        "post": {
            "summary": "Report a problem (Open311 POST requests)",
            "operationId": "open311Create",
            "requestBody": {"required": True, "content": {
                "application/x-www-form-urlencoded": {"schema": {
                    "type": "object", "required": ["service_code"],
                    "additionalProperties": {"type": "string"},
                    "properties": {name: {"type": "string"} for name in (
                        "api_key", "service_code", "lat", "long", "address_string",
                        "description", "email", "first_name", "last_name", "phone",
                        "media_url", "lang")}}}}},
            "responses": {
                "201": {"description": "Stored", "content": _json("Open311Created")},
                "200": {"description": "The same report again", "content":
                        _json("Open311Created")},
                "400": _open311_error("A parameter is missing or wrong (each named)"),
                "403": _open311_error("api_key missing or not valid"),
                "404": _open311_error("Unknown service code"),
                "413": _open311_error("Body too large"),
                "415": _open311_error("Unsupported content type"),
                "429": {**_open311_error("Too many reports from this client"),
                        "headers": {"Retry-After": {"required": True,
                                                    "schema": {"type": "string"}}}}}}}
    definition = {"get": {
        "summary": "Open311 service definition", "operationId": "open311Service",
        "parameters": [{"name": "service_code", "in": "path", "required": True,
                        "schema": {"type": "string"},
                        "description": "The code, with .json or .xml"},
                       lang],
        "responses": {
            "200": {"description": "Definition", "content": _json("Open311Definition")},
            "400": _open311_error("Unknown format"),
            "404": _open311_error("Unknown service code")}}}
    one = {"get": {
        "summary": "One Open311 service request", "operationId": "open311Request",
        "parameters": [{"name": "service_request_id", "in": "path", "required": True,
                        "schema": {"type": "string"},
                        "description": "The id, with .json or .xml"}, lang],
        "responses": {
            "200": {"description": "The request (as a list of one)",
                    "content": _open311_list("Open311Request")},
            "400": _open311_error("Unknown format"),
            "404": _open311_error("Unknown request")}}}
    discovery = {"get": {
        "summary": "Open311 discovery document", "operationId": "open311Discovery",
        "responses": {"200": {"description": "Discovery", "content": _json("Open311Discovery")}}}}

    def renamed(operation: dict, suffix: str) -> dict:
        return {method: {**op, "operationId": op["operationId"] + suffix}
                for method, op in operation.items()}

    return {
        "/open311/v2/discovery.json": discovery,
        "/open311/v2/services.json": services,
        "/open311/v2/services": renamed(services, "Plain"),
        "/open311/v2/services/{service_code}": definition,
        "/open311/v2/requests.json": requests,
        "/open311/v2/requests": renamed(requests, "Plain"),
        "/open311/v2/requests/{service_request_id}": one,
    }
