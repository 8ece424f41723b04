"""Building Chalice responses: JSON, HTML, redirects, and the one error shape.

Every error a client of the JSON API sees has the shape ``{"errors": [{"field", "message"}]}``,
``field`` being null for errors that belong to no field.
"""
import json

from chalice import Response

JSON_TYPE = "application/json"
HTML_TYPE = "text/html; charset=utf-8"


def json_response(status: int, body, headers: dict | None = None) -> Response:
    text = json.dumps(body, ensure_ascii=False)
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate got this far: escape it, so it encodes
            text = json.dumps(body)
    return Response(body=text, status_code=status,
                    headers={"Content-Type": JSON_TYPE, **(headers or {})})


def errors(status: int, items, headers: dict | None = None) -> Response:
    """``items``: FieldError tuples or (field, message) pairs."""
    return json_response(status, {"errors": [{"field": f, "message": m} for f, m in items]},
                         headers)


def error(status: int, message: str, headers: dict | None = None) -> Response:
    return errors(status, [(None, message)], headers)


def html(status: int, page: str, headers: dict | None = None) -> Response:
    return Response(body=page, status_code=status,
                    headers={"Content-Type": HTML_TYPE, **(headers or {})})


def redirect(location: str, status: int = 303) -> Response:
    """A redirect with a tiny HTML body naming the target, for clients that do not follow."""
    from .htmlkit import el

    body = "<!DOCTYPE html>\n" + el("html", {}, el("head", {}, el("meta", {"charset": "utf-8"}),
                                                    el("title", {}, "303")),
                                    el("body", {}, el("p", {}, el("a", {"href": location},
                                                                  location))))
    return Response(body=body, status_code=status,
                    headers={"Location": location, "Content-Type": HTML_TYPE})


def wants_html(request) -> bool:
    """True when the client prefers HTML to JSON (a browser following a status link)."""
    accept = (request.headers.get("accept") or "").lower()
    if "text/html" not in accept:
        return False
    html_at = accept.find("text/html")
    json_at = accept.find("application/json")
    return json_at == -1 or html_at < json_at
