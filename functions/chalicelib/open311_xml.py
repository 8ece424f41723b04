"""GeoReport v2's XML shapes of the same dicts the JSON answers carry.

The specification wraps each answer in a root element and names each list item in the singular:
``<services><service>…``, ``<service_definition>…<attributes><attribute>…<values><value>``,
``<service_requests><request>…``, ``<errors><error>…``, ``<discovery>…<endpoints><endpoint>…
<formats><format>``. Booleans are ``true``/``false``, missing values empty elements. Built with
ElementTree, so every text a citizen or editor wrote is escaped.
"""
from xml.etree import ElementTree

CONTENT_TYPE = "text/xml; charset=utf-8"
ROOTS = {"services": ("services", "service"), "requests": ("service_requests", "request"),
         "errors": ("errors", "error")}
ITEMS = {"attributes": "attribute", "values": "value", "endpoints": "endpoint",
         "formats": "format"}


def document(kind: str, body) -> str:
    """``kind``: services | requests | errors (lists), service_definition | discovery (one)."""
    if kind in ROOTS:
        root_name, item_name = ROOTS[kind]
        root = ElementTree.Element(root_name)
        for item in body:
            _fill(ElementTree.SubElement(root, item_name), item)
    else:
        root = ElementTree.Element(kind)
        _fill(root, body)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(root, "unicode")


def _fill(element, value) -> None:
    if isinstance(value, dict):
        for name, inner in value.items():
            child = ElementTree.SubElement(element, name)
            if isinstance(inner, list):
                for item in inner:
                    _fill(ElementTree.SubElement(child, ITEMS.get(name, "item")), item)
            else:
                _fill(child, inner)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = str(value)
